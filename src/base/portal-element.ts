import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalClient } from '../api/client.js';
import type { ConfigState, ConfigStore } from '../context/config-store.js';
import type { ThemeMode } from '../context/keys.js';
import { clientContext, configContext, localeContext, sessionContext, themeContext } from '../context/keys.js';
import { pageRoot } from '../context/page.js';
import type { SessionState, SessionStore } from '../context/session-store.js';
import { LocalizeController } from '../i18n/localize.js';
import { installTokens } from '../theme/tokens.js';

// The page-level context providers and the token sheet exist before any element connects, so
// the order in which lazily loaded elements are defined does not matter.
if (typeof document !== 'undefined') {
  pageRoot();
  installTokens();
}

/**
 * The base of every portal element: it receives the client, session, portal config, locale and
 * theme from the nearest `<portal-provider>` (or the page's), re-renders when the session or
 * config changes, and localizes through `this.localize`.
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

  /**
   * The language of this element (BCP 47). Falls back to the provider's `lang`, then to the
   * nearest `lang` attribute of the page, then English.
   */
  @property({ reflect: true }) override lang = '';

  /** The element's resolved language. */
  get resolvedLang(): string {
    if (this.lang) return this.lang;
    if (this.providerLang) return this.providerLang;
    const closest = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    return closest || document.documentElement.lang || 'en';
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
    if (changed.has('providerTheme')) {
      const theme = this.providerTheme;
      if (theme === 'light' || theme === 'dark') this.setAttribute('data-portal-theme', theme);
      else this.removeAttribute('data-portal-theme');
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
    }
    if (config) {
      this.configState = config.value;
      this.#unwatch.push(config.subscribe((value) => (this.configState = value)));
      config.load().catch(() => undefined);
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
