/**
 * A markdown text area with Write and Preview tabs. The preview goes through the shared markdown
 * pipeline (`renderMarkdown`, message mode), whose chunk loads only when Preview is first opened.
 * Used by `<portal-ticket-form>` for the description and by `<portal-thread>` for its composer.
 */
import { css, html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { LocalizeController } from '../i18n/localize.js';
import { renderMarkdown } from '../markdown/index.js';

export type EditorTab = 'write' | 'preview';

/** What {@link MarkdownEditorController.render} shows. */
export interface MarkdownEditorOptions {
  /** The text area's id; the tabs and messages derive theirs from it. */
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  help?: string | undefined;
  placeholder?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  rows?: number;
  /** For `paste` on the text area (for example to attach pasted images). */
  onPaste?: (event: ClipboardEvent) => void;
  /** For `keydown` on the text area (for example Ctrl+Enter to send). */
  onKeyDown?: (event: KeyboardEvent) => void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Holds the editor's tab and preview and renders it into the host's shadow root (so the label,
 * text area and error share one root, as `aria-describedby` needs).
 *
 * ```ts
 * readonly #editor = new MarkdownEditorController(this, this.localize);
 * html`${this.#editor.render({ id: 'body', label: 'Description', value: this.body, onInput: (v) => (this.body = v) })}`;
 * ```
 */
export class MarkdownEditorController {
  readonly #host: Host;
  readonly #localize: LocalizeController;
  tab: EditorTab = 'write';
  #id = '';
  #preview: { source: string; html: string } | null = null;
  #previewError = false;

  constructor(host: Host, localize: LocalizeController) {
    this.#host = host;
    this.#localize = localize;
  }

  /** Shows a tab; `focus` moves focus to that tab. */
  select(tab: EditorTab, source: string, focus = false): void {
    this.tab = tab;
    if (tab === 'preview') void this.#renderPreview(source);
    this.#host.requestUpdate();
    if (focus) void this.#afterUpdate(`#${this.#id}-${tab}-tab`);
  }

  /** Back to Write and focus the text area (for an error on it). */
  focus(): void {
    this.tab = 'write';
    this.#host.requestUpdate();
    void this.#afterUpdate(`#${this.#id}`);
  }

  async #afterUpdate(selector: string): Promise<void> {
    await (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #renderPreview(source: string): Promise<void> {
    if (this.#preview?.source === source) return;
    this.#previewError = false;
    try {
      const rendered = await renderMarkdown(source);
      this.#preview = { source, html: rendered.html };
    } catch {
      this.#previewError = true;
    }
    this.#host.requestUpdate();
  }

  render(options: MarkdownEditorOptions): TemplateResult {
    const { id, value } = options;
    this.#id = id;
    const t = this.#localize.t.bind(this.#localize);
    const writing = this.tab === 'write';
    const describedBy = [options.help ? `${id}-help` : '', options.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const keydown = (event: KeyboardEvent): void => {
      const other = writing ? 'preview' : 'write';
      const keys: Record<string, EditorTab> = { ArrowLeft: other, ArrowRight: other, Home: 'write', End: 'preview' };
      const tab = keys[event.key];
      if (!tab) return;
      event.preventDefault();
      this.select(tab, value, true);
    };
    const tab = (name: EditorTab, label: string): TemplateResult => html`<button
      id="${id}-${name}-tab"
      class="editor-tab"
      part="editor-tab"
      type="button"
      role="tab"
      aria-selected=${this.tab === name ? 'true' : 'false'}
      aria-controls="${id}-${name}-panel"
      tabindex=${this.tab === name ? '0' : '-1'}
      @click=${() => this.select(name, value)}
    >
      ${label}
    </button>`;
    const preview = this.#preview?.source === value ? this.#preview : null;
    return html`<div class="field editor" part="editor">
      <div class="editor-head">
        <label for=${id}>${options.label}${options.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing}</label>
        <div class="editor-tabs" role="tablist" aria-label=${t('editor.tabs', { label: options.label })} @keydown=${keydown}>
          ${tab('write', t('editor.write'))}${tab('preview', t('editor.preview'))}
        </div>
      </div>
      <div id="${id}-write-panel" role="tabpanel" aria-labelledby="${id}-write-tab" ?hidden=${!writing}>
        <textarea
          id=${id}
          part="input editor-input"
          rows=${options.rows ?? 8}
          placeholder=${ifDefined(options.placeholder)}
          ?required=${options.required}
          ?disabled=${options.disabled}
          aria-invalid=${options.error ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy)}
          .value=${live(value)}
          @input=${(e: Event) => options.onInput((e.target as HTMLTextAreaElement).value)}
          @paste=${ifDefined(options.onPaste)}
          @keydown=${ifDefined(options.onKeyDown)}
        ></textarea>
      </div>
      <div id="${id}-preview-panel" class="editor-preview prose" part="editor-preview" role="tabpanel" tabindex="0" aria-labelledby="${id}-preview-tab" ?hidden=${writing}>
        ${writing
          ? nothing
          : this.#previewError
            ? html`<p class="field-error">${t('editor.previewError')}</p>`
            : !value.trim()
              ? html`<p class="muted">${t('editor.empty')}</p>`
              : preview
                ? unsafeHTML(preview.html)
                : html`<p class="muted">${t('common.loading')}</p>`}
      </div>
      <p class="hint" part="field-help" id="${id}-help" ?hidden=${!options.help}>${options.help ?? ''}</p>
      ${options.error ? html`<p class="field-error" part="field-error" id="${id}-error">${options.error}</p>` : nothing}
    </div>`;
  }
}

/** Styles of the editor (use with `controlStyles` and `fieldStyles` for the label, text area, preview and messages). */
export const markdownEditorStyles = css`
  .editor-head {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: var(--portal-space-2);
  }
  .editor-head label {
    font-weight: var(--portal-font-weight-medium);
  }
  .editor-tabs {
    display: flex;
    gap: var(--portal-space-1);
  }
  .editor-tab {
    min-block-size: 2rem;
    padding: var(--portal-space-1) var(--portal-space-3);
    border: 1px solid transparent;
    border-radius: var(--portal-radius-sm);
    background: none;
    color: var(--portal-color-text-muted);
    font: inherit;
    font-size: var(--portal-font-size-sm);
    cursor: pointer;
  }
  .editor-tab[aria-selected='true'] {
    border-color: var(--portal-color-border);
    background: var(--portal-color-surface-sunken);
    color: var(--portal-color-text);
    font-weight: var(--portal-font-weight-medium);
  }
  .editor-preview {
    min-block-size: 8rem;
    padding: var(--portal-space-2) var(--portal-space-3);
    border: 1px solid var(--portal-color-border);
    border-radius: var(--_radius, var(--portal-radius-md));
  }
`;
