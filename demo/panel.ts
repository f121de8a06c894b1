// The demo's control panel: a floating "Demo" button that opens a non-modal drawer to theme the
// portal, switch who is signed in and make the mock backend slow or failing. It is a demo tool,
// not part of the fictional company's site, and looks deliberately different from it.
import type { TemplateResult } from 'lit';
import { css, html, LitElement, nothing } from 'lit';
import type { SessionState, SessionStore } from '../src/context/session-store.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import type { FaultHandle, FaultSpec, MockBackend, RequestLogEntry } from '../src/mocks/index.js';
import { DEMO_OTP_CODE, SEED_USERS } from '../src/mocks/index.js';
import type { DemoSettings, ThemeChoice } from './settings.js';
import { applySettings, DEFAULTS, FONTS, loadSettings, saveSettings } from './settings.js';

interface FaultButton {
  label: string;
  spec: FaultSpec;
  describe: string;
}

const FAULTS: FaultButton[] = [
  { label: '500', spec: { status: 500 }, describe: '500 Internal Server Error' },
  { label: '503', spec: { status: 503, retryAfter: 5 }, describe: '503 Service Unavailable' },
  { label: '429', spec: { status: 429, retryAfter: 5 }, describe: '429 Too Many Requests (Retry-After 5 s)' },
  { label: 'Network', spec: { network: true }, describe: 'a network error' },
];

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'Auto' },
];

/** A pending injected fault and what it does, for the panel's list. */
interface ArmedFault {
  handle: FaultHandle;
  describe: string;
}

