import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LocalizeController } from '../i18n/localize.js';

// The states every element shows the same way: loading, a notice (signed out, not allowed,
// nothing here), the session that ended, and an error with "Try again". Their look is in
// `controlStyles` (`.muted`, `.notice`, `.alert`); the parts are `notice`, `alert` and `retry`.

/** Text shown while something loads; `busy` (the default) marks it `aria-busy`. */
export function loadingView(text: string, busy = true): TemplateResult {
  return html`<p class="muted" aria-busy=${ifDefined(busy ? 'true' : undefined)}>${text}</p>`;
}

/** A notice such as "Sign in to see this" or "This ticket is closed". */
export function noticeView(message: unknown): TemplateResult {
  return html`<p class="notice" part="notice">${message}</p>`;
}

/** "Your session has ended…": focusable, so an element can move the focus to it. */
export function expiredView(localize: LocalizeController): TemplateResult {
  return html`<p class="notice warning" part="notice" tabindex="-1">${localize.t('common.signInAgain')}</p>`;
}

/**
 * What went wrong, with "Try again" when `retry` is given (`disabled` while something else is
 * under way). With a `focus` name the alert takes `tabindex="-1"` and `data-focus`, so the
 * element can move the focus to it.
 */
export function alertView(localize: LocalizeController, message: unknown, retry?: () => void, focus?: string, disabled = false): TemplateResult {
  return html`<div class="alert" part="alert" tabindex=${ifDefined(focus === undefined ? undefined : '-1')} data-focus=${ifDefined(focus)}>
    <p>${message}</p>
    ${retry
      ? html`<button class="button" part="retry" type="button" ?disabled=${disabled} @click=${retry}>${localize.t('common.retry')}</button>`
      : nothing}
  </div>`;
}
