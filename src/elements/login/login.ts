import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { AuthProvider, LoginMethod, Me, PortalConfig, Session } from '../../api/types.js';
import { PortalElement } from '../../base/portal-element.js';
import type { SessionState, SessionStore } from '../../context/session-store.js';
import type { MessageKey } from '../../i18n/en.js';
import type { MessageParams } from '../../i18n/localize.js';
import { PortalSessionExpiredEvent, PortalSignedInEvent, PortalSignedOutEvent } from '../../events.js';
import { baseStyles, controlStyles } from '../../theme/shared-styles.js';
import { loginStyles } from './login.styles.js';
import type { ReturnCodeState } from './return-code.js';
import { claimReturnCode, returnCode, takeReturnCode } from './return-code.js';
import { loginEn } from '../../i18n/en/login.js';

type Step = 'email' | 'code' | 'inbox';
type Mode = 'signin' | 'signup';
type Action = 'otp' | 'magic' | 'verify' | 'resend' | 'signout';
type Field = 'email' | 'name' | 'code';
type SignedIn = Extract<SessionState, { status: 'signed-in' }>;
/** The `login.error.*` messages, without the prefix. */
type ErrorKey<K = MessageKey> = K extends `login.error.${infer E}` ? E : never;
type FocusTarget = Field | 'alert' | 'step-heading' | 'form-heading' | 'signed-in' | 'account-button' | 'menu' | 'toggle';

/** An error, placed where it happened. */
interface Problem {
  /** The field it belongs to; undefined for the form-level alert. */
  field?: Field;
  message: string;
  /** What "Try again" does (repeats the action, or the link exchange); undefined when retrying now cannot help. */
  retry?: (() => void) | undefined;
}

const SSO_METHODS: readonly LoginMethod[] = ['google', 'microsoft', 'saml'];
const EMAIL_KEY = 'portal-elements:login:email';
/** A magic-link start returns no resend delay; wait this long before offering to send again. */
const LINK_RESEND_SECONDS = 30;
const DEFAULT_CODE_LENGTH = 6;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const SPINNER = html`<span class="spinner" aria-hidden="true"></span>`;

/** "Loading…" text; `busy` marks it `aria-busy`. */
function loading(text: string, busy = true): TemplateResult {
  return html`<p class="muted" aria-busy=${busy ? 'true' : nothing}>${text}</p>`;
}

/** Which expiry a page's `<portal-login>` elements already announced, per session store. */
const announcedExpiry = new WeakMap<SessionStore, SessionState>();

function readEmail(): string {
  try {
    return sessionStorage.getItem(EMAIL_KEY) ?? '';
  } catch {
    return '';
  }
}

function keepEmail(email: string): void {
  try {
    if (email) sessionStorage.setItem(EMAIL_KEY, email);
    else sessionStorage.removeItem(EMAIL_KEY);
  } catch {
    // Blocked storage: the email is kept for this page only.
  }
}

/** The current page without its hash: where magic links and SSO come back to. */
function returnAddress(): string {
  return location.href.split('#')[0] ?? '';
}

