import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { AuthProvider, LoginMethod, Me, PortalConfig } from '../../api/types.js';
import { PortalElement } from '../../base/portal-element.js';
import type { SessionState, SessionStore } from '../../context/session-store.js';
import { PortalSessionExpiredEvent, PortalSignedInEvent, PortalSignedOutEvent } from '../../events.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { loginStyles } from './login.styles.js';
import type { ReturnCodeState } from './return-code.js';
import { claimReturnCode, returnCode, takeReturnCode } from './return-code.js';

type Step = 'email' | 'code' | 'inbox';
type Mode = 'signin' | 'signup';
type Action = 'otp' | 'magic' | 'verify' | 'resend' | 'signout';
type Field = 'email' | 'name' | 'code';
type FocusTarget = Field | 'alert' | 'step-heading' | 'form-heading' | 'signed-in' | 'account-button' | 'menu' | 'toggle';

/** An error, placed where it happened. */
interface Problem {
  /** The field it belongs to; undefined for the form-level alert. */
  field?: Field;
  message: string;
  /** What "Try again" repeats (an action, or the link exchange); undefined when retrying now cannot help. */
  retry?: Action | 'exchange';
}

const SSO_METHODS: readonly LoginMethod[] = ['google', 'microsoft', 'saml'];
const EMAIL_KEY = 'portal-elements:login:email';
/** A magic-link start returns no resend delay; wait this long before offering to send again. */
const LINK_RESEND_SECONDS = 30;
const DEFAULT_CODE_LENGTH = 6;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  const url = new URL(location.href);
  url.hash = '';
  return url.href;
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
  static override styles = [baseStyles, loginStyles];

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
  #unwatchReturn: (() => void) | null = null;
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
    this.#unwatchReturn = null;
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
      if (code) void this.#exchange(code, this.sessionStore);
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

  #onEmailInput(event: Event): void {
    this.email = (event.target as HTMLInputElement).value;
    keepEmail(this.email.trim());
    if (this.problem?.field === 'email') this.problem = null;
  }

  #onNameInput(event: Event): void {
    this.name = (event.target as HTMLInputElement).value;
    if (this.problem?.field === 'name') this.problem = null;
  }

  #onCodeInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    // Pasted codes often carry spaces or dashes ("123 456"); keep the digits only.
    const digits = input.value.replace(/\D/g, '').slice(0, this.codeLength);
    if (input.value !== digits) input.value = digits;
    this.code = digits;
    if (this.problem?.field === 'code') this.problem = null;
    if (digits.length === this.codeLength && this.#action.status !== TaskStatus.PENDING) this.#run('verify');
  }

  #onEmailSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const submitter = event.submitter as HTMLButtonElement | null;
    const methods = this.#methods();
    const wantsLink = submitter?.dataset['action'] === 'magic' || (!methods.includes('otp') && this.mode === 'signin');
    this.#run(wantsLink ? 'magic' : 'otp');
  }

  #onCodeSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.#run('verify');
  }

  #useDifferentEmail(): void {
    this.#action.abort();
    this.step = 'email';
    this.code = '';
    this.problem = null;
    this.resendAt = 0;
    this.#focusAfterUpdate = 'email';
  }

  #toggleMode(): void {
    this.mode = this.mode === 'signin' ? 'signup' : 'signin';
    this.problem = null;
    this.#focusAfterUpdate = this.mode === 'signup' ? 'name' : 'email';
  }

  #retry(): void {
    const retry = this.problem?.retry;
    if (retry && retry !== 'exchange') this.#run(retry);
  }

  /** Runs a failed link exchange again, with the code kept for it. */
  #retryExchange(): void {
    const state = this.returnState;
    const { sessionStore } = this;
    if (state.status !== 'failed' || !state.code || !sessionStore) return;
    returnCode().update({ status: 'pending' });
    void this.#exchange(state.code, sessionStore);
  }

  #retryConfig(): void {
    void this.configStore?.load({ force: true }).catch(() => undefined);
  }

  #toggleOpen(): void {
    this.open = !this.open;
    if (!this.open) return;
    if (this.session.status === 'signed-in') this.#focusAfterUpdate = 'menu';
    else this.#focusAfterUpdate = this.step === 'code' ? 'code' : this.step === 'inbox' ? 'step-heading' : 'email';
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
    const index = items.indexOf(event.target as HTMLElement);
    const move = (to: number): void => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(index + 1);
      case 'ArrowUp':
        return move(index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        event.preventDefault();
        this.#close('account-button');
        return;
      case 'Tab':
        this.open = false;
        return;
      default:
        return;
    }
  }

  #onPanelKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#close('toggle');
    }
  }

  #close(focus: FocusTarget): void {
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
    if (!client || !sessionStore) throw new Error('portal-login: no portal client yet; is there a <portal-provider> on the page?');
    const previous = sessionStore.value;
    // Called by the host page, often with focus elsewhere: take focus only from this element.
    const hadFocus = this.matches(':focus-within');
    sessionStore.beginSignIn();
    try {
      const me = await sessionStore.signIn(await client.signInWithIdentity(jwt, options), options);
      this.#signedIn(me, hadFocus);
      return me;
    } catch (error) {
      sessionStore.cancelSignIn(previous);
      if (!isAbortError(error)) {
        const focusLost = document.activeElement === document.body || document.activeElement === null;
        this.#fail(error, 'identity', this.matches(':focus-within') || (hadFocus && focusLost));
      }
      throw error;
    }
  }

  /** Signs out on this page and on the server. */
  async signOut(): Promise<void> {
    await this.#run('signout');
  }

  // ----- actions -----

  #run(action: Action): Promise<void> {
    this.#lastAction = action;
    const problem = this.#validate(action);
    if (problem) {
      this.problem = problem;
      this.#focusAfterUpdate = problem.field ?? 'alert';
      return Promise.resolve();
    }
    this.problem = null;
    // A failed link's message has done its job once the person asks for a new one.
    if (this.returnState.status === 'failed') returnCode().update({ status: 'none' });
    return this.#action.run([action]);
  }

  #validate(action: Action): Problem | null {
    if (action === 'otp' || action === 'magic') {
      if (this.mode === 'signup' && action === 'otp' && !this.name.trim()) {
        return { field: 'name', message: this.localize.t('login.error.nameRequired') };
      }
      if (!EMAIL_PATTERN.test(this.email.trim())) return { field: 'email', message: this.localize.t('login.error.emailInvalid') };
    }
    if (action === 'verify' && this.code.length !== this.codeLength) {
      return { field: 'code', message: this.localize.t('login.error.codeIncomplete', { count: this.codeLength }) };
    }
    return null;
  }

  async #perform(action: Action, signal: AbortSignal): Promise<void> {
    const { client, sessionStore } = this;
    if (!client || !sessionStore) return;
    // Taken now: by the time sign-in completes, the input that had focus may be gone.
    const hadFocus = this.matches(':focus-within');
    const email = this.email.trim();
    try {
      switch (action) {
        case 'otp':
        case 'resend': {
          if (action === 'resend' && this.step === 'inbox') {
            await client.startMagicLink({ email, redirectUrl: returnAddress() }, { signal });
            this.#startCountdown(LINK_RESEND_SECONDS);
            this.#announce(this.localize.t('login.resent'));
            return;
          }
          const signup = this.mode === 'signup';
          const started = await client.startOtp(signup ? { email, name: this.name.trim(), signup } : { email }, { signal });
          this.codeLength = started.codeLength || DEFAULT_CODE_LENGTH;
          this.#startCountdown(started.resendAfterSeconds);
          if (action === 'resend') {
            this.#announce(this.localize.t('login.resent'));
            this.code = '';
          } else {
            this.step = 'code';
            this.#announce(this.localize.t('login.codeSentAnnounce', { email }));
          }
          this.#focusAfterUpdate = 'code';
          return;
        }
        case 'magic':
          await client.startMagicLink({ email, redirectUrl: returnAddress() }, { signal });
          this.step = 'inbox';
          this.#startCountdown(LINK_RESEND_SECONDS);
          this.#announce(this.localize.t('login.linkSentAnnounce', { email }));
          this.#focusAfterUpdate = 'step-heading';
          return;
        case 'verify': {
          const previous = sessionStore.value;
          sessionStore.beginSignIn();
          try {
            const session = await client.verifyOtp({ email, code: this.code }, { signal });
            this.#signedIn(await sessionStore.signIn(session, { signal }), hadFocus);
          } catch (error) {
            sessionStore.cancelSignIn(previous);
            throw error;
          }
          return;
        }
        case 'signout':
          await sessionStore.signOut();
          this.#announce(this.localize.t('login.signedOutAnnounce'));
          this.#focusAfterUpdate = this.variant === 'compact' ? 'toggle' : 'email';
          this.open = false;
          this.dispatchEvent(new PortalSignedOutEvent());
          return;
      }
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      // Rate limited on sending: hold "Send again" back for as long as the server asks.
      if (action !== 'verify' && action !== 'signout' && isPortalError(error) && error.status === 429 && error.retryAfter) {
        this.#startCountdown(error.retryAfter);
      }
      this.#fail(error, action === 'verify' ? 'verify' : 'start');
    }
  }

  async #exchange(code: string, sessionStore: SessionStore): Promise<void> {
    const client = this.client;
    if (!client) return;
    const previous = sessionStore.value;
    sessionStore.beginSignIn();
    try {
      const me = await sessionStore.signIn(await client.exchangeCode(code));
      returnCode().update({ status: 'done' });
      this.#signedIn(me);
    } catch (error) {
      sessionStore.cancelSignIn(previous);
      // A server or network failure did not use the code up: keep it so "Try again" can.
      const retryable = !isPortalError(error) || error.status === 0 || error.status >= 500;
      returnCode().update(retryable ? { status: 'failed', error, code } : { status: 'failed', error });
      this.#announce(this.#describe(error, 'exchange').message);
    }
  }

  #signedIn(me: Me, hadFocus = this.matches(':focus-within')): void {
    this.step = 'email';
    this.code = '';
    this.problem = null;
    this.resendAt = 0;
    this.open = false;
    this.#announce(this.localize.t('login.signedInAs', { name: me.user.name }));
    if (hadFocus) this.#focusAfterUpdate = this.variant === 'compact' ? 'account-button' : 'signed-in';
    this.dispatchEvent(new PortalSignedInEvent(me));
  }

  #fail(error: unknown, context: 'start' | 'verify' | 'identity', moveFocus = true): void {
    this.problem = this.#describe(error, context);
    if (moveFocus) this.#focusAfterUpdate = this.problem.field ?? 'alert';
  }

  /** Says something in the live region, even when it is what was said last. */
  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = message;
    });
  }

  /** Turns a failure into words, placed on the field it concerns when there is one. */
  #describe(error: unknown, context: 'start' | 'verify' | 'identity' | 'exchange'): Problem {
    const t = this.localize.t.bind(this.localize);
    const retry = context === 'identity' ? undefined : context === 'exchange' ? 'exchange' : this.#lastAction;
    const general = (): string => this.localize.error(error);
    if (!isPortalError(error) || error.status === 0) return { message: general(), retry };
    const code = error.code;
    if (context === 'exchange') {
      if (code === 'code_expired') return { message: t('login.error.linkExpired') };
      if (code === 'code_used') return { message: t('login.error.linkUsed') };
      if (error.status === 422 || error.status === 401 || error.status === 404) return { message: t('login.error.linkInvalid') };
    }
    if (context === 'identity' && (error.status === 401 || error.status === 403 || error.status === 422)) {
      return { message: t('login.error.identity') };
    }
    if (error.status === 429) {
      const wait = error.retryAfter;
      if (code === 'otp_too_many_attempts') {
        return { field: 'code', message: t('login.error.tooManyAttempts', { count: Math.max(1, Math.ceil((wait ?? 60) / 60)) }) };
      }
      return { message: general() };
    }
    if (error.status === 422) {
      if (code === 'otp_invalid') return { field: 'code', message: t('login.error.codeWrong') };
      if (code === 'otp_expired') return { field: 'code', message: t('login.error.codeExpired') };
      if (context === 'start' && error.fieldError('name') !== undefined && this.mode === 'signup') {
        // The server's own words may be untranslated or say too much: use the catalogue's.
        return { field: 'name', message: t('login.error.nameRequired') };
      }
      if (error.fieldError('email') !== undefined) {
        return this.step === 'email'
          ? { field: 'email', message: t('login.error.emailInvalid') }
          : { message: t('login.error.emailInvalid') };
      }
      if (error.fieldError('code') !== undefined && this.step === 'code') return { field: 'code', message: t('login.error.codeWrong') };
      return { message: general() };
    }
    if (error.status === 401 || error.status === 403) return { message: t('login.error.unauthorized') };
    if (error.status >= 500) return { message: general(), retry };
    return { message: t('error.unknown'), retry };
  }

  #startCountdown(seconds: number): void {
    this.now = Date.now();
    this.resendAt = this.now + Math.max(0, seconds) * 1000;
    this.#stopTicker();
    if (seconds > 0) this.#startTicker();
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
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
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
        this.#announce(this.localize.t('login.expired'));
        this.dispatchEvent(new PortalSessionExpiredEvent(session.user));
      }
    }
    if (session.status === 'signed-in' && was !== 'signed-in') {
      // Someone signed in elsewhere on the page (another login element, the provider): drop
      // any half-finished flow here.
      this.step = 'email';
      this.code = '';
      this.problem = null;
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
    return this.#action.status === TaskStatus.PENDING && (action === undefined || this.#lastAction === action);
  }

  #waitSeconds(): number {
    return Math.max(0, Math.ceil((this.resendAt - this.now) / 1000));
  }

  #exchangeProblem(): Problem | null {
    const state = this.returnState;
    if (state.status !== 'failed') return null;
    const problem = this.#describe(state.error, 'exchange');
    return state.code ? problem : { message: problem.message };
  }

  // ----- render -----

  protected override render(): unknown {
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
    return this.variant === 'compact' ? html`${this.#renderCompact()}${live}` : html`${this.#renderFull()}${live}`;
  }

  #renderFull(): TemplateResult {
    const status = this.session.status;
    if (status === 'signed-in') return html`${this.#renderAccount()}${this.#renderHiddenSlots()}`;
    return this.#renderFlow();
  }

  /** Slots are never rendered conditionally: where the sign-in form is not shown they are hidden. */
  #renderHiddenSlots(): TemplateResult {
    return html`<div hidden><slot name="heading"></slot><slot name="legal"></slot></div>`;
  }

  /** The signed-out flow: the email step, the code step or "check your inbox". */
  #renderFlow(): TemplateResult {
    const config = this.#config();
    const signingIn =
      (this.session.status === 'signing-in' && !this.#busy()) || this.returnState.status === 'pending';
    let body: TemplateResult;
    if (this.configState.status === 'error') {
      body = html`<div class="alert" part="alert">
        <p>${this.localize.t('provider.configError')}</p>
        <button class="button" part="retry" type="button" @click=${this.#retryConfig}>${this.localize.t('common.retry')}</button>
      </div>`;
    } else if (!config) {
      body = html`<p class="muted" aria-busy="true">${this.localize.t('common.loading')}</p>`;
    } else if (signingIn) {
      body = html`<p class="notice" part="notice"><span class="spinner" aria-hidden="true"></span>${this.localize.t('login.exchanging')}</p>`;
    } else if (this.step === 'code') {
      body = this.#renderCodeStep();
    } else if (this.step === 'inbox') {
      body = this.#renderInboxStep();
    } else {
      body = this.#renderEmailStep(config);
    }
    const onEmailStep = this.step === 'email' && !signingIn;
    return html`<div class="flow">
      <div class="heading" ?hidden=${!onEmailStep}>
        <slot name="heading"
          ><h2 part="heading" tabindex="-1" data-focus="form-heading">
            ${this.localize.t(this.mode === 'signup' ? 'login.signupHeading' : 'login.heading', { portal: config?.name ?? '' })}
          </h2></slot
        >
      </div>
      ${body}
      <div class="legal"><slot name="legal"></slot></div>
    </div>`;
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
    const exchangeProblem = this.#exchangeProblem();
    const expired = this.session.status === 'expired';
    const busy = this.#busy('otp') || this.#busy('magic');
    const primaryIsLink = !otp && magic;
    return html`
      ${expired ? html`<p class="notice warning" part="notice">${t('login.expired')}</p>` : nothing}
      ${exchangeProblem ? this.#renderAlert(exchangeProblem) : nothing}
      ${!emailMethods && !sso ? html`<p class="notice" part="notice">${t('login.error.noMethods')}</p>` : nothing}
      ${emailMethods
        ? html`<form part="form" novalidate @submit=${this.#onEmailSubmit} aria-busy=${busy ? 'true' : 'false'}>
            ${signup ? this.#renderInput('name', t('login.nameLabel'), this.name, this.#onNameInput, 'name') : nothing}
            ${this.#renderInput('email', t('login.emailLabel'), this.email, this.#onEmailInput, 'email')}
            ${this.problem && !this.problem.field ? this.#renderAlert(this.problem) : nothing}
            <button class="button submit" part="submit" data-variant="primary" type="submit" data-action=${primaryIsLink ? 'magic' : 'otp'} ?disabled=${busy}>
              ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t('login.sending')}` : signup ? t('login.createAccount') : t(primaryIsLink ? 'login.sendLink' : 'login.sendCode')}
            </button>
            ${otp && magic && !signup
              ? html`<button class="button submit" part="magic-link-button" type="submit" data-action="magic" ?disabled=${busy}>${t('login.sendLink')}</button>`
              : nothing}
          </form>`
        : nothing}
      ${sso && !signup ? this.#renderSso(emailMethods) : nothing}
      ${signupAllowed
        ? html`<p class="switch">
            ${t(signup ? 'login.signinPrompt' : 'login.signupPrompt')}
            <button class="link" part="mode-toggle" type="button" @click=${this.#toggleMode}>${t(signup ? 'login.signinLink' : 'login.signupLink')}</button>
          </p>`
        : nothing}
    `;
  }

  #renderInput(field: Field, label: string, value: string, onInput: (event: Event) => void, autocomplete: string): TemplateResult {
    const error = this.problem?.field === field ? this.problem.message : '';
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        part="${field}-input"
        data-focus=${field}
        type=${field === 'email' ? 'email' : 'text'}
        autocomplete=${autocomplete}
        spellcheck="false"
        required
        .value=${live(value)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(error ? `${field}-error` : undefined)}
        @input=${onInput}
      />
      ${error ? html`<p class="field-error" part="field-error" id="${field}-error">${error}</p>` : nothing}
    </div>`;
  }

  #renderSso(divider: boolean): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const back = returnAddress();
    return html`
      ${divider ? html`<p class="divider" part="divider"><span>${t('login.or')}</span></p>` : nothing}
      ${this.#providers.render({
        initial: () => html`<p class="muted">${t('login.ssoLoading')}</p>`,
        pending: () => html`<p class="muted" aria-busy="true">${t('login.ssoLoading')}</p>`,
        error: () => html`<div class="alert" part="alert">
          <p>${t('login.ssoError')}</p>
          <button class="button" part="retry" type="button" @click=${() => void this.#providers.run()}>${t('common.retry')}</button>
        </div>`,
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

  #renderCodeStep(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const error = this.problem?.field === 'code' ? this.problem.message : '';
    const busy = this.#busy('verify');
    return html`
      <h2 part="heading" class="step-heading" tabindex="-1" data-focus="step-heading">${t('login.codeHeading')}</h2>
      <p class="lead">${t('login.codeSent', { email: this.email.trim() })}</p>
      <form part="form" novalidate @submit=${this.#onCodeSubmit} aria-busy=${busy ? 'true' : 'false'}>
        <div class="field">
          <label for="code">${t('login.codeLabel')}</label>
          <input
            id="code"
            class="code"
            part="code-input"
            data-focus="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]*"
            required
            .value=${live(this.code)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'code-error code-hint' : 'code-hint'}
            @input=${this.#onCodeInput}
          />
          <p class="hint" id="code-hint">${t('login.codeHint', { count: this.codeLength })}</p>
          ${error ? html`<p class="field-error" part="field-error" id="code-error">${error}</p>` : nothing}
        </div>
        ${this.problem && !this.problem.field ? this.#renderAlert(this.problem) : nothing}
        <button class="button submit" part="submit" data-variant="primary" type="submit" ?disabled=${busy}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t('login.verifying')}` : t('login.verify')}
        </button>
      </form>
      ${this.#renderResendRow('login.resend')}
    `;
  }

  #renderInboxStep(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    return html`
      <div class="inbox">
        <span class="inbox-icon" aria-hidden="true"
          ><svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <rect x="3" y="5" width="18" height="14" rx="2.5"></rect>
            <path d="m4 7 8 6 8-6"></path></svg
        ></span>
        <h2 part="heading" class="step-heading" tabindex="-1" data-focus="step-heading">${t('login.inboxHeading')}</h2>
        <p class="lead">${t('login.linkSent', { email: this.email.trim() })}</p>
      </div>
      ${this.problem ? this.#renderAlert(this.problem) : nothing}
      ${this.#renderResendRow('login.resendLink')}
    `;
  }

  #renderResendRow(label: 'login.resend' | 'login.resendLink'): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const wait = this.#waitSeconds();
    const busy = this.#busy('resend');
    // Any step under way (a sign-in, too) would be cancelled by a new send: wait for it.
    return html`<div class="row">
      <button class="button quiet" part="resend" type="button" ?disabled=${wait > 0 || this.#busy()} @click=${() => void this.#run('resend')}>
        ${busy ? t('login.sending') : wait > 0 ? t('login.resendIn', { count: wait }) : t(label)}
      </button>
      <button class="button quiet" part="back" type="button" @click=${this.#useDifferentEmail}>${t('login.differentEmail')}</button>
    </div>`;
  }

  #renderAlert(problem: Problem): TemplateResult {
    return html`<div class="alert" part="alert" tabindex="-1" data-focus="alert">
      <p>${problem.message}</p>
      ${problem.retry
        ? html`<button class="button" part="retry" type="button" @click=${problem.retry === 'exchange' ? this.#retryExchange : this.#retry}>
            ${this.localize.t('common.retry')}
          </button>`
        : nothing}
    </div>`;
  }

  /** Who is signed in, for the full variant. */
  #renderAccount(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    if (this.session.status !== 'signed-in') return html``;
    const { user, organization } = this.session;
    const busy = this.#busy('signout');
    return html`<section class="account" part="account" aria-labelledby="signed-in-heading">
      <div class="account-head">
        <span class="avatar large" part="avatar" aria-hidden="true">${initials(user.name)}</span>
        <div>
          <h2 id="signed-in-heading" part="heading" tabindex="-1" data-focus="signed-in">${t('login.signedInHeading')}</h2>
          <p class="who-name">${user.name}</p>
        </div>
      </div>
      ${this.#renderDetails(user.email, organization.name, user.role)}
      ${this.problem && !this.problem.field ? this.#renderAlert(this.problem) : nothing}
      <button class="button" part="sign-out" type="button" ?disabled=${busy} @click=${() => void this.#run('signout')}>
        ${busy ? t('login.signingOut') : t('login.signOut')}
      </button>
    </section>`;
  }

  #renderDetails(email: string, organization: string, role: 'customer' | 'customer_admin'): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    return html`<dl class="details">
      <div><dt>${t('login.email')}</dt><dd>${email}</dd></div>
      <div><dt>${t('login.organization')}</dt><dd>${organization}</dd></div>
      <div><dt>${t('login.role')}</dt><dd>${t(role === 'customer_admin' ? 'login.role.customer_admin' : 'login.role.customer')}</dd></div>
    </dl>`;
  }

  #renderCompact(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const session = this.session;
    if (session.status === 'signed-in') {
      const { user, organization } = session;
      return html`<div class="compact">
          <button
            id="account-button"
            class="account-button"
            part="account-button"
            data-focus="account-button"
            type="button"
            aria-haspopup="menu"
            aria-expanded=${this.open ? 'true' : 'false'}
            aria-controls="account-menu"
            @click=${this.#toggleOpen}
            @keydown=${this.#onAccountKeyDown}
          >
            <span class="avatar" part="avatar" aria-hidden="true">${initials(user.name)}</span>
            <span class="visually-hidden">${t('login.accountPrefix')}</span>
            <span class="account-name">${user.name}</span>
            <span class="chevron" aria-hidden="true"></span>
          </button>
          <div id="menu-panel" class="popover" ?hidden=${!this.open}>
            <div id="who" class="who">
              <p class="who-name">${user.name}</p>
              ${this.#renderDetails(user.email, organization.name, user.role)}
            </div>
            <div id="account-menu" role="menu" part="menu" aria-labelledby="account-button" aria-describedby="who" @keydown=${this.#onMenuKeyDown}>
              <button role="menuitem" class="menu-item" part="menu-item sign-out" type="button" tabindex="-1" data-focus="menu" @click=${() => void this.#run('signout')}>
                ${t('login.signOut')}
              </button>
            </div>
          </div>
        </div>
        ${this.#renderHiddenSlots()}`;
    }
    const expired = session.status === 'expired';
    const label = t('common.signIn');
    if (this.signInHref) {
      return html`<a class="button compact-sign-in" part="sign-in-link" data-focus="toggle" href=${this.signInHref}>${label}</a>${this.#renderHiddenSlots()}`;
    }
    return html`<div class="compact">
      <button
        class="button compact-sign-in"
        part="sign-in-button"
        data-focus="toggle"
        data-variant=${expired ? 'primary' : 'default'}
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.#toggleOpen}
      >
        ${label}
      </button>
      <div id="panel" class="popover panel" part="panel" role="group" aria-label=${label} ?hidden=${!this.open} @keydown=${this.#onPanelKeyDown}>
        ${this.#renderFlow()}
      </div>
    </div>`;
  }
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