export class DemoPanel extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset-block-end: 1rem;
      inset-inline-end: 1rem;
      z-index: 2147483000;
      font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
      color: #e2e8f0;
      --demo-bg: #0f172a;
      --demo-raised: #1e293b;
      --demo-line: #334155;
      --demo-muted: #94a3b8;
      --demo-hi: #fbbf24;
      --demo-focus: #fbbf24;
    }
    * {
      box-sizing: border-box;
    }
    [hidden] {
      display: none !important;
    }
    button,
    select,
    input {
      font: inherit;
      color: inherit;
    }
    :focus-visible {
      outline: 2px solid var(--demo-focus);
      outline-offset: 2px;
    }
    .toggle {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: 44px;
      padding: 0 1rem 0 0.85rem;
      border: 1px solid #475569;
      border-radius: 999px;
      background: var(--demo-bg);
      box-shadow: 0 8px 24px rgb(2 6 23 / 0.35), 0 2px 6px rgb(2 6 23 / 0.25);
      font-weight: 600;
      cursor: pointer;
    }
    .toggle:hover {
      background: var(--demo-raised);
    }
    .toggle svg {
      inline-size: 18px;
      block-size: 18px;
      color: var(--demo-hi);
    }
    .panel {
      position: absolute;
      inset-block-end: calc(100% + 0.75rem);
      inset-inline-end: 0;
      inline-size: min(24rem, calc(100vw - 2rem));
      max-block-size: calc(100dvh - 6rem);
      display: flex;
      flex-direction: column;
      border: 1px solid var(--demo-line);
      border-radius: 14px;
      background: var(--demo-bg);
      box-shadow: 0 24px 48px rgb(2 6 23 / 0.45), 0 4px 12px rgb(2 6 23 / 0.3);
      overflow: hidden;
    }
    .panel:focus {
      outline: none;
    }
    header {
      display: flex;
      align-items: flex-start;
      gap: 0.75rem;
      padding: 0.9rem 0.9rem 0.75rem 1rem;
      border-block-end: 1px solid var(--demo-line);
    }
    header div {
      flex: 1;
    }
    h2 {
      margin: 0;
      font-size: 15px;
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .badge {
      padding: 0.05rem 0.4rem;
      border-radius: 4px;
      background: var(--demo-hi);
      color: #1c1917;
      font-size: 11px;
      font-weight: 700;
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    header p {
      margin: 0.2rem 0 0;
      color: var(--demo-muted);
      font-size: 12.5px;
    }
    .close {
      display: grid;
      place-items: center;
      inline-size: 32px;
      block-size: 32px;
      border: 0;
      border-radius: 8px;
      background: transparent;
      cursor: pointer;
    }
    .close:hover {
      background: var(--demo-raised);
    }
    .body {
      overflow-y: auto;
      padding: 0.25rem 1rem 1rem;
      overscroll-behavior: contain;
    }
    section {
      padding-block: 0.85rem;
      border-block-end: 1px solid var(--demo-line);
    }
    section:last-child {
      border-block-end: 0;
    }
    h3 {
      margin: 0 0 0.6rem;
      font-size: 11.5px;
      font-weight: 700;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--demo-muted);
    }
    .row {
      display: grid;
      grid-template-columns: 7.5rem minmax(0, 1fr);
      align-items: center;
      gap: 0.5rem;
      margin-block: 0.5rem;
    }
    .row > span,
    .row > label {
      color: #cbd5e1;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }
    fieldset.row legend {
      float: inline-start;
      padding: 0;
      color: #cbd5e1;
    }
    .segmented {
      display: inline-flex;
      padding: 2px;
      border: 1px solid var(--demo-line);
      border-radius: 8px;
      background: var(--demo-raised);
    }
    .segmented label {
      position: relative;
      display: grid;
      place-items: center;
      min-inline-size: 3.6rem;
      min-block-size: 28px;
      padding: 0 0.5rem;
      border-radius: 6px;
      cursor: pointer;
      color: #cbd5e1;
    }
    .segmented input {
      position: absolute;
      inset: 0;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .segmented label:has(input:checked) {
      background: #f8fafc;
      color: #0f172a;
      font-weight: 600;
    }
    .segmented label:has(input:focus-visible) {
      outline: 2px solid var(--demo-focus);
      outline-offset: 1px;
    }
    .inline {
      display: flex;
      align-items: center;
      gap: 0.6rem;
    }
    input[type='color'] {
      inline-size: 40px;
      block-size: 28px;
      padding: 2px;
      border: 1px solid var(--demo-line);
      border-radius: 6px;
      background: var(--demo-raised);
      cursor: pointer;
    }
    input[type='range'] {
      flex: 1;
      min-inline-size: 0;
      accent-color: var(--demo-hi);
    }
    output,
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace;
      font-size: 12.5px;
    }
    output {
      flex: none;
      min-inline-size: 3.6rem;
      text-align: end;
      color: #f8fafc;
    }
    select {
      inline-size: 100%;
      min-block-size: 32px;
      padding: 0 0.5rem;
      border: 1px solid var(--demo-line);
      border-radius: 6px;
      background: var(--demo-raised);
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .btn {
      min-block-size: 32px;
      padding: 0 0.7rem;
      border: 1px solid #475569;
      border-radius: 7px;
      background: var(--demo-raised);
      cursor: pointer;
      font-weight: 500;
    }
    .btn:hover {
      background: #273449;
      border-color: #64748b;
    }
    .btn:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .btn.primary {
      background: #f8fafc;
      border-color: #f8fafc;
      color: #0f172a;
    }
    .btn.primary:hover {
      background: #e2e8f0;
    }
    .btn.danger {
      border-color: #7f1d1d;
      color: #fecaca;
    }
    .link {
      padding: 0;
      border: 0;
      background: none;
      color: var(--demo-muted);
      text-decoration: underline;
      text-underline-offset: 2px;
      cursor: pointer;
      font-size: 12.5px;
    }
    .status {
      display: flex;
      align-items: center;
      gap: 0.55rem;
      margin-block-end: 0.7rem;
      padding: 0.55rem 0.7rem;
      border-radius: 8px;
      background: var(--demo-raised);
    }
    .dot {
      flex: none;
      inline-size: 8px;
      block-size: 8px;
      border-radius: 50%;
      background: #64748b;
    }
    .dot.signed-in {
      background: #4ade80;
    }
    .dot.signing-in {
      background: #fbbf24;
    }
    .dot.expired {
      background: #f87171;
    }
    .status small {
      display: block;
      color: var(--demo-muted);
    }
    .hint {
      margin: 0.7rem 0 0;
      color: var(--demo-muted);
      font-size: 12.5px;
    }
    .hint code {
      padding: 0.05rem 0.35rem;
      border-radius: 4px;
      background: var(--demo-raised);
      color: var(--demo-hi);
      font-weight: 700;
    }
    .label {
      margin: 0.75rem 0 0.4rem;
      color: #cbd5e1;
    }
    .armed {
      margin: 0.5rem 0 0;
      padding: 0;
      list-style: none;
      color: #fde68a;
      font-size: 12.5px;
    }
    .message {
      margin: 0.6rem 0 0;
      color: #fca5a5;
      font-size: 12.5px;
    }
    .log {
      margin: 0.4rem 0 0;
      padding: 0.35rem 0;
      list-style: none;
      border-radius: 8px;
      background: #020617;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace;
      font-size: 12px;
    }
    .log li {
      display: grid;
      grid-template-columns: 3.2rem 1fr auto;
      gap: 0.5rem;
      padding: 0.1rem 0.6rem;
    }
    .log .path {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: #cbd5e1;
    }
    .log .ok {
      color: #4ade80;
    }
    .log .bad {
      color: #f87171;
    }
    .log .empty {
      display: block;
      color: var(--demo-muted);
    }
    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (max-width: 480px) {
      :host {
        inset-block-end: 0.75rem;
        inset-inline-end: 0.75rem;
      }
      .panel {
        inline-size: calc(100vw - 1.5rem);
      }
      .row {
        grid-template-columns: 6rem minmax(0, 1fr);
      }
    }
  `;

  /** The mock backend the panel drives (set before the panel is connected). */
  backend: MockBackend | null = null;

  #open = false;
  #settings: DemoSettings = loadSettings();
  #session: SessionStore | null = null;
  #unsubscribe: (() => void) | null = null;
  #armed: ArmedFault[] = [];
  #message = '';
  #announcement = '';
  #busy = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly #onDocumentKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.#open && !event.defaultPrevented) this.#close();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.#onDocumentKeydown);
    void this.#watchSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.#onDocumentKeydown);
    this.#unsubscribe?.();
    clearInterval(this.#timer);
  }

  async #watchSession(): Promise<void> {
    await customElements.whenDefined('portal-provider');
    const provider = document.querySelector<PortalProvider>('portal-provider');
    if (!provider) return;
    this.#session = provider.services.session;
    this.#unsubscribe = this.#session.subscribe(() => this.requestUpdate());
    this.requestUpdate();
  }

  // ----- opening and closing -----

  #toggle(): void {
    if (this.#open) this.#close();
    else void this.#show();
  }

  async #show(): Promise<void> {
    this.#open = true;
    this.#timer = setInterval(() => this.requestUpdate(), 1000);
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  #close(): void {
    this.#open = false;
    clearInterval(this.#timer);
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.toggle')?.focus());
  }

  /** Opens the panel (for scripts and the keyboard shortcut-less screenshot run). */
  open(): Promise<void> {
    return this.#open ? Promise.resolve() : this.#show();
  }

  // ----- appearance -----

  #update(change: Partial<DemoSettings>): void {
    this.#settings = { ...this.#settings, ...change };
    saveSettings(this.#settings);
    applySettings(this.#settings);
    if (change.latency !== undefined) this.backend?.setLatency(change.latency);
    this.requestUpdate();
  }

  #resetAppearance(): void {
    const { theme, accent, radius, font } = DEFAULTS;
    this.#update({ theme, accent, radius, font });
    this.#announce('Appearance reset to Fernwood’s defaults.');
  }

  // ----- session -----

  async #signInAs(email: string, who: string): Promise<void> {
    const store = this.#session;
    if (!store || !this.backend) return;
    this.#busy = true;
    this.#message = '';
    this.requestUpdate();
    try {
      await store.signIn(this.backend.signIn(email));
      this.#announce(`Signed in as ${who}.`);
    } catch (error) {
      this.#message = `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  async #signOut(): Promise<void> {
    if (!this.#session) return;
    await this.#session.signOut();
    this.#announce('Signed out.');
  }

  async #expireSession(): Promise<void> {
    if (!this.backend) return;
    this.backend.expireSessions();
    // Ask the server who is signed in, as any element's next request would: the 401 marks the
    // session expired everywhere on the page.
    await this.#session?.client.getMe().catch(() => undefined);
    this.#announce('Sessions expired: the next request answers 401.');
  }

  // ----- backend -----

  #inject(fault: FaultButton): void {
    if (!this.backend) return;
    const handle = this.backend.injectFault({ ...fault.spec, match: '*', times: 1 });
    this.#armed.push({ handle, describe: fault.describe });
    this.#announce(`The next request fails with ${fault.describe}.`);
  }

  #clearFaults(): void {
    this.backend?.clearFaults();
    this.#armed = [];
    this.#announce('Faults cleared.');
  }

  #resetData(): void {
    if (!this.backend) return;
    this.backend.reset();
    this.backend.setLatency(this.#settings.latency);
    this.#armed = [];
    void this.#session?.signOut();
    this.#announce('Demo data reset and signed out.');
  }

  #announce(text: string): void {
    this.#announcement = text;
    this.requestUpdate();
  }

  // ----- rendering -----

  protected override render(): TemplateResult {
    return html`
      <div
        class="panel"
        id="demo-panel"
        role="dialog"
        aria-modal="false"
        aria-labelledby="demo-title"
        tabindex="-1"
        ?hidden=${!this.#open}
      >
        <header>
          <div>
            <h2 id="demo-title"><span class="badge">Demo</span> Controls</h2>
            <p>Theme the portal and play the backend. Not part of Fernwood’s site.</p>
          </div>
          <button class="close" type="button" aria-label="Close demo controls" @click=${() => this.#close()}>
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
              <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
            </svg>
          </button>
        </header>
        <div class="body">${this.#open ? [this.#appearance(), this.#who(), this.#backendControls()] : nothing}</div>
      </div>
      <button
        class="toggle"
        type="button"
        aria-expanded=${this.#open ? 'true' : 'false'}
        aria-controls="demo-panel"
        @click=${() => this.#toggle()}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.7">
          <path d="M3 5h9M16 5h1M3 10h3M10 10h7M3 15h7M14 15h3" stroke-linecap="round" />
          <circle cx="14" cy="5" r="1.8" />
          <circle cx="8" cy="10" r="1.8" />
          <circle cx="12" cy="15" r="1.8" />
        </svg>
        Demo
      </button>
      <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>
    `;
  }

  #appearance(): TemplateResult {
    const s = this.#settings;
    return html`
      <section aria-labelledby="demo-appearance">
        <h3 id="demo-appearance">Appearance</h3>
        <fieldset class="row">
          <legend>Theme</legend>
          <div class="segmented">
            ${THEMES.map(
              (theme) => html`
                <label>
                  <input
                    type="radio"
                    name="theme"
                    value=${theme.value}
                    .checked=${s.theme === theme.value}
                    @change=${() => this.#update({ theme: theme.value })}
                  />${theme.label}
                </label>
              `,
            )}
          </div>
        </fieldset>
        <div class="row">
          <label for="demo-accent">Brand colour</label>
          <div class="inline">
            <input
              id="demo-accent"
              type="color"
              .value=${s.accent}
              @input=${(event: Event) => this.#update({ accent: (event.target as HTMLInputElement).value })}
            />
            <code>${s.accent}</code>
          </div>
        </div>
        <div class="row">
          <label for="demo-radius">Corner radius</label>
          <div class="inline">
            <input
              id="demo-radius"
              type="range"
              min="0"
              max="20"
              step="1"
              .value=${String(s.radius)}
              @input=${(event: Event) => this.#update({ radius: Number((event.target as HTMLInputElement).value) })}
            />
            <output for="demo-radius">${s.radius} px</output>
          </div>
        </div>
        <div class="row">
          <label for="demo-font">Font</label>
          <select id="demo-font" @change=${(event: Event) => this.#update({ font: (event.target as HTMLSelectElement).value })}>
            ${Object.entries(FONTS).map(
              ([key, font]) => html`<option value=${key} ?selected=${key === s.font}>${font.label}</option>`,
            )}
          </select>
        </div>
        <button class="link" type="button" @click=${() => this.#resetAppearance()}>Reset to Fernwood’s brand</button>
      </section>
    `;
  }

  #who(): TemplateResult {
    const state: SessionState = this.#session?.value ?? { status: 'signed-out' };
    const ready = Boolean(this.#session && this.backend) && !this.#busy;
    return html`
      <section aria-labelledby="demo-session">
        <h3 id="demo-session">Who is signed in</h3>
        <div class="status">
          <span class="dot ${state.status}"></span>
          <div>${this.#describeSession(state)}</div>
        </div>
        <div class="buttons">
          <button
            class="btn primary"
            type="button"
            ?disabled=${!ready}
            @click=${() => this.#signInAs(SEED_USERS.admin.email, SEED_USERS.admin.name)}
          >
            Sign in as customer admin
          </button>
          <button
            class="btn"
            type="button"
            ?disabled=${!ready}
            @click=${() => this.#signInAs(SEED_USERS.customer.email, SEED_USERS.customer.name)}
          >
            Sign in as customer
          </button>
          <button class="btn" type="button" ?disabled=${!ready || state.status === 'signed-out'} @click=${() => this.#signOut()}>
            Sign out
          </button>
        </div>
        ${this.#message ? html`<p class="message">${this.#message}</p>` : nothing}
        <p class="hint">
          On the sign-in page, use any demo email (e.g. <span>${SEED_USERS.customer.email}</span>) and the code
          <code>${DEMO_OTP_CODE}</code>.
        </p>
      </section>
    `;
  }

  #describeSession(state: SessionState): TemplateResult {
    switch (state.status) {
      case 'signed-in':
        return html`Signed in as <strong>${state.user.name}</strong>
          <small>${state.user.role === 'customer_admin' ? 'Customer admin' : 'Customer'} · ${state.organization.name}</small>`;
      case 'signing-in':
        return html`Signing in…`;
      case 'expired':
        return html`Session expired<small>${state.user ? `${state.user.name} must sign in again` : 'Sign in again'}</small>`;
      case 'signed-out':
        return html`Signed out<small>Visitors see public content only</small>`;
    }
  }

  #backendControls(): TemplateResult {
    const latency = this.#settings.latency;
    this.#armed = this.#armed.filter((fault) => fault.handle.active);
    const log: RequestLogEntry[] = this.backend ? this.backend.requestLog.slice(-6).reverse() : [];
    return html`
      <section aria-labelledby="demo-backend">
        <h3 id="demo-backend">Mock backend</h3>
        <div class="row">
          <label for="demo-latency">Latency</label>
          <div class="inline">
            <input
              id="demo-latency"
              type="range"
              min="0"
              max="3000"
              step="100"
              .value=${String(latency)}
              @input=${(event: Event) => this.#update({ latency: Number((event.target as HTMLInputElement).value) })}
            />
            <output for="demo-latency">${latency} ms</output>
          </div>
        </div>
        <p class="label" id="demo-fail-label">Fail the next request with</p>
        <div class="buttons" role="group" aria-labelledby="demo-fail-label">
          ${FAULTS.map(
            (fault) => html`
              <button class="btn" type="button" title=${fault.describe} @click=${() => this.#inject(fault)}>${fault.label}</button>
            `,
          )}
        </div>
        ${this.#armed.length
          ? html`<ul class="armed">
              ${this.#armed.map((fault) => html`<li>⚡ Armed: ${fault.describe}</li>`)}
            </ul>`
          : nothing}
        <p class="label">Session and data</p>
        <div class="buttons">
          <button class="btn" type="button" @click=${() => this.#expireSession()}>Expire session</button>
          <button class="btn danger" type="button" @click=${() => this.#resetData()}>Reset data</button>
          <button class="btn" type="button" @click=${() => this.#clearFaults()}>Clear faults</button>
        </div>
        <p class="label" id="demo-log-label">Recent requests</p>
        <ol class="log" aria-labelledby="demo-log-label">
          ${log.length
            ? log.map(
                (entry) => html`<li>
                  <span>${entry.method}</span><span class="path">${entry.path}</span
                  ><span class=${entry.status >= 200 && entry.status < 400 ? 'ok' : 'bad'}
                    >${entry.status === 0 ? 'net ✕' : entry.status}</span
                  >
                </li>`,
              )
            : html`<li class="empty">No requests yet</li>`}
        </ol>
      </section>
    `;
  }
}

customElements.define('demo-panel', DemoPanel);

declare global {
  interface HTMLElementTagNameMap {
    'demo-panel': DemoPanel;
  }
}
