import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { ListMembersQuery, Member, MemberStatus, Role, UpdateMemberRequest, User } from '../../api/types.js';
import { PortalElement } from '../../base/portal-element.js';
import type { MessageKey } from '../../i18n/en.js';
import type { MessageParams } from '../../i18n/localize.js';
import { baseStyles, controlStyles } from '../../theme/shared-styles.js';
import { parseAddresses } from './addresses.js';
import { PortalMemberInvitedEvent, PortalMemberUpdatedEvent } from './events.js';
import { membersStyles } from './members.styles.js';
import { membersEn } from '../../i18n/en/members.js';

export { parseAddresses };

type Outcome = 'sent' | 'member' | 'duplicate' | 'invalid' | 'skipped' | 'failed';

/** What happened to one address of an invitation. */
interface InviteResult {
  email: string;
  outcome: Outcome;
  /** Why it failed, for `failed`. */
  reason?: string;
}

/** A failure shown above the list, with what "Try again" repeats. */
interface Problem {
  message: string;
  retry?: () => void;
}

/** The deactivation or reactivation waiting for confirmation. */
interface Confirming {
  member: Member;
  status: 'active' | 'deactivated';
}

const ROLES: readonly Role[] = ['customer', 'customer_admin'];
const STATUSES: readonly MemberStatus[] = ['active', 'invited', 'deactivated'];
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
const DRAFT_KEY = 'portal-elements:members:invite';
const SEARCH_DELAY = 300;

interface Draft {
  text: string;
  role: Role;
  open: boolean;
}

function readDraft(): Draft {
  try {
    const saved = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null') as Partial<Draft> | null;
    if (saved) return { text: String(saved.text ?? ''), role: saved.role === 'customer_admin' ? saved.role : 'customer', open: !!saved.open };
  } catch {
    // Blocked or unreadable storage: start empty.
  }
  return { text: '', role: 'customer', open: false };
}

/**
 * Failures with nothing to tell: an abort, and a 401, after which every element shows its
 * signed-out state (and keeps what was typed).
 */
function quiet(error: unknown): boolean {
  return isAbortError(error) || statusOf(error) === 401;
}

/** The HTTP status of a failed call; 0 when it never got an answer. */
function statusOf(error: unknown): number {
  return isPortalError(error) ? error.status : 0;
}

