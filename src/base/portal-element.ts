import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalClient } from '../api/client.js';
import type { ConfigState, ConfigStore } from '../context/config-store.js';
import type { ThemeMode } from '../context/keys.js';
import { clientContext, configContext, localeContext, sessionContext, themeContext } from '../context/keys.js';
import { pageRoot } from '../context/page.js';
import type { SessionState, SessionStore } from '../context/session-store.js';
import type { Catalogue } from '../i18n/en.js';
import { LocalizeController, addEnglish, isRightToLeft } from '../i18n/localize.js';
import { installTokens } from '../theme/tokens.js';

/**
 * The base of every portal element: it receives the client, session, portal config, locale and
 * theme from the nearest `<portal-provider>` (or the page's), re-renders when the session or
 * config changes, and localizes through `this.localize`.
 *
 * Every element reads the global theme tokens below (light values shown; dark values apply with
 * `theme="dark"` or `prefers-color-scheme: dark`). Set any of them from `:root` or an ancestor.
 * @cssprop [--portal-color-accent=#4f46e5] - Brand colour: primary buttons, links, focus ring.
 * @cssprop [--portal-color-on-accent=#ffffff] - Text on the brand colour.
 * @cssprop --portal-font-family - Body font stack.
 * @cssprop --portal-font-family-mono - Code font stack.
 * @cssprop [--portal-font-size-xs=0.75rem] - Type scale step xs.
 * @cssprop [--portal-font-size-sm=0.875rem] - Type scale step sm.
 * @cssprop [--portal-font-size-md=1rem] - Type scale step md.
 * @cssprop [--portal-font-size-lg=1.125rem] - Type scale step lg.
 * @cssprop [--portal-font-size-xl=1.375rem] - Type scale step xl.
 * @cssprop [--portal-font-weight-normal=400] - Font weight: normal.
 * @cssprop [--portal-font-weight-medium=500] - Font weight: medium.
 * @cssprop [--portal-font-weight-bold=650] - Font weight: bold.
 * @cssprop [--portal-line-height=1.5] - Body line height.
 * @cssprop [--portal-space-1=0.25rem] - Spacing step 1.
 * @cssprop [--portal-space-2=0.5rem] - Spacing step 2.
 * @cssprop [--portal-space-3=0.75rem] - Spacing step 3.
 * @cssprop [--portal-space-4=1rem] - Spacing step 4.
 * @cssprop [--portal-space-5=1.5rem] - Spacing step 5.
 * @cssprop [--portal-space-6=2rem] - Spacing step 6.
 * @cssprop [--portal-radius-sm=4px] - Corner radius sm.
 * @cssprop [--portal-radius-md=8px] - Corner radius md.
 * @cssprop [--portal-radius-lg=12px] - Corner radius lg.
 * @cssprop [--portal-radius-pill=999px] - Corner radius pill.
 * @cssprop [--portal-focus-ring-width=2px] - Focus outline width.
 * @cssprop [--portal-focus-ring-offset=2px] - Focus outline offset.
 * @cssprop [--portal-motion-duration=150ms] - Transition length (0ms with reduced motion).
 * @cssprop --portal-motion-easing - Transition easing.
 * @cssprop [--portal-color-scheme=light] - `color-scheme` inside elements (`dark` in the dark theme).
 * @cssprop [--portal-color-bg=#ffffff] - Page background behind elements.
 * @cssprop [--portal-color-surface=#ffffff] - Cards, inputs and panels.
 * @cssprop [--portal-color-surface-raised=#f8fafc] - Hovered and raised surfaces.
 * @cssprop [--portal-color-surface-sunken=#f1f5f9] - Wells, code blocks, skeletons.
 * @cssprop [--portal-color-text=#0f172a] - Body text.
 * @cssprop [--portal-color-text-muted=#475569] - Secondary text.
 * @cssprop [--portal-color-border=#cbd5e1] - Borders of inputs and cards.
 * @cssprop [--portal-color-border-strong=#64748b] - Emphasized borders.
 * @cssprop --portal-color-link - Link text; derived from the accent unless set.
 * @cssprop --portal-color-focus-ring - Focus outline colour; derived from the accent unless set.
 * @cssprop [--portal-color-danger=#b91c1c] - Errors.
 * @cssprop [--portal-color-danger-bg=#fef2f2] - Error backgrounds.
 * @cssprop [--portal-color-success=#15803d] - Success.
 * @cssprop [--portal-color-success-bg=#f0fdf4] - Success backgrounds.
 * @cssprop [--portal-color-warning=#a16207] - Warnings.
 * @cssprop [--portal-color-warning-bg=#fefce8] - Warning backgrounds.
 * @cssprop [--portal-color-info=#1d4ed8] - Information.
 * @cssprop [--portal-color-info-bg=#eff6ff] - Information backgrounds.
 * @cssprop --portal-shadow-sm - Small shadow.
 * @cssprop --portal-shadow-md - Popover and dialog shadow.
 */
