import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalClient } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import type { ThemeMode } from '../../context/keys.js';
import { reflectLang } from '../../base/portal-element.js';
import { claimPage, createProviders, pageRoot, provide, releasePage, updatePage } from '../../context/page.js';
import type { PortalServices } from '../../context/services.js';
import { createServices, DEFAULT_API_BASE } from '../../context/services.js';
import type { TokenStorage } from '../../context/session-store.js';
import { PortalSessionChangeEvent, PortalSignedInEvent } from '../../events.js';
import { installTokens } from '../../theme/tokens.js';

/**
 * Configures the portal and provides one API client, one session, the portal config, the locale
 * and the theme to every portal element inside it, and, as the page's provider, to portal
 * elements anywhere else on the page. The first provider connected on a page is the page's.
 *
 * @summary Provides the API client, session, config, locale and theme to portal elements.
 * @tag portal-provider
 * @slot - The page content holding portal elements (any markup).
 * @fires portal-session-change - The session changed: signed in, signed out or expired. `event.session` is the new state.
 * @fires portal-signed-in - An `identity-token` sign-in succeeded. `event.user`, `event.organization`.
 */
export class PortalProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  readonly #providers = createProviders(this);

  #services: PortalServices | null = null;
  #unsubscribeSession: (() => void) | null = null;
  #builtFor = '';
  #builtWith: PortalClient | undefined;

  /** Base URL of the portal REST API. */
  @property({ attribute: 'api-base' }) apiBase = DEFAULT_API_BASE;

  /**
   * `omit` (default): the session token is sent as a bearer token. `include`: the server keeps the
   * session in an HttpOnly cookie; requests send cookies and unsafe ones `X-Portal-CSRF: 1`.
   */
  @property() credentials: 'omit' | 'include' = 'omit';

  /** Where the session token is kept across reloads: `memory`, `session` or `local`. */
  @property({ attribute: 'token-storage' }) tokenStorage: TokenStorage = 'session';

  /** Language of every element inside (BCP 47); defaults to the page's `<html lang>`. */
  // Not reflected: an empty lang attribute would mark the content's language as unknown.
  @property() override lang = '';

  /** `auto` follows the system's `prefers-color-scheme`; `light` and `dark` force one. */
  @property({ reflect: true }) theme: ThemeMode = 'auto';

  /**
   * Any object implementing `PortalClient`, used instead of the REST client (an adapter for
   * another helpdesk, or a test double). `api-base` and `credentials` are then ignored.
   */
  @property({ attribute: false }) client: PortalClient | undefined;

  /**
   * A JWT signed by the host site's backend for the person signed in to the host site. The
   * provider exchanges it (`POST /auth/identity`) for a portal session without showing any login
   * UI, so the host's own login becomes the portal's. Set it again with a fresh token to renew.
   */
  @property({ attribute: 'identity-token' }) identityToken = '';

  #identityUsed = '';
  #identityAbort: AbortController | null = null;

  /** The services this provider hands out (client, session store, config store). */
  get services(): PortalServices {
    return (this.#services ??= this.#createServices());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after an interrupted identity sign-in: run it again.
    if (this.hasUpdated && this.identityToken && !this.#identityUsed) this.requestUpdate();
    installTokens();
    pageRoot();
    this.#publish();
    this.services.session.attach();
    claimPage(this, this.services);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A provider that leaves (a route change in a single-page app) stops following other tabs.
    this.#services?.session.detach();
    if (this.#identityAbort && !this.#identityAbort.signal.aborted) {
      // An identity sign-in cut short by leaving the page runs again if the provider comes back.
      this.#identityAbort.abort();
      this.#identityUsed = '';
    }
    releasePage(this);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('lang')) reflectLang(this);
    if (!this.#services) return;
    if (this.#builtFor !== this.#backendKey() || this.#builtWith !== this.client) {
      // A different backend means a different client and session: rebuild them.
      this.#services.session.dispose();
      this.#services = this.#createServices();
    }
    this.#services.locale = this.lang || undefined;
    this.#services.theme = this.theme;
    this.#publish();
    updatePage(this, this.#services);
  }

  protected override updated(): void {
    const token = this.identityToken;
    if (!token || token === this.#identityUsed || !this.isConnected) return;
    this.#identityUsed = token;
    // A newer token replaces a sign-in still under way with the older one.
    this.#identityAbort?.abort();
    const abort = (this.#identityAbort = new AbortController());
    // An attribute has nobody to hand a rejection to: the host hears of success through
    // portal-signed-in and of failure through the session staying signed out.
    this.signInWithIdentityToken(token, { signal: abort.signal })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) console.warn('portal-elements: the identity-token sign-in failed', error);
      })
      .finally(() => {
        if (this.#identityAbort === abort) this.#identityAbort = null;
      });
  }

  /**
   * Signs in with a JWT from the host site's backend (`POST /auth/identity`), with no login UI.
   * Resolves with who signed in; rejects with the `PortalError` (401 for a rejected token).
   */
  async signInWithIdentityToken(jwt: string, options: { signal?: AbortSignal } = {}): Promise<Me> {
    const { client, session } = this.services;
    const previous = session.value;
    session.beginSignIn();
    let me: Me;
    try {
      me = await session.signIn(await client.signInWithIdentity(jwt, options), options);
    } catch (error) {
      session.cancelSignIn(previous);
      throw error;
    }
    this.dispatchEvent(new PortalSignedInEvent(me));
    return me;
  }

  protected override render(): unknown {
    return html`<slot></slot>`;
  }

  #backendKey(): string {
    return `${this.apiBase}|${this.credentials}|${this.tokenStorage}`;
  }

  #createServices(): PortalServices {
    this.#unsubscribeSession?.();
    this.#builtFor = this.#backendKey();
    this.#builtWith = this.client;
    const services = createServices({
      apiBase: this.apiBase,
      credentials: this.credentials,
      tokenStorage: this.tokenStorage,
      lang: this.lang,
      theme: this.theme,
      client: this.client,
    });
    this.#unsubscribeSession = services.session.subscribe((state) => this.dispatchEvent(new PortalSessionChangeEvent(state)));
    void services.config.load().catch(() => undefined);
    return services;
  }

  #publish(): void {
    provide(this.#providers, this.services);
  }
}