/** Today in the person's own calendar, as `YYYY-MM-DD`. */
function today(): string {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

/**
 * The organization's portal members, for its customer admins: search, filters by role and
 * status, paging; invite one or many people by email (a pasted list is checked address by
 * address), send a pending invitation again, change a role, deactivate and reactivate (after a
 * confirmation), and export everyone as CSV. Every change shows in the list at once and is
 * undone, with a message, when the server refuses it. An admin cannot demote or deactivate
 * themselves. People who are not admins see their team read-only when the server allows it,
 * and otherwise a note to ask their admin; signed out, a pointer to sign in.
 *
 * @summary The team's members for customer admins: invite, re-invite, roles, deactivate, export.
 * @tag portal-members
 *
 * @csspart toolbar - The search, filters and buttons above the list.
 * @csspart search - The search input.
 * @csspart filter - The role and status filters.
 * @csspart invite-button - Opens the invitation form.
 * @csspart export-button - Downloads the members as CSV.
 * @csspart invite-form - The invitation form.
 * @csspart invite-input - The email addresses box.
 * @csspart invite-role - The role of the people invited.
 * @csspart invite-submit - Sends the invitations.
 * @csspart invite-results - What happened to each address.
 * @csspart field-error - The message under the addresses box.
 * @csspart table - The members table.
 * @csspart row - A member's row.
 * @csspart name - A member's name and email.
 * @csspart badge - The "You" badge and the status badges.
 * @csspart role-select - The role of a member (admins only).
 * @csspart action - The resend, deactivate and reactivate buttons.
 * @csspart more - "Show more".
 * @csspart alert - A failure, with its retry button.
 * @csspart retry - "Try again".
 * @csspart notice - The signed-out and "ask your admin" notes.
 * @csspart sign-in-link - The link to sign in, when `sign-in-href` is set.
 * @csspart dialog - The confirmation dialog.
 * @csspart confirm - The dialog's confirming button.
 * @csspart cancel - The dialog's cancel button.
 *
 * @cssprop [--portal-members-gap=var(--portal-space-4)] - Space between the toolbar, form and list.
 * @cssprop [--portal-members-control-block-size=2.5rem] - Height of inputs and buttons.
 * @cssprop [--portal-members-radius=var(--portal-radius-md)] - Corner radius of controls and the table.
 * @cssprop [--portal-members-row-padding=var(--portal-space-3)] - Padding of table cells.
 * @cssprop [--portal-members-header-background=var(--portal-color-surface-raised)] - Table header background.
 * @cssprop [--portal-members-dialog-inline-size=28rem] - Width of the confirmation dialog.
 *
 * @fires portal-member-invited - The server accepted an invitation, new or sent again. `event.member`, `event.resent`.
 * @fires portal-member-updated - The server accepted a role change, deactivation or reactivation. `event.member`, `event.previous`.
 */
export class PortalMembers extends PortalElement {
  static override styles = [baseStyles, controlStyles, membersStyles];
  static override strings = [membersEn];

  /** The first page for the current search and filters, or with `cursor` the next one, appended. */
  readonly #list = new Task(this, {
    task: async ([client, who, q, role, status, limit, cursor], { signal }) => {
      if (!client || !who) return null;
      const query: ListMembersQuery = { limit, ...(q ? { q } : {}), ...(role ? { role } : {}), ...(status ? { status } : {}) };
      const page = await client.listMembers(cursor ? { ...query, cursor } : query, { signal });
      const have = new Set(cursor ? this.rows.map((m) => m.id) : []);
      const added = page.items.filter((m) => !have.has(m.id));
      this.rows = cursor ? [...this.rows, ...added] : added;
      this.next = page.nextCursor;
      if (cursor && added[0]) this.#focusAfterUpdate = `name-${added[0].id}`;
      if (cursor || this.#announceCount) this.#announce(this.#t('members.count', { count: this.rows.length }));
      this.#announceCount = false;
      return page;
    },
    args: () => [this.client, this.#who(), this.query, this.roleFilter, this.statusFilter, this.pageSize, this.cursor] as const,
  });

  @state() private rows: Member[] = [];
  @state() private next: string | null = null;
  @state() private search = '';
  @state() private query = '';
  @state() private roleFilter: Role | '' = '';
  @state() private statusFilter: MemberStatus | '' = '';
  @state() private draft = readDraft();
  @state() private results: InviteResult[] = [];
  @state() private inviteError = '';
  @state() private inviting = false;
  @state() private exporting = false;
  /** The cursor of the page "Show more" asked for; empty for the first page. */
  @state() private cursor = '';
  @state() private busy = new Set<string>();
  @state() private problem: Problem | null = null;
  @state() private confirming: Confirming | null = null;
  @state() private announcement = '';

  #focusAfterUpdate = '';
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #lastWho = '';
  #announceCount = false;
  /** Each member's changes run one after another, so the last one asked for wins. */
  readonly #chains = new Map<string, Promise<void>>();
  /** Idempotency keys of invitations not yet answered, so sending again never invites twice. */
  readonly #keys = new Map<string, string>();

  /** How many members a page holds. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Where "Sign in" links to when nobody is signed in (a sign-in page). */
  @property({ attribute: 'sign-in-href' }) signInHref = '';

  readonly #t = (key: MessageKey, params?: MessageParams): string => this.localize.t(key, params);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // Someone else signed in, or the search or filters changed: start again at the first page.
    const who = this.#who();
    if (who !== this.#lastWho) this.rows = [];
    if (who !== this.#lastWho || changed.has('query') || changed.has('roleFilter') || changed.has('statusFilter')) this.cursor = '';
    this.#lastWho = who;
  }

  protected override updated(): void {
    const key = this.#focusAfterUpdate;
    this.#focusAfterUpdate = '';
    if (key) this.renderRoot.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  }

  // ----- event handlers -----

  #onSearchInput(event: Event): void {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#applySearch(), SEARCH_DELAY);
  }

  #onSearchSubmit(event: Event): void {
    event.preventDefault();
    clearTimeout(this.#searchTimer);
    this.#applySearch();
  }

  #applySearch(): void {
    const q = this.search.trim();
    if (q !== this.query) {
      this.#announceCount = true;
      this.query = q;
    }
  }

  #onFilter(event: Event): void {
    const select = event.target as HTMLSelectElement;
    this.#announceCount = true;
    if (select.name === 'role') this.roleFilter = select.value as Role | '';
    else this.statusFilter = select.value as MemberStatus | '';
  }

  #clearFilters(): void {
    clearTimeout(this.#searchTimer);
    this.search = this.query = this.roleFilter = this.statusFilter = '';
    this.#announceCount = true;
    this.#focusAfterUpdate = 'search';
  }

  #toggleInvite(): void {
    this.#saveDraft({ open: !this.draft.open });
    // Closing from the form's own Cancel would leave focus on a hidden button.
    this.#focusAfterUpdate = this.draft.open ? 'emails' : 'invite-button';
  }

  #onDraftInput(event: Event): void {
    this.#saveDraft({ text: (event.target as HTMLTextAreaElement).value });
    this.inviteError = '';
  }

  #onInviteSubmit(event: Event): void {
    event.preventDefault();
    void this.#invite();
  }

  #askStatus(member: Member, status: Confirming['status']): void {
    if (this.busy.has(member.id)) return;
    this.confirming = { member, status };
    void this.updateComplete.then(() => {
      const dialog = this.#dialog();
      if (!dialog || dialog.open) return;
      dialog.returnValue = '';
      dialog.showModal();
    });
  }

  #onDialogClose(): void {
    const confirming = this.confirming;
    this.confirming = null;
    if (!confirming) return;
    if (this.#dialog()?.returnValue === 'confirm') void this.#update(confirming.member.id, { status: confirming.status });
    // Back to the button that opened the dialog (after a change, its row shows the opposite action).
    this.#focusAfterUpdate = `status-${confirming.member.id}`;
  }

  // ----- actions -----

  async #invite(): Promise<void> {
    const client = this.client;
    if (!client || this.inviting) return;
    const t = this.#t;
    const entries = parseAddresses(this.draft.text);
    if (!entries.length) {
      this.inviteError = t('members.inviteEmpty');
      this.#focusAfterUpdate = 'emails';
      return;
    }
    const role = this.draft.role;
    const results: InviteResult[] = [];
    const left: string[] = [];
    const seen = new Set<string>();
    const queue: typeof entries = [];
    for (const entry of entries) {
      const key = entry.email.toLowerCase();
      if (!EMAIL.test(entry.email)) {
        results.push({ email: entry.raw, outcome: 'invalid' });
        left.push(entry.raw);
      } else if (seen.has(key)) {
        results.push({ email: entry.email, outcome: 'duplicate' });
      } else {
        seen.add(key);
        queue.push(entry);
      }
    }
    this.inviting = true;
    this.inviteError = '';
    this.results = [];
    // Shown in the list at once; replaced by the server's member, or taken out if it refuses.
    const tempId = (email: string): string => `pending:${email.toLowerCase()}`;
    const known = new Set(this.rows.map((m) => m.email.toLowerCase()));
    const pending = queue.filter((entry) => !known.has(entry.email.toLowerCase()));
    const invitedAt = new Date().toISOString();
    this.rows = [
      ...this.rows,
      ...pending.map(({ email, name }): Member => ({ id: tempId(email), email, name: name ?? email, role, status: 'invited', invitedAt, lastSeenAt: null })),
    ];
    let stop = false;
    let sent = 0;
    for (const { email, name, raw } of queue) {
      let outcome: Outcome = 'skipped';
      let reason: string | undefined;
      if (!stop) {
        const keyName = `${role}:${email.toLowerCase()}`;
        const idempotencyKey = this.#keys.get(keyName) ?? crypto.randomUUID();
        this.#keys.set(keyName, idempotencyKey);
        try {
          const member = await client.inviteMember({ email, role, ...(name ? { name } : {}) }, { idempotencyKey });
          this.rows = this.rows.map((m) => (m.id === tempId(email) ? member : m));
          outcome = 'sent';
          sent++;
          this.dispatchEvent(new PortalMemberInvitedEvent(member));
        } catch (error) {
          this.rows = this.rows.filter((m) => m.id !== tempId(email));
          const status = statusOf(error);
          if (status === 409) outcome = 'member';
          // 401: the session ended; every element now asks to sign in again, and the address waits here.
          else if (status === 401) stop = true;
          else if (status === 422 && isPortalError(error) && error.fieldError('email') !== undefined) outcome = 'invalid';
          else {
            outcome = 'failed';
            reason = this.localize.error(error);
            // The rest would fail alike (not allowed, rate limited, refused role): keep them for later.
            stop = status === 403 || status === 429 || status === 422;
          }
        }
        // Answered: the next invitation of this address is a new one.
        if (outcome !== 'skipped' && outcome !== 'failed') this.#keys.delete(keyName);
      }
      results.push({ email, outcome, reason });
      if (outcome !== 'sent' && outcome !== 'member') left.push(raw);
    }
    this.inviting = false;
    this.results = results;
    this.#saveDraft({ text: left.join('\n') });
    const summary = [t('members.inviteSummary', { count: sent })];
    if (left.length) summary.push(t('members.inviteLeft', { count: left.length }));
    this.#announce(summary.join(' '));
    this.#focusAfterUpdate = left.length ? 'emails' : 'results';
    if (left.length) this.inviteError = t('members.inviteNeedsFix');
  }

  async #reinvite(member: Member): Promise<void> {
    const client = this.client;
    if (!client || this.busy.has(member.id)) return;
    this.problem = null;
    this.#setBusy(member.id, true);
    this.#replace({ ...member, invitedAt: new Date().toISOString() });
    try {
      const updated = await client.reinviteMember(member.id);
      this.#replace(updated);
      this.#announce(this.#t('members.resent', { email: member.email }));
      this.dispatchEvent(new PortalMemberInvitedEvent(updated, true));
    } catch (error) {
      this.#replace(member);
      this.#fail(member, error, () => void this.#reinvite(member));
    }
    this.#setBusy(member.id, false);
  }

  /** Shows the change at once, sends it after any earlier change of the member, undoes it if refused. */
  #update(id: string, change: UpdateMemberRequest): Promise<void> {
    const before = this.rows.find((m) => m.id === id);
    const client = this.client;
    if (!before || !client) return Promise.resolve();
    this.problem = null;
    this.#replace({ ...before, ...change });
    this.#setBusy(id, true);
    const run = (this.#chains.get(id) ?? Promise.resolve()).then(async () => {
      try {
        const updated = await client.updateMember(id, change);
        // A later change already shows in the row: leave it there until its own answer.
        if (this.#chains.get(id) === run) this.#replace(updated);
        const t = this.#t;
        const name = updated.name;
        this.#announce(
          change.role
            ? t('members.roleChanged', { name, role: t(`members.role.${updated.role}`) })
            : t(updated.status === 'deactivated' ? 'members.deactivated' : 'members.reactivated', { name }),
        );
        this.dispatchEvent(new PortalMemberUpdatedEvent(updated, before));
      } catch (error) {
        const current = this.rows.find((m) => m.id === id);
        if (current) {
          this.#replace({
            ...current,
            ...(change.role ? { role: before.role } : {}),
            ...(change.status ? { status: before.status } : {}),
          });
        }
        this.#fail(before, error, () => void this.#update(id, change));
      }
    });
    this.#chains.set(id, run);
    return run.finally(() => {
      if (this.#chains.get(id) === run) {
        this.#chains.delete(id);
        this.#setBusy(id, false);
      }
    });
  }

  async #export(): Promise<void> {
    const client = this.client;
    if (!client || this.exporting) return;
    this.exporting = true;
    this.problem = null;
    try {
      const blob = await client.exportMembers();
      const file = `members-${today()}.csv`;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      link.hidden = true;
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      // Some browsers read the URL after click() returns: let it live a while.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.#announce(this.#t('members.exported', { file }));
    } catch (error) {
      if (!quiet(error)) this.#alert(this.#t('members.exportFailed', { reason: this.localize.error(error) }), () => void this.#export());
    }
    this.exporting = false;
  }

  // ----- helpers -----

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** The signed-in user, if any. */
  #user(): User | undefined {
    const s = this.session;
    return s.status === 'signed-in' ? s.user : undefined;
  }

  #who(): string {
    const user = this.#user();
    return user ? `${user.id}:${user.role}` : '';
  }

  #saveDraft(change: Partial<Draft>): void {
    this.draft = { ...this.draft, ...change };
    try {
      if (this.draft.text || this.draft.open) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(this.draft));
      else sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      // Blocked storage: the draft lives as long as the page.
    }
  }

  #replace(member: Member): void {
    this.rows = this.rows.map((m) => (m.id === member.id ? member : m));
  }

  #setBusy(id: string, on: boolean): void {
    const busy = new Set(this.busy);
    if (on) busy.add(id);
    else busy.delete(id);
    this.busy = busy;
  }

  /** Words for a refused change, shown above the list and announced; focus stays where it is. */
  #fail(member: Member, error: unknown, retry: () => void): void {
    if (quiet(error)) return;
    const t = this.#t;
    const name = member.name;
    const status = statusOf(error);
    const code = isPortalError(error) ? error.code : '';
    let reason = this.localize.error(error);
    let again: (() => void) | undefined;
    if (status === 409 && code === 'self_change') reason = t('members.error.self');
    else if (status === 409 && code === 'invitation_pending') reason = t('members.error.pending', { name });
    else if (status === 404 || status === 409) {
      reason = t(status === 404 ? 'members.error.gone' : 'members.error.conflict');
      // From the first page again: what was paged in before may have changed too.
      if (this.cursor) this.cursor = '';
      else void this.#list.run();
    } else if (status === 422) reason = t('members.error.rejected');
    else if (status === 0 || status === 429 || status >= 500) again = retry;
    this.#alert(t('members.updateFailed', { name, reason }), again);
  }

  /** Shows a failure above the list, with "Try again" when `retry` is given, and announces it. */
  #alert(message: string, retry?: () => void): void {
    this.problem = { message, ...(retry ? { retry } : {}) };
    this.#announce(message);
  }

  /** Says something in the live region, even when it is what was said last. */
  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = message;
    });
  }

  // ----- render -----

  protected override render(): unknown {
    return html`${this.#renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  #renderBody(): TemplateResult {
    const t = this.#t;
    const session = this.session;
    if (session.status === 'signing-in') return this.#renderLoading();
    if (session.status !== 'signed-in') {
      return this.#renderNotice(
        t(session.status === 'expired' ? 'common.signInAgain' : 'members.signedOut'),
        this.signInHref ? html` <a part="sign-in-link" href=${this.signInHref}>${t('common.signIn')}</a>` : nothing,
      );
    }
    const task = this.#list;
    const error = task.status === TaskStatus.ERROR ? task.error : undefined;
    if (statusOf(error) === 403) return this.#renderNotice(t('members.forbidden', { organization: session.organization.name }));
    const admin = session.user.role === 'customer_admin';
    // Rows already shown stay while the next search or page loads, and when it fails.
    const shown = this.rows.length > 0 || task.status === TaskStatus.COMPLETE;
    return html`${this.#renderToolbar(admin)} ${admin ? this.#renderInvite() : nothing}
      ${this.problem ? this.#renderAlert(this.problem) : nothing}
      ${error === undefined ? nothing : this.#renderAlert({ message: `${t('members.loadError')} ${this.localize.error(error)}`, retry: () => void task.run() })}
      ${shown ? this.#renderTable(admin, task.status === TaskStatus.PENDING) : error === undefined ? this.#renderLoading() : nothing}
      ${admin ? this.#renderDialog() : nothing}`;
  }

  #renderNotice(message: string, link: unknown = nothing): TemplateResult {
    return html`<p class="notice" part="notice">${message}${link}</p>`;
  }

  #renderLoading(): TemplateResult {
    return html`<p class="muted" aria-busy="true">${this.#t('common.loading')}</p>`;
  }

  #renderAlert(problem: Problem): TemplateResult {
    return html`<div class="alert" part="alert">
      <p>${problem.message}</p>
      ${problem.retry
        ? html`<button
            class="button"
            part="retry"
            type="button"
            @click=${() => {
              if (this.problem === problem) this.problem = null;
              problem.retry?.();
            }}
          >
            ${this.#t('common.retry')}
          </button>`
        : nothing}
    </div>`;
  }

  /** The options of a role select: the roles, `value` selected. */
  #roleOptions(value: Role): unknown {
    return ROLES.map((r) => html`<option value=${r} ?selected=${r === value}>${this.#t(`members.role.${r}`)}</option>`);
  }

  #renderToolbar(admin: boolean): TemplateResult {
    const t = this.#t;
    const filter = (name: 'role' | 'status', label: MessageKey, all: MessageKey, values: readonly string[], value: string) =>
      html`<label class="field"
        ><span>${t(label)}</span>
        <select name=${name} part="filter" .value=${live(value)} @change=${this.#onFilter}>
          <option value="">${t(all)}</option>
          ${values.map((v) => html`<option value=${v} ?selected=${v === value}>${t(`members.${name}.${v}` as MessageKey)}</option>`)}
        </select></label
      >`;
    return html`<div class="toolbar" part="toolbar">
      <form class="field search" role="search" @submit=${this.#onSearchSubmit}>
        <label for="search">${t('members.search')}</label>
        <input id="search" part="search" data-focus="search" type="search" autocomplete="off" .value=${live(this.search)} @input=${this.#onSearchInput} />
      </form>
      ${filter('role', 'members.role', 'members.allRoles', ROLES, this.roleFilter)}
      ${filter('status', 'members.status', 'members.allStatuses', STATUSES, this.statusFilter)}
      ${admin
        ? html`<div class="buttons">
            <button class="button" part="invite-button" data-focus="invite-button" data-variant="primary" type="button" aria-expanded=${this.draft.open ? 'true' : 'false'} aria-controls="invite" @click=${this.#toggleInvite}>
              ${t('members.invite')}
            </button>
            <button class="button" part="export-button" type="button" ?disabled=${this.exporting} @click=${() => void this.#export()}>
              ${t(this.exporting ? 'members.exporting' : 'members.export')}
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  #renderInvite(): TemplateResult {
    const t = this.#t;
    const { text, role, open } = this.draft;
    const error = this.inviteError;
    // A template of its own, on one line: the build leaves templates holding a <textarea> as written.
    const textarea = html`<textarea id="emails" part="invite-input" data-focus="emails" rows="3" spellcheck="false" .value=${live(text)} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'emails-error emails-hint results' : 'emails-hint'} @input=${this.#onDraftInput}></textarea>`;
    return html`<form id="invite" class="invite" part="invite-form" aria-labelledby="invite-heading" novalidate ?hidden=${!open} @submit=${this.#onInviteSubmit}>
      <h2 id="invite-heading">${t('members.invite')}</h2>
      <div class="field">
        <label for="emails">${t('members.inviteEmails')}</label>
        ${textarea}
        <p class="hint" id="emails-hint">${t('members.inviteHint')}</p>
        ${error ? html`<p class="field-error" part="field-error" id="emails-error">${error}</p>` : nothing}
      </div>
      <div class="field">
        <label for="invite-role">${t('members.role')}</label>
        <select
          id="invite-role"
          part="invite-role"
          aria-describedby="role-hint"
          .value=${live(role)}
          @change=${(event: Event) => this.#saveDraft({ role: (event.target as HTMLSelectElement).value as Role })}
        >
          ${this.#roleOptions(role)}
        </select>
        <p class="hint" id="role-hint">${t('members.inviteRoleHint')}</p>
      </div>
      <div class="buttons">
        <button class="button" part="invite-submit" data-variant="primary" type="submit" ?disabled=${this.inviting}>
          ${t(this.inviting ? 'common.sending' : 'members.inviteSend')}
        </button>
        <button class="button" type="button" @click=${this.#toggleInvite}>${t('common.cancel')}</button>
      </div>
      <ul id="results" class="results" part="invite-results" tabindex="-1" data-focus="results" ?hidden=${!this.results.length}>
        ${this.results.map(
          (r) => html`<li data-outcome=${r.outcome}>
            <span class="address">${r.email}</span>
            <span>${r.outcome === 'failed' ? r.reason : t(`members.outcome.${r.outcome}`)}</span>
          </li>`,
        )}
      </ul>
    </form>`;
  }

  #renderTable(admin: boolean, pending: boolean): TemplateResult {
    const t = this.#t;
    if (!this.rows.length) {
      return html`<div class="notice empty" part="notice">
        <p>${t('members.empty')}</p>
        ${this.query || this.roleFilter || this.statusFilter
          ? html`<button class="button" type="button" @click=${this.#clearFilters}>${t('members.clearFilters')}</button>`
          : nothing}
      </div>`;
    }
    const heads: MessageKey[] = ['members.colName', 'members.role', 'members.status', 'members.colInvited', 'members.colLastSeen'];
    if (admin) heads.push('members.colActions');
    return html`<table part="table" aria-busy=${pending ? 'true' : 'false'}>
        <caption class="visually-hidden">${t('members.caption')}</caption>
        <thead>
          <tr>
            ${heads.map((h) => html`<th scope="col">${t(h)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.rows.map((m) => this.#renderRow(m, admin))}
        </tbody>
      </table>
      ${this.next
        ? html`<button class="button more" part="more" type="button" ?disabled=${pending} @click=${() => (this.cursor = this.next ?? '')}>
            ${t(pending ? 'common.loading' : 'members.more')}
          </button>`
        : nothing}`;
  }

  #renderRow(m: Member, admin: boolean): TemplateResult {
    const t = this.#t;
    const l = this.localize;
    const { id, name, status, invitedAt, lastSeenAt } = m;
    const self = this.#user()?.id === id;
    const pending = id.startsWith('pending:');
    const busy = pending || this.busy.has(id);
    const invited = status === 'invited';
    const active = status === 'active';
    // One button per row: resend a pending invitation, or deactivate / reactivate (after a confirmation).
    const action = invited ? 'resend' : active ? 'deactivate' : 'reactivate';
    return html`<tr part="row" data-id=${id} aria-busy=${busy ? 'true' : 'false'}>
      <th scope="row" part="name" tabindex="-1" data-focus="name-${id}">
        <span class="name">${name}</span>${self ? html` <span class="badge" part="badge">${t('members.you')}</span>` : nothing}
        <span class="email">${m.email}</span>
      </th>
      <td data-label=${t('members.role')}>
        ${admin && !self && !pending
          ? html`<select
              part="role-select"
              aria-label=${t('members.roleOf', { name })}
              data-focus="role-${id}"
              .value=${live(m.role)}
              @change=${(event: Event) => void this.#update(id, { role: (event.target as HTMLSelectElement).value as Role })}
            >
              ${this.#roleOptions(m.role)}
            </select>`
          : t(`members.role.${m.role}`)}
      </td>
      <td data-label=${t('members.status')}>
        <span class="badge" part="badge" data-status=${status}>${t(`members.status.${status}`)}</span>
        ${invited && invitedAt ? html`<span class="sent">${t('members.sent', { time: l.relativeTime(invitedAt) })}</span>` : nothing}
      </td>
      <td data-label=${t('members.colInvited')}>${invitedAt
        ? html`<time datetime=${invitedAt}>${l.date(invitedAt, { dateStyle: 'medium' })}</time>`
        : t('members.notRecorded')}</td>
      <td data-label=${t('members.colLastSeen')}>${lastSeenAt
        ? html`<time datetime=${lastSeenAt} title=${l.date(lastSeenAt)}>${l.relativeTime(lastSeenAt)}</time>`
        : t('members.never')}</td>
      ${admin
        ? html`<td>${self || pending
              ? nothing
              : html`<button
                  class="button"
                  part="action"
                  type="button"
                  data-focus="${invited ? 'resend' : 'status'}-${id}"
                  data-action=${action}
                  @click=${() => (invited ? void this.#reinvite(m) : this.#askStatus(m, active ? 'deactivated' : 'active'))}
                >
                  ${t(`members.${action}`)}
                  <span class="visually-hidden">${name}</span>
                </button>`}</td>`
        : nothing}
    </tr>`;
  }

  #renderDialog(): TemplateResult {
    const t = this.#t;
    const c = this.confirming;
    const verb = c?.status === 'deactivated' ? 'Deactivate' : 'Reactivate';
    const params = { name: c?.member.name ?? '', email: c?.member.email ?? '' };
    return html`<dialog part="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${this.#onDialogClose}>
      <form method="dialog">
        <h2 id="confirm-title">${c ? t(`members.confirm${verb}`, params) : ''}</h2>
        <p id="confirm-text">${c ? t(`members.confirm${verb}Text`, params) : ''}</p>
        <div class="buttons">
          <button class="button" part="cancel" value="cancel">${t('common.cancel')}</button>
          <button class="button" part="confirm" value="confirm" data-variant=${c?.status === 'deactivated' ? 'danger' : 'primary'}>
            ${t(`members.${verb === 'Deactivate' ? 'deactivate' : 'reactivate'}`)}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}