export class PortalElement extends LitElement {
  /** Strings, dates and numbers in the element's language. */
  protected readonly localize = new LocalizeController(this);

  /** The API client from the provider. */
  @consume({ context: clientContext, subscribe: true })
  @state()
  protected client: PortalClient | undefined;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  protected sessionStore: SessionStore | undefined;

  @consume({ context: configContext, subscribe: true })
  @state()
  protected configStore: ConfigStore | undefined;

  @consume({ context: localeContext, subscribe: true })
  @state()
  protected providerLang: string | undefined;

  @consume({ context: themeContext, subscribe: true })
  @state()
  protected providerTheme: ThemeMode | undefined;

  /** The session as last seen; elements render from it. */
  @state() protected session: SessionState = { status: 'signed-out' };

  /** The portal config state as last seen. */
  @state() protected configState: ConfigState = { status: 'loading' };

  #unwatch: (() => void)[] = [];
  #watchedSession: SessionStore | undefined;
  #watchedConfig: ConfigStore | undefined;
  #watching = false;
  /** Whether the `dir` attribute is ours (set from `lang`), not the host's. */
  #autoDir = false;

  /**
   * The language of this element (BCP 47). Falls back to the provider's `lang`, then to the
   * nearest `lang` attribute of the page, then English.
   */
  // Not reflected: an empty lang attribute would mark the content's language as unknown.
  @property() override lang = '';

  /** The element's resolved language. */
  get resolvedLang(): string {
    if (this.lang) return this.lang;
    if (this.providerLang) return this.providerLang;
    const closest = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    return closest || document.documentElement.lang || 'en';
  }

  /**
   * The element's own English strings (sections of `src/i18n/en/`), added to the catalogue when
   * the first instance is made: a page loads only the words of the elements on it.
   */
  static strings: readonly Catalogue[] = [];

  constructor() {
    super();
    // The page-level context providers, the token sheet and the element's words exist before any
    // element connects (done here rather than at module load so importing has no side effects).
    pageRoot();
    installTokens();
    addEnglish((this.constructor as typeof PortalElement).strings);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatching();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('sessionStore') || changed.has('configStore')) this.#watch();
    if (changed.has('lang')) reflectLang(this);
    if (changed.has('lang') || changed.has('providerLang')) this.#applyDirection();
    if (changed.has('providerTheme')) {
      const theme = this.providerTheme;
      if (theme === 'light' || theme === 'dark') this.setAttribute('data-portal-theme', theme);
      else this.removeAttribute('data-portal-theme');
    }
  }

  /**
   * A language given to the element or its provider also sets the writing direction (`dir`), so
   * `lang="ar"` lays the element out right to left on a left-to-right page. A language inherited
   * from the page leaves direction to the page, and a `dir` the host set itself is never touched.
   */
  #applyDirection(): void {
    const explicit = this.lang || this.providerLang;
    if (this.hasAttribute('dir') && !this.#autoDir) return;
    if (explicit) {
      this.setAttribute('dir', isRightToLeft(explicit) ? 'rtl' : 'ltr');
      this.#autoDir = true;
    } else if (this.#autoDir) {
      this.removeAttribute('dir');
      this.#autoDir = false;
    }
  }

  /** Follows the current session and config stores (they change when a provider appears). */
  #watch(): void {
    const session = this.sessionStore;
    const config = this.configStore;
    if (this.#watching && this.#watchedSession === session && this.#watchedConfig === config) return;
    this.#stopWatching();
    this.#watching = true;
    this.#watchedSession = session;
    this.#watchedConfig = config;
    if (session) {
      this.session = session.value;
      this.#unwatch.push(session.subscribe((value) => (this.session = value)));
    } else {
      // No provider serves this element (any more): nobody is signed in here.
      this.session = { status: 'signed-out' };
    }
    if (config) {
      this.configState = config.value;
      this.#unwatch.push(config.subscribe((value) => (this.configState = value)));
      config.load().catch(() => undefined);
    } else {
      this.configState = { status: 'loading' };
    }
  }

  #stopWatching(): void {
    for (const stop of this.#unwatch) stop();
    this.#unwatch = [];
    this.#watching = false;
    this.#watchedSession = undefined;
    this.#watchedConfig = undefined;
  }
}

/**
 * Mirrors a non-empty `lang` property to the attribute (so the browser and assistive technology
 * know the content's language) and removes an empty one rather than writing `lang=""`, which
 * would mark the content's language as unknown.
 */
export function reflectLang(el: HTMLElement & { lang: string }): void {
  if (el.lang) {
    if (el.getAttribute('lang') !== el.lang) el.setAttribute('lang', el.lang);
  } else if (el.hasAttribute('lang')) {
    el.removeAttribute('lang');
  }
}

/**
 * Registers `tag` for `ctor` unless the tag is taken. A host page may load two copies of the
 * library (a CDN tag and a bundled copy): the first wins and the second warns instead of throwing.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(`portal-elements: <${tag}> is already defined by another copy of the library; keeping the first.`);
  }
}
