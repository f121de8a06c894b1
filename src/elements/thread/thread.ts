import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { Attachment, Field, FieldValue, Message, Ticket, User } from '../../api/types.js';
import { fieldStyles, renderField, validateField } from '../../base/field-input.js';
import { MarkdownEditorController, markdownEditorStyles } from '../../base/markdown-editor.js';
import { PortalElement } from '../../base/portal-element.js';
import type { SessionState } from '../../context/session-store.js';
import { fieldDefinitions, fieldLabel, isEmptyFieldValue, priorityIndicator, renderFieldValue, statusBadge, statusText, ticketDisplayStyles } from '../../base/ticket-display.js';
import { DraftController } from '../../controllers/draft.js';
import { PollController } from '../../controllers/poll.js';
import { UploadsController, uniqueKey, uploadStyles } from '../../controllers/uploads.js';
import { UrlStateController } from '../../controllers/url-state.js';
import { MarkdownCache, preloadMarkdown } from '../../markdown/index.js';
import { baseStyles, controlStyles } from '../../theme/shared-styles.js';
import { PortalMessageSentEvent, PortalTicketUpdatedEvent } from './events.js';
import type { TicketChange } from './events.js';
import type { Outgoing } from './model.js';
import { asText, dayKey, initials, mergeMessages, safeUrl, yieldToMain } from './model.js';
import { threadStyles } from './thread.styles.js';
import { threadEn } from '../../i18n/en/thread.js';
import { ticketEn } from '../../i18n/en/ticket.js';
import { ticketFormEn } from '../../i18n/en/ticket-form.js';

/** Messages asked for per page (the contract's maximum). */
const PAGE = 100;
/** Work per chunk while a long thread fills in, so no task runs long. */
const BUDGET_MS = 8;

/** Every field definition, and which fields each form has (editing needs the form's own). */
type Loaded = { forms: Field[]; formFields: Map<string, string[]> };
type Busy = 'close' | 'reopen' | 'rate' | 'older' | `field:${string}` | null;
/** A `data-focus` name, or `#id`. */
type Focus = 'status-action' | 'rating' | 'alert' | 'older' | `message:${string}` | `edit:${string}` | `#${string}`;

/** A message as rendered: a server copy, or a reply not confirmed yet. */
type Entry = { message: Message; outgoing?: Outgoing };

const cache = new MarkdownCache({ maxEntries: 2000 });

/**
 * One support ticket: its header (subject, number, status, priority, requester, dates and the
 * fields the portal shows, editable in place where allowed), the conversation (markdown,
 * attachments, grouped by day, newest first in view, earlier pages on request, long threads
 * rendered in chunks), the reply composer (draft kept per ticket, pending and failed replies with
 * retry that never posts twice), close and reopen, the satisfaction rating, and live updates.
 *
 * Without `ticket-id` it shows the ticket named in the page address (`?ticket=`), so a ticket
 * page needs no script.
 *
 * @summary A ticket's conversation, live, with replies, close/reopen and rating.
 * @tag portal-thread
 *
 * @csspart header - The ticket header.
 * @csspart subject - The ticket subject heading.
 * @csspart number - The ticket number.
 * @csspart status-badge - The status badge.
 * @csspart priority - The priority.
 * @csspart fields - The list of ticket fields.
 * @csspart field-edit - The button that edits a field in place.
 * @csspart field - A field being edited (label, input, help, error).
 * @csspart input - The input of a field being edited, and the reply text area.
 * @csspart field-help - Help text under an input.
 * @csspart field-error - An error shown at a field or input.
 * @csspart status-action - The close or reopen button.
 * @csspart conversation - The scrolling conversation.
 * @csspart load-earlier - The button that loads earlier messages.
 * @csspart day - A day separator.
 * @csspart message - A message (also `message-customer`, `message-agent`, `message-system`).
 * @csspart avatar - An author's picture or initials.
 * @csspart author - An author's name.
 * @csspart time - A message's time (the exact time shows on hover and focus).
 * @csspart body - A message's text.
 * @csspart attachments - A message's attachment list.
 * @csspart attachment - One attachment.
 * @csspart thumbnail - An image attachment's thumbnail.
 * @csspart message-status - "Sending…" or "Not sent" under a reply.
 * @csspart retry - A "Try again" button.
 * @csspart new-messages - The "new messages" button shown when scrolled up.
 * @csspart composer - The reply form.
 * @csspart editor - The reply editor (label, Write/Preview tabs, text area).
 * @csspart editor-tab - The Write and Preview tabs.
 * @csspart editor-input - The reply text area.
 * @csspart editor-preview - The reply's preview.
 * @csspart upload-picker - The "Attach files" button with its hint.
 * @csspart upload-button - The "Attach files" button.
 * @csspart uploads - The list of files attached to the reply.
 * @csspart upload - One file attached to the reply.
 * @csspart upload-progress - A file's upload progress.
 * @csspart upload-error - Why a file could not be attached.
 * @csspart upload-retry - Retries a failed upload.
 * @csspart upload-remove - Removes a file.
 * @csspart send - The send button.
 * @csspart rating - The satisfaction rating form or the rating given.
 * @csspart rating-option - The good and bad choices.
 * @csspart alert - An error message with its retry button.
 * @csspart notice - Information such as "this ticket is closed".
 * @csspart sign-in-link - The link to sign in, when `sign-in-href` is set.
 *
 * @cssprop [--portal-thread-max-block-size=min(70vh, 48rem)] - Height the conversation scrolls at.
 * @cssprop [--portal-thread-gap=var(--portal-space-4)] - Space between messages.
 * @cssprop [--portal-thread-radius=var(--portal-radius-lg)] - Corner radius of messages.
 * @cssprop [--portal-thread-avatar-size=2.25rem] - Size of avatars.
 * @cssprop [--portal-thread-customer-background=var(--portal-color-surface-raised)] - Background of the customer's messages.
 * @cssprop [--portal-thread-agent-background=var(--portal-color-info-bg)] - Background of the support team's messages.
 * @cssprop [--portal-thread-system-color=var(--portal-color-text-muted)] - Colour of system notes.
 *
 * @fires portal-message-sent - The server accepted a reply. `event.message`, `event.ticketId`.
 * @fires portal-ticket-updated - The ticket was closed, reopened, edited or rated here, or its status changed on the server. `event.ticket`, `event.change`, `event.remote`.
 */