/**
 * Sign-in to the support portal, in every way the portal config allows: an emailed one-time
 * code, a magic link, SSO (Google, Microsoft, SAML) and self sign-up. It exchanges the
 * `#portal_code=…` a magic link, SSO return or invitation brings back (once per page, however many
 * login elements there are), shows who is signed in with a sign-out button, and asks to sign in
 * again when the session expires. `variant="compact"` is an account button with a menu for a
 * site header. Sign-in through any login element updates every portal element on the page.
 *
 * @summary Sign-in (code, magic link, SSO, sign-up), the signed-in account, and sign-out.
 * @tag portal-login
 *
 * @slot heading - Replaces the heading of the sign-in form ("Sign in to {portal}").
 * @slot legal - Text below the sign-in form, such as links to the terms and privacy policy.
 *
 * @csspart form - The email form and the code form.
 * @csspart heading - The element's own headings.
 * @csspart name-input - The name input of self sign-up.
 * @csspart email-input - The email input.
 * @csspart code-input - The one-time code input.
 * @csspart field-error - The message under an invalid input.
 * @csspart submit - The primary button of each form.
 * @csspart magic-link-button - "Email me a sign-in link" when both code and link are offered.
 * @csspart sso-button - A link that continues with an SSO provider.
 * @csspart divider - The "or" between email and SSO.
 * @csspart mode-toggle - Switches between signing in and creating an account.
 * @csspart resend - Sends a new code or link (shows the countdown while waiting).
 * @csspart back - "Use a different email".
 * @csspart alert - An error message for the form, with its retry button.
 * @csspart retry - The "Try again" button in an alert.
 * @csspart notice - The "session has ended" and "signing you in" notices.
 * @csspart account - The signed-in summary (full variant).
 * @csspart sign-out - The sign-out button or menu item.
 * @csspart account-button - The compact variant's account button.
 * @csspart avatar - The initials in the account button.
 * @csspart menu - The compact variant's account menu.
 * @csspart menu-item - An item of the account menu.
 * @csspart sign-in-button - The compact variant's "Sign in" button (opens the sign-in panel).
 * @csspart sign-in-link - The compact variant's "Sign in" link, when `sign-in-href` is set.
 * @csspart panel - The compact variant's sign-in panel.
 *
 * @cssprop [--portal-login-max-inline-size=26rem] - Widest the full variant grows.
 * @cssprop [--portal-login-gap=var(--portal-space-4)] - Space between the parts of a step.
 * @cssprop [--portal-login-input-block-size=2.75rem] - Height of inputs and buttons.
 * @cssprop [--portal-login-radius=var(--portal-radius-md)] - Corner radius of inputs and buttons.
 * @cssprop [--portal-login-code-font-size=var(--portal-font-size-xl)] - Size of the code digits.
 * @cssprop [--portal-login-code-letter-spacing=0.4em] - Space between the code digits.
 * @cssprop [--portal-login-avatar-background=var(--portal-color-accent)] - Background of the initials.
 * @cssprop [--portal-login-avatar-color=var(--portal-color-on-accent)] - Colour of the initials.
 * @cssprop [--portal-login-menu-inline-size=17rem] - Width of the account menu.
 * @cssprop [--portal-login-panel-inline-size=22rem] - Width of the compact variant's sign-in panel.
 *
 * @fires portal-signed-in - Someone signed in through this element. `event.user`, `event.organization`.
 * @fires portal-signed-out - The person signed out through this element.
 * @fires portal-session-expired - The server ended the session (fired once per page). `event.user`.
 */
export class PortalLogin extends PortalElement {
  static override styles = [baseStyles, controlStyles, loginStyles];
  static override strings = [loginEn];