export class PortalThread extends PortalElement {
  static override styles = [baseStyles, controlStyles, ticketDisplayStyles, fieldStyles, markdownEditorStyles, uploadStyles, threadStyles];
  static override strings = [threadEn, ticketEn, ticketFormEn];

  /** The ticket with the forms that label its fields; messages are kept apart. */
  readonly #load = new Task(this, {
    task: async ([client, user, id], { signal }): Promise<Loaded | null> => {
      if (!client || !user || !id) return null;
      void preloadMarkdown().catch(() => undefined);
      const [ticket, page, forms] = await Promise.all([
        client.getTicket(id, { signal }),
        client.listMessages(id, { limit: PAGE }, { signal }),
        // Only labels come from the forms: the thread shows without them.
        client.listTicketForms({ signal }).catch((e: unknown) => (isAbortError(e) ? Promise.reject(e) : [])),
      ]);
      // What was sending when the page went away may or may not have arrived: retrying with the
      // same key is safe, so it comes back as failed, with retry.
      this.outgoing = (this.#outbox.read(user, `thread-outbox:${id}`) ?? []).map((o) => ({ ...o, state: 'failed' }));
      this.ticket = ticket;
      this.messages = [];
      this.runs = [];
      this.olderCursor = page.nextCursor;
      this.#draftKey = [user, `thread:${id}`];
      const draft = this.#draft.read(user, `thread:${id}`);
      this.draft = draft?.body ?? '';
      this.#uploads.reset();
      if (draft?.attachments.length) this.#uploads.restore(draft.attachments);
      this.#atBottom = true;
      await this.#add(page.items);
      this.#poller.restart();
      return { forms: [...fieldDefinitions(forms).values()], formFields: new Map(forms.map((f) => [f.id, f.fields.map((x) => x.key)])) };
    },
    args: () => [this.client, this.#userId(), this.#ticketId()] as const,
  });

  readonly #poller = new PollController(this, {
    interval: () => this.pollInterval * 1000,
    enabled: () => this.session.status === 'signed-in' && !!this.ticket,
    poll: (signal) => this.#poll(signal),
  });

  /** Back and forward between ticket pages show the ticket the address names. */
  readonly #url = new UrlStateController<string>(this, { params: [], onChange: () => this.locationTick++ });

  @state() private ticket: Ticket | null = null;
  @state() private messages: Message[] = [];
  /**
   * The messages in the page, as runs (oldest first) that each render as one guarded block: a
   * chunk adds a run without touching the others, however long the thread.
   */
  @state() private runs: Message[][] = [];
  @state() private olderCursor: string | null = null;
  @state() private outgoing: Outgoing[] = [];
  @state() private draft = '';
  @state() private busy: Busy = null;
  @state() private problem: { message: string; retry?: () => void; field?: string } | null = null;
  @state() private unseen = 0;
  @state() private announcement = '';
  @state() private now = Date.now();
  @state() private editing: string | null = null;
  @state() private rating: 'good' | 'bad' | null = null;
  @state() private ratingComment = '';
  @state() private locationTick = 0;

  /** Replies not confirmed yet, per person and ticket, so a reload keeps them. */
  readonly #outbox = new DraftController<Outgoing[]>(this, { delay: 0 });
  /** Whose draft of which ticket the composer holds. */
  #draftKey: [string, string] = ['', ''];
  readonly #draft = new DraftController<{ body: string; attachments: Attachment[] }>(this);
  readonly #editor = new MarkdownEditorController(this, this.localize);
  readonly #uploads = new UploadsController(this, {
    client: () => this.client,
    limits: () => (this.configState.status === 'ready' ? this.configState.config.attachments : undefined),
    localize: this.localize,
    announce: (message) => this.#announce(message),
    onChange: () => this.#saveDraft(),
    idPrefix: 'reply-upload-',
  });
  #focusAfterUpdate: Focus | null = null;
  /** Distance from the bottom of the conversation to keep across an update that adds above. */
  #anchor: number | null = null;
  #atBottom = true;
  #pumping = false;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #editValue: FieldValue = null;
  /**
   * Keeps the newest message in view while the reader is at the bottom and the list changes
   * height (older chunks laid out, off-screen messages measured as they scroll in).
   */
  readonly #resize = new ResizeObserver(() => {
    // In the next frame: scrolling measures messages coming into view, which would resize the
    // list again inside this callback (a "ResizeObserver loop" error in Firefox).
    requestAnimationFrame(() => this.#atBottom && this.#place());
  });
  /** When the reader last wheeled, touched, pressed a key or grabbed the scrollbar in the conversation. */
  #userScrolledAt = 0;
  readonly #onUserScroll = (): void => {
    this.#userScrolledAt = Date.now();
  };
  #observed: Element | null = null;

  /** The ticket to show. Without it, the ticket named by `url-param` in the page address. */
  @property({ attribute: 'ticket-id' }) ticketId = '';

  /** The query parameter of the page address that names the ticket when `ticket-id` is not set. */
  @property({ attribute: 'url-param' }) urlParam = 'ticket';

  /**
   * Where to sign in, for a reader who is signed out or whose session expired: shown as a link
   * next to the notice (the draft and unsent replies are kept for when they come back).
   */
  @property({ attribute: 'sign-in-href' }) signInHref = '';

  /** Seconds between checks for new messages and status changes while the page is visible; 0 turns them off. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 15;

  /**
   * Messages added to the page per chunk while a long thread fills in (newest first, so the
   * latest messages show at once). 0 renders every loaded message in one go.
   */
  @property({ type: Number, attribute: 'chunk-size' }) chunkSize = 20;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#ticker = setInterval(() => (this.now = Date.now()), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#ticker);
    this.#resize.disconnect();
    this.#observed = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // Signed in again after an expiry: catch up at once.
    if ((changed.get('session') as SessionState | undefined)?.status === 'expired' && this.session.status === 'signed-in' && this.ticket) void this.#poller.pollNow();
  }


  protected override updated(): void {
    const list = this.renderRoot.querySelector('.messages');
    if (list !== this.#observed) {
      this.#resize.disconnect();
      if (list) this.#resize.observe(list);
      this.#observed = list;
    }
    const scroller = this.#scroller();
    if (scroller && this.#anchor !== null) {
      this.#place(this.#atBottom ? undefined : scroller.scrollHeight - this.#anchor);
      this.#anchor = null;
    }
    const target = this.#focusAfterUpdate;
    if (target) {
      const el = this.renderRoot.querySelector<HTMLElement>(target.startsWith('#') ? `#${CSS.escape(target.slice(1))}` : `[data-focus="${CSS.escape(target)}"]`);
      // A message still filling in gets the focus when its chunk arrives.
      if (el || !this.#pumping) this.#focusAfterUpdate = null;
      el?.focus();
    }
  }

  // ----- event handlers -----

  #onScroll(): void {
    const s = this.#scroller();
    if (!s) return;
    // Only the reader leaves the bottom: the browser's own adjustments while the list grows
    // (scroll anchoring, messages measured as they come into view) do not.
    if (s.scrollHeight - s.scrollTop - s.clientHeight < 48) this.#atBottom = true;
    else if (Date.now() - this.#userScrolledAt < 1000) this.#atBottom = false;
    if (this.#atBottom && this.unseen) this.unseen = 0;
  }

  /** Scrolls the conversation to `top` (the bottom when omitted), remembering where it put it. */
  #place(top?: number): void {
    const s = this.#scroller();
    if (!s) return;
    s.scrollTop = top ?? s.scrollHeight;
  }

  #onDraftInput(value: string): void {
    this.draft = value;
    this.#saveDraft();
    if (this.problem?.field === 'body') this.problem = null;
  }

  #saveOutbox(): void {
    const [user, key] = this.#draftKey;
    if (user) this.#outbox.save(user, key.replace('thread:', 'thread-outbox:'), this.outgoing);
  }

  #saveDraft(): void {
    const [user, key] = this.#draftKey;
    if (!user) return;
    const attachments = this.#uploads.attachments;
    if (this.draft || attachments.length) this.#draft.save(user, key, { body: this.draft, attachments });
    else this.#draft.clear(user, key);
  }

  #onReplyKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.#submit();
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#submit();
  }

  #showNew(): void {
    this.unseen = 0;
    this.#scrollToBottom();
    const last = this.messages[this.messages.length - 1];
    if (last) this.#focus(`message:${last.id}`);
  }

  // ----- public methods -----

  /** Checks for new messages and status changes now (polling does this on its own). */
  refresh(): Promise<void> {
    return this.#poller.pollNow();
  }

  // ----- loading -----

  #ticketId(): string {
    void this.locationTick;
    if (this.ticketId) return this.ticketId;
    return this.#url.get(this.urlParam)?.trim() ?? '';
  }

  /** Who is (or was, until the session expired) signed in: the thread stays for them. */
  #userId(): string {
    return this.#me()?.id ?? '';
  }

  #me(): User | null {
    const s = this.session;
    return 'user' in s ? s.user : null;
  }

  #scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.conversation');
  }

  #scrollToBottom(): void {
    this.#atBottom = true;
    this.#anchor = 0;
  }

  /** Adds server messages: newer ones show at once, older ones fill in above, chunk by chunk. */
  async #add(items: readonly Message[]): Promise<Message[]> {
    const known = new Set(this.messages.map((m) => m.id));
    const fresh = mergeMessages([], items.filter((m) => !known.has(m.id)));
    if (!fresh.length) return [];
    const newest = this.messages[this.messages.length - 1]?.createdAt ?? '';
    const newer = fresh.filter((m) => m.createdAt >= newest);
    // The first load shows one chunk (the newest) at once; arrivals show in full.
    const shown = this.runs.length ? newer : newer.slice(-this.#chunk());
    // Parse what shows at once before it shows, so it never flashes as plain text; in slices
    // within the budget, so even the first chunk is no long task.
    let start = performance.now();
    for (const m of shown) {
      await this.#parse(m.id, m.body);
      if (this.chunkSize > 0 && performance.now() - start > BUDGET_MS) {
        await yieldToMain();
        start = performance.now();
      }
    }
    const clientIds = new Set(fresh.map((m) => m.clientId).filter(Boolean));
    if (this.outgoing.some((o) => clientIds.has(o.clientId))) {
      this.outgoing = this.outgoing.filter((o) => !clientIds.has(o.clientId));
      this.#saveOutbox();
    }
    this.messages = mergeMessages(this.messages, fresh);
    if (shown.length) this.runs = [...this.runs, shown];
    if (this.#atBottom) this.#scrollToBottom();
    void this.#pump();
    return newer;
  }

  #chunk(): number {
    return this.chunkSize > 0 ? this.chunkSize : Infinity;
  }

  /** How many loaded messages are older than the oldest one in the page. */
  #hidden(): number {
    const oldest = this.runs[0]?.[0];
    return oldest ? this.messages.findIndex((m) => m.id === oldest.id) : this.messages.length;
  }

  /** Renders the remaining older messages a chunk at a time, keeping the reader's place. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let end = this.#hidden(); end > 0; end = this.#hidden()) {
        const start = performance.now();
        let from = end;
        // Parse within a time budget, so a chunk of long messages stays a short task.
        while (from > 0 && end - from < this.#chunk() && (this.chunkSize <= 0 || from === end || performance.now() - start < BUDGET_MS)) {
          const m = this.messages[--from];
          if (m) await this.#parse(m.id, m.body);
        }
        this.#keepPlace();
        this.runs = [this.messages.slice(from, end), ...this.runs];
        await this.updateComplete;
        if (this.chunkSize > 0) await yieldToMain();
      }
    } finally {
      this.#pumping = false;
    }
  }

  #keepPlace(): void {
    const s = this.#scroller();
    if (s && this.#anchor === null) this.#anchor = s.scrollHeight - s.scrollTop;
  }

  async #parse(id: string, body: string): Promise<void> {
    if (asText(body)) return;
    try {
      await cache.render(id, body);
    } catch {
      // The markdown chunk failed to load: the message shows as text.
    }
  }

  async #loadEarlier(): Promise<void> {
    const { client, ticket, olderCursor } = this;
    if (!client || !ticket || !olderCursor || this.busy) return;
    this.busy = 'older';
    this.problem = null;
    try {
      const page = await client.listMessages(ticket.id, { before: olderCursor, limit: PAGE });
      if (ticket.id !== this.ticket?.id) return;
      this.olderCursor = page.nextCursor;
      await this.#add(page.items);
      this.#announce(this.localize.t('thread.loadedEarlier', { count: page.items.length }));
      const first = page.items[0];
      this.#focus(page.nextCursor || !first ? 'older' : `message:${first.id}`);
    } catch (error) {
      this.#fail(error, () => void this.#loadEarlier());
    } finally {
      this.busy = null;
    }
  }

  // ----- live updates -----

  /** Fetches what arrived since the newest message, and the ticket's status. Rejects on failure (the poller backs off). */
  async #poll(signal: AbortSignal): Promise<void> {
    const { client, ticket } = this;
    if (!client || !ticket) return;
    const arrived: Message[] = [];
    for (let round = 0; round < 20; round++) {
      const last = this.messages[this.messages.length - 1];
      const page = await client.listMessages(ticket.id, last ? { after: last.id, limit: PAGE } : { limit: PAGE }, { signal });
      // Another ticket opened meanwhile (back/forward): these messages are not its.
      if (signal.aborted || ticket.id !== this.ticket?.id) return;
      arrived.push(...(await this.#add(page.items)));
      if (!last || page.items.length < PAGE) break;
    }
    const fresh = await client.getTicket(ticket.id, { signal });
    if (signal.aborted || fresh.id !== this.ticket?.id) return;
    const t = this.localize.t.bind(this.localize);
    // One announcement for what arrived and the status it brought.
    const said: string[] = [];
    const others = arrived.filter((m) => m.author.id !== this.#userId());
    const latest = others[others.length - 1];
    if (latest) {
      said.push(others.length === 1 ? t('thread.arrivedOne', { name: latest.author.name }) : t('thread.arrived', { count: others.length }));
      if (!this.#atBottom) this.unseen += others.length;
    }
    const changed = fresh.status !== this.ticket.status;
    if (changed) said.push(t('thread.statusChanged', { status: statusText(this.localize, fresh.status) }));
    this.ticket = fresh;
    if (said.length) this.#announce(said.join(' '));
    if (changed) this.dispatchEvent(new PortalTicketUpdatedEvent(fresh, 'status', true));
  }

  // ----- sending -----

  async #submit(): Promise<void> {
    // Files still uploading go with the reply once they are up.
    await this.#uploads.settled();
    const body = this.draft.trim();
    const problem = this.#uploads.problems.length ? 'thread.error.uploads' : !body ? 'thread.error.empty' : null;
    if (problem) {
      this.problem = { field: 'body', message: this.localize.t(problem) };
      this.#editor.focus();
      return;
    }
    const outgoing: Outgoing = {
      clientId: uniqueKey(),
      key: uniqueKey(),
      body,
      attachments: this.#uploads.attachments,
      createdAt: new Date().toISOString(),
      state: 'sending',
    };
    this.outgoing = [...this.outgoing, outgoing];
    this.#saveOutbox();
    this.draft = '';
    this.#uploads.reset();
    this.#draft.clear(...this.#draftKey);
    this.problem = null;
    this.#scrollToBottom();
    this.#focus('#reply');
    void this.#send(outgoing);
  }

  async #send(outgoing: Outgoing): Promise<void> {
    const { client, ticket } = this;
    if (!client || !ticket) return;
    this.#replace(outgoing, { state: 'sending', error: '' });
    void this.#parse(`local:${outgoing.clientId}`, outgoing.body).then(() => this.requestUpdate());
    try {
      const message = await client.createMessage(
        ticket.id,
        { body: outgoing.body, attachmentIds: outgoing.attachments.map((a) => a.id), clientId: outgoing.clientId },
        { idempotencyKey: outgoing.key },
      );
      await this.#add([message]);
      this.#drop(outgoing.clientId);
      this.#announce(this.localize.t('thread.sent'));
      this.dispatchEvent(new PortalMessageSentEvent(message));
      // A reply to a solved ticket reopens it: show the status the server now has.
      void this.#poller.pollNow();
    } catch (error) {
      if (isAbortError(error)) return;
      const message = isPortalError(error) && error.status === 401 ? this.localize.t('common.signInAgain') : (isPortalError(error) && error.fieldError('body')) || this.localize.error(error);
      this.#replace(outgoing, { state: 'failed', error: message });
      this.#announce(this.localize.t('thread.notSentAnnounce', { reason: message }));
    }
  }

  #replace(outgoing: Outgoing, patch: Partial<Outgoing>): void {
    this.outgoing = this.outgoing.map((o) => (o.clientId === outgoing.clientId ? Object.assign(o, patch) : o));
    this.#saveOutbox();
  }

  #drop(clientId: string): void {
    this.outgoing = this.outgoing.filter((o) => o.clientId !== clientId);
    this.#saveOutbox();
  }

  #retrySend(outgoing: Outgoing): void {
    this.#focus(`message:local:${outgoing.clientId}`);
    void this.#send(outgoing);
  }

  /** Takes a failed reply back into the composer (after what is typed there), to change it. */
  #editFailed(outgoing: Outgoing): void {
    this.#drop(outgoing.clientId);
    this.draft = this.draft.trim() ? `${this.draft.trimEnd()}\n\n${outgoing.body}` : outgoing.body;
    this.#uploads.restore(outgoing.attachments);
    this.#saveDraft();
    this.#editor.focus();
  }

  // ----- ticket changes -----

  async #update(change: TicketChange, run: (client: NonNullable<PortalThread['client']>, ticket: Ticket) => Promise<Ticket>, busy: Busy, onError?: (error: unknown) => boolean): Promise<boolean> {
    const { client, ticket } = this;
    if (!client || !ticket || this.busy) return false;
    this.busy = busy;
    this.problem = null;
    try {
      this.ticket = await run(client, ticket);
      this.dispatchEvent(new PortalTicketUpdatedEvent(this.ticket, change));
      return true;
    } catch (error) {
      if (!onError?.(error)) this.#fail(error, () => void this.#update(change, run, busy, onError));
      return false;
    } finally {
      this.busy = null;
    }
  }

  async #setStatus(status: 'open' | 'closed'): Promise<void> {
    const done = await this.#update('status', (client, ticket) => client.updateTicket(ticket.id, { status }), status === 'closed' ? 'close' : 'reopen');
    if (!done) return;
    this.#announce(this.localize.t(status === 'closed' ? 'thread.closedAnnounce' : 'thread.reopenedAnnounce'));
    this.#focus(status === 'closed' && this.#csat() && !this.ticket?.satisfaction ? 'rating' : 'status-action');
    void this.#poller.pollNow();
  }

  async #rate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const rating = this.rating;
    if (!rating) {
      this.problem = { field: 'rating', message: this.localize.t('thread.error.chooseRating') };
      this.#focus('rating');
      return;
    }
    const comment = this.ratingComment.trim();
    const done = await this.#update(
      'satisfaction',
      (client, ticket) => client.rateTicket(ticket.id, comment ? { rating, comment } : { rating }),
      'rate',
      (error) => this.#fieldProblem(error, ['comment', 'rating']),
    );
    if (!done) return;
    this.#announce(this.localize.t('thread.rated'));
    this.#focus('rating');
  }

  #startEdit(field: Field): void {
    this.editing = field.key;
    this.#editValue = this.ticket?.fields[field.key] ?? null;
    this.problem = null;
    this.#focus(`#edit-${field.key}`);
  }

  #cancelEdit(key: string): void {
    this.editing = null;
    this.problem = null;
    this.#focus(`edit:${key}`);
  }

  async #saveField(event: SubmitEvent, field: Field): Promise<void> {
    event.preventDefault();
    const value = this.#editValue;
    const invalid = validateField(field, value, this.localize);
    if (invalid) {
      this.problem = { field: field.key, message: invalid };
      this.#focus(`#edit-${field.key}`);
      return;
    }
    const done = await this.#update(
      'fields',
      (client, ticket) => client.updateTicket(ticket.id, { fields: { [field.key]: value } }),
      `field:${field.key}`,
      (error) => this.#fieldProblem(error, [field.key, `fields.${field.key}`], field.key),
    );
    if (!done) return;
    this.editing = null;
    this.#announce(this.localize.t('thread.fieldSaved', { field: field.label }));
    this.#focus(`edit:${field.key}`);
  }

  /** Places a 422's message at the field it names; true when it did. */
  #fieldProblem(error: unknown, names: string[], at = names[0] as string): boolean {
    if (!isPortalError(error) || error.status !== 422) return false;
    const message = names.map((n) => error.fieldError(n)).find(Boolean);
    if (!message) return false;
    this.problem = { field: at, message };
    this.#focus(at === 'comment' || at === 'rating' ? 'rating' : `#edit-${at}`);
    return true;
  }

  #fail(error: unknown, retry: () => void): void {
    if (isAbortError(error)) return;
    const message = isPortalError(error) && error.status === 401 ? this.localize.t('common.signInAgain') : this.localize.error(error);
    this.problem = isPortalError(error) && (error.status === 401 || error.status === 403 || error.status === 422) ? { message } : { message, retry };
    this.#focus('alert');
    this.#announce(message);
  }

  /** Moves focus to `target` after the next render. */
  #focus(target: Focus): void {
    this.#focusAfterUpdate = target;
    this.requestUpdate();
  }

  /** Says something in the live region, even when it is what was said last. */
  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = message));
  }

  #csat(): boolean {
    return this.configState.status === 'ready' && this.configState.config.csat;
  }

  // ----- rendering -----

  #signInLink(): TemplateResult | typeof nothing {
    return this.signInHref ? html` <a part="sign-in-link" href=${this.signInHref}>${this.localize.t('common.signIn')}</a>` : nothing;
  }

  protected override render(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const status = this.session.status;
    let body: TemplateResult;
    if (status === 'signed-out' || status === 'signing-in' || (status === 'expired' && !this.ticket)) {
      body = html`<p class="notice" part="notice">${t(status === 'expired' ? 'common.signInAgain' : 'common.signedOut')}${this.#signInLink()}</p>`;
    } else if (!this.#ticketId()) {
      body = html`<p class="notice" part="notice">${t('thread.noTicket')}</p>`;
    } else {
      body = this.#load.render({
        initial: () => this.#renderLoading(),
        // Re-checking the same ticket (a new session) keeps it on screen.
        pending: () => (this.ticket?.id === this.#ticketId() && this.runs.length ? this.#renderTicket(this.ticket) : this.#renderLoading()),
        complete: () => (this.ticket ? this.#renderTicket(this.ticket) : this.#renderLoading()),
        error: (error) => this.#renderLoadError(error),
      });
    }
    return html`${body}<div class="visually-hidden" role="status">${this.announcement}</div>`;
  }

  #renderLoading(): TemplateResult {
    return html`<div class="loading" aria-busy="true"><p class="muted">${this.localize.t('thread.loading')}</p>
</div>`;
  }

  #renderLoadError(error: unknown): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const status = isPortalError(error) ? error.status : -1;
    if (status === 404) return html`<div class="notice" part="notice"><h2>${t('thread.notFoundHeading')}</h2><p>${t('thread.notFound')}</p></div>`;
    if (status === 403) return html`<div class="notice" part="notice"><h2>${t('thread.forbiddenHeading')}</h2><p>${t('thread.forbidden')}</p></div>`;
    if (status === 401) return html`<p class="notice" part="notice">${t('common.signInAgain')}${this.#signInLink()}</p>`;
    return html`<div class="alert" part="alert">
      <p>${t('thread.loadError')} ${this.localize.error(error)}</p>
      <button class="button" part="retry" type="button" @click=${() => void this.#load.run()}>${t('common.retry')}</button>
    </div>`;
  }

  #renderTicket(ticket: Ticket): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const closed = ticket.status === 'closed';
    return html`<article class="thread" aria-labelledby="subject">
      ${this.session.status === 'expired' ? html`<p class="notice warning" part="notice">${t('common.signInAgain')}${this.#signInLink()}</p>` : nothing}
      ${this.#renderHeader(ticket)}
      ${this.problem && !this.problem.field ? this.#renderAlert() : nothing}
      <div class="conversation-wrap">
        <section class="conversation" part="conversation" tabindex="0" aria-label=${t('thread.conversation')} @scroll=${this.#onScroll}
          @wheel=${this.#onUserScroll} @touchmove=${this.#onUserScroll} @keydown=${this.#onUserScroll} @pointerdown=${this.#onUserScroll}>
          ${this.olderCursor || this.#hidden()
            ? html`<div class="older">
                <button class="button quiet" part="load-earlier" type="button" data-focus="older" ?disabled=${this.busy === 'older' || !this.olderCursor}
                  @click=${() => void this.#loadEarlier()}>
                  ${this.busy === 'older' || !this.olderCursor ? t('thread.loadingEarlier') : t('thread.loadEarlier')}
                </button>
              </div>`
            : this.messages.length ? html`<p class="start muted">${t('thread.start')}</p>` : nothing}
          <ol class="messages">${this.#renderEntries()}</ol>
        </section>
        ${this.unseen
          ? html`<button class="button new-messages" part="new-messages" type="button" data-variant="primary" @click=${this.#showNew}>
              ${t('thread.newMessages', { count: this.unseen })}
            </button>`
          : nothing}
      </div>
      ${this.#csat() && (ticket.status === 'solved' || closed) ? this.#renderRating(ticket) : nothing}
      ${closed
        ? html`<p class="notice" part="notice">${t('thread.closedNotice')}</p>`
        : this.#renderComposer()}
    </article>`;
  }

  #renderHeader(ticket: Ticket): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const canReopen = ticket.status === 'solved' || ticket.status === 'closed';
    const busy = this.busy === 'close' || this.busy === 'reopen';
    return html`<header class="header" part="header">
      <div class="title">
        <h2 id="subject" part="subject" tabindex="-1" data-focus="subject">${ticket.subject}</h2>
        <span class="number" part="number">${t('ticket.number', { number: String(ticket.number) })}</span>
      </div>
      <p class="meta">
        ${statusBadge(this.localize, ticket.status)} ${priorityIndicator(this.localize, ticket.priority, true)}
        <span>${t('thread.requestedBy', { name: ticket.requester.name })}</span>
        <span>${t('thread.opened')} ${this.#renderTime(ticket.createdAt)}</span>
        <span>${t('thread.updated')} ${this.#renderTime(ticket.updatedAt)}</span>
      </p>
      ${this.#renderFields(ticket)}
      <div class="actions">
        <button class="button" part="status-action" type="button" data-focus="status-action" ?disabled=${busy || this.session.status !== 'signed-in'}
          @click=${() => void this.#setStatus(canReopen ? 'open' : 'closed')}>
          ${busy ? t('thread.saving') : t(canReopen ? 'thread.reopen' : 'thread.close')}
        </button>
      </div>
    </header>`;
  }

  #renderFields(ticket: Ticket): TemplateResult | typeof nothing {
    const config = this.configState.status === 'ready' ? this.configState.config : null;
    const loaded = this.#load.value;
    if (!config || !loaded) return nothing;
    const own = new Set(loaded.formFields.get(ticket.formId ?? '') ?? []);
    // A closed ticket is history: its fields are shown, not edited.
    const editable = (key: string): boolean => ticket.status !== 'closed' && config.editableTicketFields.includes(key) && own.has(key);
    const keys = [...new Set([...config.visibleTicketFields, ...config.editableTicketFields])].filter((key) => key in ticket.fields || editable(key));
    if (!keys.length) return nothing;
    return html`<dl class="fields" part="fields">
      ${keys.map((key) => {
        const def = loaded.forms.find((f) => f.key === key);
        const field: Field = def ?? { key, label: fieldLabel(key), type: 'text', required: false };
        return this.#renderField(field, ticket.fields[key] ?? null, editable(key));
      })}
    </dl>`;
  }

  #renderField(field: Field, value: FieldValue, editable: boolean): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    if (this.editing === field.key) {
      const busy = this.busy === `field:${field.key}`;
      return html`<div class="fact editing">
        <dt class="visually-hidden">${field.label}</dt>
        <dd>
          <form class="field-form" novalidate @submit=${(e: SubmitEvent) => void this.#saveField(e, field)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#cancelEdit(field.key)}>
            ${renderField(field, {
              value: this.#editValue,
              error: this.problem?.field === field.key ? this.problem.message : undefined,
              localize: this.localize,
              idPrefix: 'edit-',
              disabled: busy,
              onChange: (_, v) => {
                this.#editValue = v;
                if (this.problem?.field === field.key) this.problem = null;
              },
            })}
            <div class="row">
              <button class="button" data-variant="primary" type="submit" ?disabled=${busy}>${busy ? t('thread.saving') : t('thread.save')}</button>
              <button class="button" type="button" @click=${() => this.#cancelEdit(field.key)}>${t('common.cancel')}</button>
            </div>
          </form>
        </dd>
      </div>`;
    }
    return html`<div class="fact">
      <dt>${field.label}</dt>
      <dd>
        <span ?data-empty=${isEmptyFieldValue(value)}>${renderFieldValue(this.localize, value, field)}</span>
        ${editable
          ? html`<button class="button quiet small" part="field-edit" type="button" data-focus="edit:${field.key}" ?disabled=${!!this.busy || this.session.status !== 'signed-in'}
              aria-label=${t('thread.editField', { field: field.label })} @click=${() => this.#startEdit(field)}>${t('thread.edit')}</button>`
          : nothing}
      </dd>
    </div>`;
  }

  #renderEntries(): unknown {
    const lang = this.localize.lang;
    const user = this.#userId();
    const signedIn = this.session.status === 'signed-in';
    const today = dayKey(new Date(this.now));
    let day = '';
    const runs = this.runs.map((run) => {
      const previous = day;
      day = dayKey((run[run.length - 1] as Message).createdAt);
      return [run, previous] as const;
    });
    const me = this.#me();
    // Shown as the reader's own message, under the id its markdown was cached with.
    const outgoing = this.outgoing.map(
      (o): Entry => ({
        outgoing: o,
        message: { ...o, id: `local:${o.clientId}`, ticketId: '', author: { id: me?.id ?? '', name: me?.name ?? '', kind: 'customer', avatarUrl: null } },
      }),
    );
    // Relative times move each minute in recent runs; older runs change with the day.
    const hourAgo = new Date(this.now - 3_600_000).toISOString();
    return html`${repeat(
      runs,
      ([run]) => run[0]?.id,
      ([run, previous]) =>
        guard([run, previous, lang, today, user, signedIn, (run[run.length - 1] as Message).createdAt > hourAgo ? this.now : 0], () =>
          this.#renderRun(run.map((message) => ({ message })), previous),
        ),
    )}${this.#renderRun(outgoing, day)}`;
  }

  /** Messages with a day separator before each new day. */
  #renderRun(entries: Entry[], day: string): TemplateResult[] {
    return entries.flatMap((entry) => {
      const at = entry.message.createdAt;
      const key = dayKey(at);
      const row = this.#renderMessage(entry);
      if (key === day) return [row];
      day = key;
      return [html`<li class="day" part="day"><span>${this.#dayLabel(at)}</span></li>`, row];
    });
  }

  #dayLabel(iso: string): string {
    const key = dayKey(iso);
    if (key === dayKey(new Date(this.now))) return this.localize.t('thread.today');
    if (key === dayKey(new Date(this.now - 86_400_000))) return this.localize.t('thread.yesterday');
    return this.localize.date(iso, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  }

  #renderMessage({ message, outgoing }: Entry): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const { author } = message;
    const kind = author.kind;
    const avatar = safeUrl(author.avatarUrl);
    const mine = author.id === this.#userId() && kind === 'customer';
    const id = message.id;
    return html`<li class="message" part="message message-${kind}" data-kind=${kind} data-id=${id} ?data-mine=${mine}>
      <article aria-labelledby="a-${id}" tabindex="-1" data-focus="message:${id}" data-state=${ifDefined(outgoing?.state)}>
        ${kind === 'system'
          ? nothing
          : avatar
            ? html`<img class="avatar" part="avatar" src=${avatar} alt="" loading="lazy" referrerpolicy="no-referrer" />`
            : html`<span class="avatar" part="avatar" aria-hidden="true">${initials(author.name)}</span>`}
        <div class="bubble">
          <p class="byline">
            <span class="author" part="author" id="a-${id}">${author.name}</span>
            <span class="kind">${t(kind === 'agent' ? 'thread.kind.agent' : kind === 'system' ? 'thread.kind.system' : mine ? 'thread.kind.you' : 'thread.kind.customer')}</span>
            ${this.#renderTime(message.createdAt)}
          </p>
          ${this.#renderBody(id, message.body)}
          ${message.attachments.length ? this.#renderAttachments(message.attachments) : nothing}
          ${outgoing
            ? html`<div class="message-status" part="message-status" data-state=${outgoing.state}>
                ${outgoing.state === 'sending'
                  ? t('common.sending')
                  : html`<span>${t('thread.notSent')} ${outgoing.error}</span>
                      <button class="button small" part="retry" type="button" ?disabled=${this.session.status !== 'signed-in'} @click=${() => this.#retrySend(outgoing)}>${t('common.retry')}</button>
                      <button class="button small quiet" type="button" @click=${() => this.#editFailed(outgoing)}>${t('thread.edit')}</button>`}
              </div>`
            : nothing}
        </div>
      </article>
    </li>`;
  }

  #renderBody(id: string, body: string): TemplateResult {
    // Bodies shown as text (too large or deep) are never parsed, so never cached.
    const rendered = cache.get(id, body);
    return rendered
      ? html`<div class="body prose" part="body">${unsafeHTML(rendered.html)}</div>`
      : html`<div class="body text" part="body">${body}</div>`;
  }

  #renderTime(iso: string): TemplateResult {
    const exact = this.localize.date(iso, { dateStyle: 'full', timeStyle: 'short' });
    return html`<time part="time" datetime=${iso} title=${exact} tabindex="0" data-exact=${exact}
      ><span aria-hidden="true">${this.localize.relativeTime(iso, new Date(this.now))}</span><span class="visually-hidden">${exact}</span></time
    >`;
  }

  #renderAttachments(attachments: Attachment[]): TemplateResult {
    return html`<ul class="attachments" part="attachments" aria-label=${this.localize.t('upload.listLabel')}>
      ${attachments.map((a) => {
        const url = safeUrl(a.url);
        const image = url && /^image\/(png|jpe?g|gif|webp|avif)$/i.test(a.contentType);
        const type = (a.contentType.split('/')[1] ?? a.contentType).split(/[;+]/)[0]?.toUpperCase() ?? '';
        const inner = html`${image ? html`<img part="thumbnail" class="thumbnail" src=${url} alt="" loading="lazy" referrerpolicy="no-referrer" />` : html`<span class="file-icon" aria-hidden="true"></span>`}
          <span class="file-name">${a.name}</span>
          <span class="muted file-meta">${this.localize.bytes(a.size)} · ${type}</span>`;
        return html`<li class="attachment" part="attachment">
          ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer" download=${a.name}>${inner}</a>` : html`<span>${inner}</span>`}
        </li>`;
      })}
    </ul>`;
  }

  #renderComposer(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const u = this.#uploads;
    return html`<form class="composer" part="composer" novalidate @submit=${this.#onSubmit}
      @dragover=${u.onDragOver} @dragenter=${u.onDragOver} @dragleave=${u.onDragLeave} @drop=${u.onDrop}>
      ${this.#editor.render({
        id: 'reply',
        label: t('thread.replyLabel'),
        value: this.draft,
        onInput: (value) => this.#onDraftInput(value),
        error: this.problem?.field === 'body' ? this.problem.message : undefined,
        help: t('thread.replyHint'),
        rows: 4,
        onPaste: u.onPaste,
        onKeyDown: (e) => this.#onReplyKeyDown(e),
      })}
      ${u.renderList()}
      <div class="row between">
        ${u.renderPicker({ disabled: this.session.status !== 'signed-in' })}
        <button class="button" part="send" data-variant="primary" type="submit" ?disabled=${this.session.status !== 'signed-in'}>${t('thread.send')}</button>
      </div>
    </form>`;
  }

  #renderRating(ticket: Ticket): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const given = ticket.satisfaction;
    if (given) {
      return html`<section class="rating given" part="rating" tabindex="-1" data-focus="rating" aria-labelledby="rating-heading">
        <h3 id="rating-heading">${t('thread.ratingGivenHeading')}</h3>
        <p>${t(given.rating === 'good' ? 'thread.ratedGood' : 'thread.ratedBad')}</p>
        ${given.comment ? html`<blockquote>${given.comment}</blockquote>` : nothing}
      </section>`;
    }
    const error = this.problem?.field === 'rating' || this.problem?.field === 'comment' ? this.problem : null;
    const busy = this.busy === 'rate';
    return html`<form class="rating" part="rating" novalidate @submit=${(e: SubmitEvent) => void this.#rate(e)}>
      <fieldset aria-describedby=${ifDefined(error?.field === 'rating' ? 'rating-error' : undefined)}>
        <legend tabindex="-1" data-focus="rating">${t('thread.ratingQuestion')}</legend>
        <div class="row">
          ${(['good', 'bad'] as const).map(
            (value) => html`<label class="choice" part="rating-option" data-value=${value}>
              <input type="radio" name="rating" value=${value} .checked=${live(this.rating === value)}
                @change=${() => {
                  this.rating = value;
                  if (this.problem?.field === 'rating') this.problem = null;
                }} />
              <span>${t(value === 'good' ? 'thread.good' : 'thread.bad')}</span>
            </label>`,
          )}
        </div>
        ${error?.field === 'rating' ? html`<p class="field-error" part="field-error" id="rating-error">${error.message}</p>` : nothing}
      </fieldset>
      <label for="rating-comment">${t('thread.ratingComment')}</label>
      <textarea id="rating-comment" rows="2" maxlength="2000" .value=${live(this.ratingComment)}
        aria-invalid=${error?.field === 'comment' ? 'true' : 'false'} aria-describedby=${ifDefined(error?.field === 'comment' ? 'comment-error' : undefined)}
        @input=${(e: Event) => (this.ratingComment = (e.target as HTMLTextAreaElement).value)}></textarea>
      ${error?.field === 'comment' ? html`<p class="field-error" part="field-error" id="comment-error">${error.message}</p>` : nothing}
      <div class="row"><button class="button" data-variant="primary" type="submit" ?disabled=${busy}>${busy ? t('thread.saving') : t('thread.rate')}</button></div>
    </form>`;
  }

  #renderAlert(): TemplateResult {
    const problem = this.problem;
    return html`<div class="alert" part="alert" tabindex="-1" data-focus="alert">
      <p>${problem?.message}</p>
      ${problem?.retry
        ? html`<button class="button" part="retry" type="button" @click=${problem.retry}>${this.localize.t('common.retry')}</button>`
        : nothing}
    </div>`;
  }
}