  /** SSO providers the portal offers, filtered to the configured login methods. */
  readonly #providers = new Task(this, {
    task: async ([client, wanted], { signal }): Promise<AuthProvider[]> => {
      if (!client || !wanted) return [];
      const ids = wanted.split(',');
      const providers = await client.listAuthProviders({ signal });
      return providers.filter((p) => ids.includes(p.id));
    },
    args: () => [this.client, this.#ssoKey()] as const,
  });

  /** The sign-in step running now; a new one aborts the previous one's request. */
  readonly #action = new Task<[Action], void>(this, {
    autoRun: false,
    task: ([action], { signal }) => this.#perform(action, signal),
  });

  @state() private step: Step = 'email';
  @state() private mode: Mode = 'signin';
  @state() private email = readEmail();
  @state() private name = '';
  @state() private code = '';
  @state() private codeLength = DEFAULT_CODE_LENGTH;
  @state() private problem: Problem | null = null;
  @state() private announcement = '';
  /** When a new code or link may be sent (epoch ms); `now` ticks while we wait. */
  @state() private resendAt = 0;
  @state() private now = Date.now();
  @state() private returnState: ReturnCodeState = returnCode().value;
  /** The compact variant's menu or panel. */
  @state() private open = false;

  #focusAfterUpdate: FocusTarget | null = null;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #unwatchReturn: (() => void) | undefined;
  #lastAction: Action = 'otp';
  #previousStatus: SessionState['status'] = 'signed-out';
  #providersAborted = false;

  /** `full` (default): the sign-in card. `compact`: an account button with a menu, for a header. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  /**
   * Compact variant only: where "Sign in" links to (a sign-in page). Without it, "Sign in" opens
   * a panel with the sign-in form.
   */
  @property({ attribute: 'sign-in-href' }) signInHref = '';

  override connectedCallback(): void {
    super.connectedCallback();
    claimReturnCode();
    const store = returnCode();
    this.returnState = store.value;
    this.#unwatchReturn = store.subscribe((value) => (this.returnState = value));
    document.addEventListener('pointerdown', this.#onDocumentPointerDown);
    // Moved in the page: the countdown picks up where it was.
    if (this.resendAt > Date.now()) this.#startTicker();
    // Put back after a removal aborted the provider list: ask again.
    if (this.#providersAborted) {
      this.#providersAborted = false;
      void this.#providers.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatchReturn?.();
    this.#stopTicker();
    // Moving the element disconnects and reconnects it at once: only a removal ends its requests.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#action.abort();
      if (this.#providers.status === TaskStatus.PENDING) {
        this.#providersAborted = true;
        this.#providers.abort();
      }
    });
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('session')) this.#sessionChanged();
    if (this.returnState.status === 'claimed' && this.client && this.sessionStore) {
      const code = takeReturnCode();
      if (code) void this.#exchange(code);
    }
    if (changed.has('returnState') && this.returnState.status === 'failed' && this.variant === 'compact' && !this.signInHref) {
      // Only open the panel to show the failure when no full sign-in form on the page shows it.
      if (!document.querySelector('portal-login:not([variant="compact"])')) this.open = true;
    }
  }

  protected override updated(): void {
    const target = this.#focusAfterUpdate;
    if (!target) return;
    this.#focusAfterUpdate = null;
    const find = (name: FocusTarget): HTMLElement | null => this.renderRoot.querySelector<HTMLElement>(`[data-focus="${name}"]`);
    // Without an email form (SSO only) the form's heading takes the focus meant for the email.
    const el = find(target) ?? (target === 'email' && this.#config() ? find('form-heading') : null);
    if (el) el.focus();
    // Opened before the portal config arrived: focus the form when it appears.
    else if (!this.#config()) this.#focusAfterUpdate = target;
  }

  // ----- event handlers -----

  readonly #onDocumentPointerDown = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  /** Any of the three inputs (its id is its field): keeps its value and clears its error. */
  #onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const field = input.id as Field;
    let value = input.value;
    if (field === 'code') {
      // Pasted codes often carry spaces or dashes ("123 456"); keep the digits only.
      value = value.replace(/\D/g, '').slice(0, this.codeLength);
      if (input.value !== value) input.value = value;
    }
    this[field] = value;
    if (field === 'email') keepEmail(value.trim());
    if (this.problem?.field === field) this.problem = null;
    if (field === 'code' && value.length === this.codeLength && !this.#busy()) void this.#run('verify');
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.step === 'code') {
      void this.#run('verify');
      return;
    }
    const wantsLink =
      (event.submitter as HTMLElement | null)?.dataset['action'] === 'magic' || (!this.#methods().includes('otp') && this.mode === 'signin');
    void this.#run(wantsLink ? 'magic' : 'otp');
  }

  /** Back to the email step, forgetting the code, its error and the resend countdown. */
  #restart(): void {
    this.step = 'email';
    this.code = '';
    this.problem = null;
    this.resendAt = 0;
  }

  #useDifferentEmail(): void {
    this.#action.abort();
    this.#restart();
    this.#focusAfterUpdate = 'email';
  }

  #toggleMode(): void {
    this.mode = this.mode === 'signin' ? 'signup' : 'signin';
    this.problem = null;
    this.#focusAfterUpdate = this.mode === 'signup' ? 'name' : 'email';
  }

  /** Runs a failed link exchange again, with the code kept for it. */
  #retryExchange(): void {
    const state = this.returnState;
    if (state.status !== 'failed' || !state.code) return;
    returnCode().update({ status: 'pending' });
    void this.#exchange(state.code);
  }

  #toggleOpen(): void {
    this.open = !this.open;
    if (this.open) {
      this.#focusAfterUpdate =
        this.session.status === 'signed-in' ? 'menu' : this.step === 'code' ? 'code' : this.step === 'inbox' ? 'step-heading' : 'email';
    }
  }

  #onAccountKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      this.open = false;
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.open = true;
      this.#focusAfterUpdate = 'menu';
    }
  }

  #onMenuKeyDown(event: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const count = items.length;
    const index = items.indexOf(event.target as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: count - 1 };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      items[(to + count) % count]?.focus();
    } else if (event.key === 'Tab') {
      this.open = false;
    } else {
      this.#onEscape(event, 'account-button');
    }
  }

  /** Escape closes the menu or panel and puts focus back on what opened it. */
  #onEscape(event: KeyboardEvent, focus: FocusTarget): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.open = false;
    this.#focusAfterUpdate = focus;
  }

  // ----- public methods -----

  /**
   * Signs in with a JWT from the host site's backend (`POST /auth/identity`), without any login
   * UI. Resolves with who signed in; rejects with the `PortalError` (401 for a rejected token),
   * which is also shown in the element.
   */
  async signInWithIdentityToken(jwt: string, options: { signal?: AbortSignal } = {}): Promise<Me> {
    const { client, sessionStore } = this;
    if (!client || !sessionStore) throw new Error('portal-login: no <portal-provider> on the page yet');
    // Called by the host page, often with focus elsewhere: take focus only from this element.
    const hadFocus = this.matches(':focus-within');
    try {
      const me = await this.#signIn(sessionStore, () => client.signInWithIdentity(jwt, options), options.signal);
      this.#signedIn(me, hadFocus);
      return me;
    } catch (error) {
      if (!isAbortError(error)) {
        const focusLost = document.activeElement === document.body || document.activeElement === null;
        this.#show(this.#describe(error, 'identity'), this.matches(':focus-within') || (hadFocus && focusLost));
      }
      throw error;
    }
  }

  /** Signs out on this page and on the server. */
  async signOut(): Promise<void> {
    await this.#run('signout');
  }

  // ----- actions -----

  async #run(action: Action): Promise<void> {
    this.#lastAction = action;
    const problem = this.#validate(action);
    if (problem) {
      this.#show(problem);
      return;
    }
    this.problem = null;
    // A failed link's message has done its job once the person asks for a new one.
    if (this.returnState.status === 'failed') returnCode().update({ status: 'none' });
    return this.#action.run([action]);
  }

  #validate(action: Action): Problem | null {
    if (action === 'otp' && this.mode === 'signup' && !this.name.trim()) return this.#problem('nameRequired', 'name');
    if ((action === 'otp' || action === 'magic') && !EMAIL_PATTERN.test(this.email.trim())) return this.#problem('emailInvalid', 'email');
    if (action === 'verify' && this.code.length !== this.codeLength) return this.#problem('codeIncomplete', 'code', { count: this.codeLength });
    return null;
  }

  async #perform(action: Action, signal: AbortSignal): Promise<void> {
    const { client, sessionStore } = this;
    if (!client || !sessionStore) return;
    const t = this.localize.t.bind(this.localize);
    // Taken now: by the time sign-in completes, the input that had focus may be gone.
    const hadFocus = this.matches(':focus-within');
    const email = this.email.trim();
    const resend = action === 'resend';
    try {
      if (action === 'verify') {
        this.#signedIn(await this.#signIn(sessionStore, () => client.verifyOtp({ email, code: this.code }, { signal }), signal), hadFocus);
      } else if (action === 'signout') {
        await sessionStore.signOut();
        this.#announce(t('login.signedOutAnnounce'));
        this.#focusAfterUpdate = this.variant === 'compact' ? 'toggle' : 'email';
        this.open = false;
        this.dispatchEvent(new PortalSignedOutEvent());
      } else if (action === 'magic' || (resend && this.step === 'inbox')) {
        await client.startMagicLink({ email, redirectUrl: returnAddress() }, { signal });
        this.#startCountdown(LINK_RESEND_SECONDS);
        if (resend) {
          this.#announce(t('login.resent'));
        } else {
          this.step = 'inbox';
          this.#announce(t('login.linkSentAnnounce', { email }));
          this.#focusAfterUpdate = 'step-heading';
        }
      } else {
        const signup = this.mode === 'signup';
        const started = await client.startOtp(signup ? { email, name: this.name.trim(), signup } : { email }, { signal });
        this.codeLength = started.codeLength || DEFAULT_CODE_LENGTH;
        this.#startCountdown(started.resendAfterSeconds);
        if (resend) this.code = '';
        else this.step = 'code';
        this.#announce(resend ? t('login.resent') : t('login.codeSentAnnounce', { email }));
        this.#focusAfterUpdate = 'code';
      }
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      // Rate limited on sending: hold "Send again" back for as long as the server asks.
      if (action !== 'verify' && action !== 'signout' && isPortalError(error) && error.status === 429 && error.retryAfter) {
        this.#startCountdown(error.retryAfter);
      }
      this.#show(this.#describe(error, action === 'verify' ? 'verify' : 'start'));
    }
  }

  /** Signs in with the session `start` gets, putting the session back as it was when that fails. */
  async #signIn(sessionStore: SessionStore, start: () => Promise<Session>, signal?: AbortSignal): Promise<Me> {
    const previous = sessionStore.value;
    sessionStore.beginSignIn();
    try {
      return await sessionStore.signIn(await start(), { signal });
    } catch (error) {
      sessionStore.cancelSignIn(previous);
      throw error;
    }
  }

  async #exchange(code: string): Promise<void> {
    const { client, sessionStore } = this;
    if (!client || !sessionStore) return;
    try {
      const me = await this.#signIn(sessionStore, () => client.exchangeCode(code));
      returnCode().update({ status: 'done' });
      this.#signedIn(me);
    } catch (error) {
      // A server or network failure did not use the code up: keep it so "Try again" can.
      const retryable = !isPortalError(error) || error.status === 0 || error.status >= 500;
      returnCode().update(retryable ? { status: 'failed', error, code } : { status: 'failed', error });
      this.#announce(this.#describe(error, 'exchange').message);
    }
  }

  #signedIn(me: Me, hadFocus = this.matches(':focus-within')): void {
    this.#restart();
    this.open = false;
    this.#announce(this.localize.t('login.signedInAs', { name: me.user.name }));
    if (hadFocus) this.#focusAfterUpdate = this.variant === 'compact' ? 'account-button' : 'signed-in';
    this.dispatchEvent(new PortalSignedInEvent(me));
  }

  #show(problem: Problem, moveFocus = true): void {
    this.problem = problem;
    if (moveFocus) this.#focusAfterUpdate = problem.field ?? 'alert';
  }

  /** Says something in the live region, even when it is what was said last. */
  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = message;
    });
  }

  #problem(key: ErrorKey, field?: Field, params?: MessageParams): Problem {
    return { field, message: this.localize.t(`login.error.${key}`, params) };
  }

  /** Turns a failure into words, placed on the field it concerns when there is one. */
  #describe(error: unknown, context: 'start' | 'verify' | 'identity' | 'exchange'): Problem {
    const action = this.#lastAction;
    const retry =
      context === 'identity' ? undefined : context === 'exchange' ? this.#retryExchange : () => void this.#run(action);
    const general = { message: this.localize.error(error) };
    if (!isPortalError(error) || error.status === 0) return { ...general, retry };
    const { status, code } = error;
    if (context === 'exchange' && (code === 'code_expired' || code === 'code_used' || [401, 404, 422].includes(status))) {
      return this.#problem(code === 'code_expired' ? 'linkExpired' : code === 'code_used' ? 'linkUsed' : 'linkInvalid');
    }
    if (context === 'identity' && [401, 403, 422].includes(status)) return this.#problem('identity');
    if (status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
      return code === 'otp_too_many_attempts' ? this.#problem('tooManyAttempts', 'code', { count: minutes }) : general;
    }
    if (status === 422) {
      if (code === 'otp_invalid') return this.#problem('codeWrong', 'code');
      if (code === 'otp_expired') return this.#problem('codeExpired', 'code');
      if (context === 'start' && error.fieldError('name') !== undefined && this.mode === 'signup') {
        // The server's own words may be untranslated or say too much: use the catalogue's.
        return this.#problem('nameRequired', 'name');
      }
      if (error.fieldError('email') !== undefined) return this.#problem('emailInvalid', this.step === 'email' ? 'email' : undefined);
      if (error.fieldError('code') !== undefined && this.step === 'code') return this.#problem('codeWrong', 'code');
      return general;
    }
    if (status === 401 || status === 403) return this.#problem('unauthorized');
    return status >= 500 ? { ...general, retry } : { message: this.localize.t('error.unknown'), retry };
  }

  #startCountdown(seconds: number): void {
    this.now = Date.now();
    this.resendAt = this.now + Math.max(0, seconds) * 1000;
    if (seconds > 0) this.#startTicker();
    else this.#stopTicker();
  }

  #startTicker(): void {
    this.#stopTicker();
    this.now = Date.now();
    this.#ticker = setInterval(() => {
      this.now = Date.now();
      if (this.now >= this.resendAt) this.#stopTicker();
    }, 1000);
  }

  #stopTicker(): void {
    clearInterval(this.#ticker);
  }

  #sessionChanged(): void {
    const session = this.session;
    const was = this.#previousStatus;
    this.#previousStatus = session.status;
    if (session.status === 'expired' && was !== 'expired') {
      if (!this.email && session.user) this.email = session.user.email;
      // Only a session that just ended restarts the flow: a failed sign-in after an expiry goes
      // from signing-in back to expired, and the person stays where they were (at the code).
      if (was === 'signed-in') this.step = 'email';
      const store = this.sessionStore;
      if (store && announcedExpiry.get(store) !== session) {
        announcedExpiry.set(store, session);
        this.#announce(this.localize.t('common.signInAgain'));
        this.dispatchEvent(new PortalSessionExpiredEvent(session.user));
      }
    }
    if (session.status === 'signed-in' && was !== 'signed-in') {
      // Someone signed in elsewhere on the page (another login element, the provider): drop
      // any half-finished flow here.
      this.#restart();
      keepEmail('');
    }
  }

  // ----- helpers -----

  #config(): PortalConfig | undefined {
    return this.configState.status === 'ready' ? this.configState.config : undefined;
  }

  #methods(): LoginMethod[] {
    return this.#config()?.loginMethods ?? [];
  }

  #ssoKey(): string {
    return this.#methods()
      .filter((m) => SSO_METHODS.includes(m))
      .join(',');
  }

  #busy(action?: Action): boolean {
    return this.#action.status === TaskStatus.PENDING && (!action || this.#lastAction === action);
  }

  // ----- render -----

  protected override render(): unknown {
    const compact = this.variant === 'compact';
    const session = this.session;
    const signedIn = session.status === 'signed-in';
    // Slots are never rendered conditionally: where the sign-in form is not shown they are hidden.
    return html`${session.status === 'signed-in' ? this.#renderAccount(session, compact) : compact ? this.#renderSignIn() : this.#renderFlow()}${signedIn ||
      (compact && this.signInHref)
        ? html`<div hidden><slot name="heading"></slot><slot name="legal"></slot></div>`
        : nothing}<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  /** The signed-out flow: the email step, the code step or "check your inbox". */
  #renderFlow(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const config = this.#config();
    const signingIn = (this.session.status === 'signing-in' && !this.#busy()) || this.returnState.status === 'pending';
    let body: TemplateResult;
    if (this.configState.status === 'error') {
      body = this.#renderAlert({ message: t('provider.configError'), retry: this.#retryConfig }, false);
    } else if (!config) {
      body = loading(t('common.loading'));
    } else if (signingIn) {
      body = html`<p class="notice" part="notice">${SPINNER}${t('login.verifying')}</p>`;
    } else if (this.step === 'email') {
      body = this.#renderEmailStep(config);
    } else {
      body = this.#renderSentStep();
    }
    return html`<div class="flow">
      <div class="heading" ?hidden=${this.step !== 'email' || signingIn}>
        <slot name="heading"
          ><h2 part="heading" tabindex="-1" data-focus="form-heading">
            ${t(this.mode === 'signup' ? 'login.signupHeading' : 'login.heading', { portal: config?.name ?? '' })}
          </h2></slot
        >
      </div>
      ${body}
      <div class="legal"><slot name="legal"></slot></div>
    </div>`;
  }

  #retryConfig(): void {
    void this.configStore?.load({ force: true }).catch(() => undefined);
  }

  #renderEmailStep(config: PortalConfig): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const methods = config.loginMethods;
    const otp = methods.includes('otp');
    const magic = methods.includes('magic_link');
    const emailMethods = otp || magic;
    const sso = methods.some((m) => SSO_METHODS.includes(m));
    const signupAllowed = config.selfSignup && otp;
    const signup = this.mode === 'signup' && signupAllowed;
    const busy = this.#busy('otp') || this.#busy('magic');
    const primaryIsLink = !otp && magic;
    const state = this.returnState;
    let exchangeProblem: Problem | undefined;
    if (state.status === 'failed') {
      const problem = this.#describe(state.error, 'exchange');
      exchangeProblem = state.code ? problem : { message: problem.message };
    }
    return html`
      ${this.session.status === 'expired' ? html`<p class="notice warning" part="notice">${t('common.signInAgain')}</p>` : nothing}
      ${exchangeProblem ? this.#renderAlert(exchangeProblem) : nothing}
      ${!emailMethods && !sso ? html`<p class="notice" part="notice">${t('login.error.noMethods')}</p>` : nothing}
      ${emailMethods
        ? this.#renderForm(
            busy,
            html`${signup ? this.#renderField('name', t('login.nameLabel'), 'name') : nothing}
            ${this.#renderField('email', t('login.emailLabel'), 'email')}`,
            html`${this.#renderSubmit(
              busy,
              signup ? t('login.createAccount') : t(primaryIsLink ? 'login.sendLink' : 'login.sendCode'),
              t('common.sending'),
              primaryIsLink ? 'magic' : 'otp',
            )}
            ${otp && magic && !signup
              ? html`<button class="button submit" part="magic-link-button" type="submit" data-action="magic" ?disabled=${busy}>${t('login.sendLink')}</button>`
              : nothing}`,
          )
        : nothing}
      ${sso && !signup ? this.#renderSso(emailMethods) : nothing}
      ${signupAllowed
        ? html`<p class="switch">
            ${t(signup ? 'login.signinPrompt' : 'login.signupPrompt')}
            <button class="link" part="mode-toggle" type="button" @click=${this.#toggleMode}>${t(signup ? 'common.signIn' : 'login.signupLink')}</button>
          </p>`
        : nothing}
    `;
  }

  /** The email or the code form: its inputs, then the form's alert, then its buttons. */
  #renderForm(busy: boolean, fields: unknown, buttons: unknown): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.#onSubmit} aria-busy=${String(busy)}>
      ${fields} ${this.#renderFormAlert()} ${buttons}
    </form>`;
  }

  #renderSubmit(busy: boolean, label: string, busyLabel: string, action?: 'otp' | 'magic'): TemplateResult {
    return html`<button class="button submit" part="submit" data-variant="primary" type="submit" data-action=${action ?? nothing} ?disabled=${busy}>
      ${busy ? html`${SPINNER}${busyLabel}` : label}
    </button>`;
  }

  /** A labelled input with its error (and for the code, its hint) tied to it. */
  #renderField(field: Field, label: string, autocomplete: string, hint?: string): TemplateResult {
    const error = this.problem?.field === field ? this.problem.message : '';
    const code = field === 'code';
    const describedBy = [error && `${field}-error`, hint && 'code-hint'].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        part="${field}-input"
        data-focus=${field}
        type=${field === 'email' ? 'email' : 'text'}
        inputmode=${code ? 'numeric' : nothing}
        autocomplete=${autocomplete}
        pattern=${code ? '[0-9]*' : nothing}
        spellcheck="false"
        required
        .value=${live(this[field])}
        aria-invalid=${String(!!error)}
        aria-describedby=${describedBy || nothing}
        @input=${this.#onInput}
      />
      ${hint ? html`<p class="hint" id="code-hint">${hint}</p>` : nothing}
      ${error ? html`<p class="field-error" part="field-error" id="${field}-error">${error}</p>` : nothing}
    </div>`;
  }

  #renderFormAlert(): TemplateResult | typeof nothing {
    return this.problem && !this.problem.field ? this.#renderAlert(this.problem) : nothing;
  }

  #renderSso(divider: boolean): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const back = returnAddress();
    return html`
      ${divider ? html`<p class="divider" part="divider"><span>${t('login.or')}</span></p>` : nothing}
      ${this.#providers.render({
        initial: () => loading(t('login.ssoLoading'), false),
        pending: () => loading(t('login.ssoLoading')),
        error: () => this.#renderAlert({ message: t('login.ssoError'), retry: () => void this.#providers.run() }, false),
        complete: (providers) => html`<ul class="sso">
          ${providers.map((provider) => {
            const url = new URL(provider.authorizeUrl, location.href);
            url.searchParams.set('redirect_uri', back);
            return html`<li>
              <a class="button submit" part="sso-button" data-provider=${provider.id} href=${url.href}
                ><span class="sso-mark" data-provider=${provider.id} aria-hidden="true"></span>${t('login.ssoWith', { provider: provider.name })}</a
              >
            </li>`;
          })}
        </ul>`,
      })}
    `;
  }

  /** After sending: the code form, or "check your inbox" for a link; both offer to send again. */
  #renderSentStep(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const inbox = this.step === 'inbox';
    const email = this.email.trim();
    const wait = Math.max(0, Math.ceil((this.resendAt - this.now) / 1000));
    const busy = this.#busy('verify');
    const heading = html`<h2 part="heading" tabindex="-1" data-focus="step-heading">${t(inbox ? 'login.inboxHeading' : 'login.codeHeading')}</h2>
      <p class="lead">${inbox ? t('login.linkSent', { email }) : t('login.codeSent', { email })}</p>`;
    // Any step under way (a sign-in, too) would be cancelled by a new send: wait for it.
    return html`
      ${inbox
        ? html`<div class="inbox">
              <span class="inbox-icon" aria-hidden="true"
                ><svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
                  <rect x="3" y="5" width="18" height="14" rx="2.5"></rect>
                  <path d="m4 7 8 6 8-6"></path></svg
              ></span>
              ${heading}
            </div>
            ${this.#renderFormAlert()}`
        : html`${heading}
          ${this.#renderForm(
            busy,
            this.#renderField('code', t('login.codeLabel'), 'one-time-code', t('login.codeHint', { count: this.codeLength })),
            this.#renderSubmit(busy, t('common.signIn'), t('login.verifying')),
          )}`}
      <div class="row">
        <button class="button quiet" part="resend" type="button" ?disabled=${wait > 0 || this.#busy()} @click=${() => void this.#run('resend')}>
          ${this.#busy('resend')
            ? t('common.sending')
            : wait > 0
              ? t('login.resendIn', { count: wait })
              : t(inbox ? 'login.resendLink' : 'login.resend')}
        </button>
        <button class="button quiet" part="back" type="button" @click=${this.#useDifferentEmail}>${t('login.differentEmail')}</button>
      </div>
    `;
  }

  /** An error with its "Try again"; `focusable` ones take the focus when they appear. */
  #renderAlert(problem: Problem, focusable = true): TemplateResult {
    return html`<div class="alert" part="alert" tabindex=${focusable ? '-1' : nothing} data-focus=${focusable ? 'alert' : nothing}>
      <p>${problem.message}</p>
      ${problem.retry
        ? html`<button class="button" part="retry" type="button" @click=${problem.retry}>${this.localize.t('common.retry')}</button>`
        : nothing}
    </div>`;
  }

  /** Who is signed in: a card (full variant) or an account button with a menu (compact). */
  #renderAccount({ user, organization }: SignedIn, compact: boolean): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const avatar = html`<span class=${compact ? 'avatar' : 'avatar large'} part="avatar" aria-hidden="true">${initials(user.name)}</span>`;
    const name = html`<p class="who-name">${user.name}</p>`;
    const details = html`<dl class="details">
      ${[
        [t('login.email'), user.email],
        [t('login.organization'), organization.name],
        [t('login.role'), t(user.role === 'customer_admin' ? 'login.role.customer_admin' : 'login.role.customer')],
      ].map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}
    </dl>`;
    if (!compact) {
      const busy = this.#busy('signout');
      return html`<section class="account" part="account" aria-labelledby="signed-in-heading">
        <div class="account-head">
          ${avatar}
          <div><h2 id="signed-in-heading" part="heading" tabindex="-1" data-focus="signed-in">${t('login.signedInHeading')}</h2>${name}</div>
        </div>
        ${details} ${this.#renderFormAlert()}
        <button class="button" part="sign-out" type="button" ?disabled=${busy} @click=${this.signOut}>
          ${t(busy ? 'login.signingOut' : 'login.signOut')}
        </button>
      </section>`;
    }
    return html`<div>
      <button
        id="account-button"
        class="account-button"
        part="account-button"
        data-focus="account-button"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${String(this.open)}
        aria-controls="account-menu"
        @click=${this.#toggleOpen}
        @keydown=${this.#onAccountKeyDown}
      >
        ${avatar}
        <span class="visually-hidden">${t('login.accountPrefix')}</span>
        <span class="account-name">${user.name}</span>
        <span class="chevron" aria-hidden="true"></span>
      </button>
      <div id="menu-panel" class="popover" ?hidden=${!this.open}>
        <div id="who" class="who">${name} ${details}</div>
        <div id="account-menu" role="menu" part="menu" aria-labelledby="account-button" aria-describedby="who" @keydown=${this.#onMenuKeyDown}>
          <button role="menuitem" class="menu-item" part="menu-item sign-out" type="button" tabindex="-1" data-focus="menu" @click=${this.signOut}>
            ${t('login.signOut')}
          </button>
        </div>
      </div>
    </div>`;
  }

  /** The compact variant's "Sign in": a link to `sign-in-href`, or a button opening the form. */
  #renderSignIn(): TemplateResult {
    const label = this.localize.t('common.signIn');
    if (this.signInHref) {
      return html`<a class="button compact-sign-in" part="sign-in-link" data-focus="toggle" href=${this.signInHref}>${label}</a>`;
    }
    return html`<div>
      <button
        class="button compact-sign-in"
        part="sign-in-button"
        data-focus="toggle"
        data-variant=${this.session.status === 'expired' ? 'primary' : 'default'}
        type="button"
        aria-expanded=${String(this.open)}
        aria-controls="panel"
        @click=${this.#toggleOpen}
      >
        ${label}
      </button>
      <div id="panel" class="popover panel" part="panel" role="group" aria-label=${label} ?hidden=${!this.open} @keydown=${(event: KeyboardEvent) => this.#onEscape(event, 'toggle')}>
        ${this.#renderFlow()}
      </div>
    </div>`;
  }
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase();
}
