import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { Field, ListTicketsQuery, Ticket, TicketPriority, TicketStatus } from '../../api/types.js';
import { PortalElement } from '../../base/portal-element.js';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  fieldDefinitions,
  fieldLabel,
  formatFieldValue,
  isEmptyFieldValue,
  isTicketPriority,
  isTicketStatus,
  priorityIndicator,
  priorityText,
  statusBadge,
  statusText,
  ticketDisplayStyles,
} from '../../base/ticket-display.js';
import type { MessageKey } from '../../i18n/en.js';
import type { LocalizeController } from '../../i18n/localize.js';
import { PollController } from '../../controllers/poll.js';
import { UrlStateController } from '../../controllers/url-state.js';
import type { UrlValues } from '../../controllers/url-state.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { PortalTicketSelectEvent } from './events.js';
import { RowWindow } from './row-window.js';
import { ticketListStyles } from './ticket-list.styles.js';
import { ticketListEn } from '../../i18n/en/ticket-list.js';
import { ticketEn } from '../../i18n/en/ticket.js';

export type TicketScope = 'mine' | 'organization';
type SortKey = 'updated' | 'created';
type SortOrder = 'asc' | 'desc';

/** What the person asked for: everything but the scope, which is a public property. */
interface ListQuery {
  q: string;
  status: TicketStatus[];
  priority: TicketPriority[];
  sort: SortKey;
  order: SortOrder;
  older: boolean;
}

const URL_PARAMS = ['q', 'status', 'priority', 'sort', 'order', 'older', 'scope'] as const;
type UrlParam = (typeof URL_PARAMS)[number];

const DEFAULT_QUERY: ListQuery = { q: '', status: [], priority: [], sort: 'updated', order: 'desc', older: false };
const SEARCH_DEBOUNCE_MS = 300;
/** "Include older tickets" asks from the beginning of time: `since` replaces the history window. */
const BEGINNING = '1970-01-01T00:00:00.000Z';
/** Load the next page when the last visible row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 15;

/** The status or priority filter: its label, named groups of values besides each single one, and how a value reads. */
interface Filter<T extends string> {
  label: MessageKey;
  groups: Record<string, [label: MessageKey, members: readonly T[]]>;
  values: readonly T[];
  valid: (value: string) => value is T;
  text: (localize: LocalizeController, value: T) => string;
}
const STATUS_FILTER: Filter<TicketStatus> = {
  label: 'ticketList.statusFilter',
  groups: {
    active: ['ticketList.status.active', ['new', 'open', 'pending', 'on_hold']],
    done: ['ticketList.status.done', ['solved', 'closed']],
  },
  values: TICKET_STATUSES,
  valid: isTicketStatus,
  text: statusText,
};
const PRIORITY_FILTER: Filter<TicketPriority> = {
  label: 'ticketList.priorityFilter',
  groups: { highOrUrgent: ['ticketList.priority.highOrUrgent', ['high', 'urgent']] },
  values: TICKET_PRIORITIES,
  valid: isTicketPriority,
  text: priorityText,
};
/** The values a filter's select option stands for: a group's members, or a comma-separated list. */
const chosenValues = <T extends string>(filter: Filter<T>, option: string): T[] =>
  option.startsWith('group:') ? [...(filter.groups[option.slice(6)]?.[1] ?? [])] : parseList(option, filter.valid);

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v) => b.includes(v));

function parseList<T extends string>(raw: string | null, valid: (value: string) => value is T): T[] {
  if (!raw) return [];
  return [...new Set(raw.split(',').map((v) => v.trim()).filter(valid))];
}

/**
 * Every ticket a customer can see: their own, or (for customer admins) their organization's, with
 * search, status and priority filters, sorting, and the custom fields the portal shows to
 * customers. Rows are windowed (only those near the viewport are rendered), so tens of thousands scroll smoothly with a few dozen rows in
 * the DOM; more load as the list scrolls (cursor paging). A table on wide containers, cards on
 * narrow ones. It refreshes while the page is visible and marks tickets with new replies.
 *
 * @summary The customer's (and their organization's) tickets: search, filter, sort, paging.
 * @tag portal-ticket-list
 *
 * @slot empty - Shown when there are no tickets at all (not when filters match nothing). Default: "No tickets yet".
 *
 * @csspart toolbar - The search box, filters and sort.
 * @csspart scope-tabs - The "My tickets / All of {organization}" tabs (customer admins only).
 * @csspart scope-tab - One scope tab.
 * @csspart search - The search input.
 * @csspart filter - The status, priority and sort selects.
 * @csspart older-toggle - The "Include older tickets" checkbox label.
 * @csspart table - The list of tickets (role table).
 * @csspart header - The column header row.
 * @csspart row - A ticket row (a card on narrow containers).
 * @csspart cell - Every cell of a row.
 * @csspart number - The ticket number.
 * @csspart subject - The subject link (or button without `href-template`).
 * @csspart unread - The new-reply dot.
 * @csspart status-badge - A status badge.
 * @csspart priority - A priority.
 * @csspart requester - The requester's name (organization scope).
 * @csspart updated - The last update time.
 * @csspart fields - The custom fields of a row.
 * @csspart field - One custom field (label and value).
 * @csspart field-label - A custom field's label.
 * @csspart field-value - A custom field's value.
 * @csspart skeleton - The placeholder rows while loading.
 * @csspart empty - The box around the empty slot and the "no match" message.
 * @csspart alert - The error, signed-out and not-allowed messages.
 * @csspart retry - "Try again" buttons.
 * @csspart action - Other buttons and links of messages (clear filters, show my tickets, sign in).
 * @csspart sign-in-link - The signed-out message's "Sign in" link, when `sign-in-href` is set; it is an `action` too.
 * @csspart load-more - The "Load more tickets" button at the end of the loaded rows.
 *
 * @cssprop [--portal-ticket-list-row-gap=var(--portal-space-3)] - Space inside a row, between cells.
 * @cssprop [--portal-ticket-list-row-padding=var(--portal-space-3)] - Padding of a row.
 * @cssprop [--portal-ticket-list-row-hover=var(--portal-color-surface-raised)] - Background of a hovered row.
 * @cssprop [--portal-ticket-list-unread-color=var(--portal-color-accent)] - The new-reply dot.
 * @cssprop [--portal-ticket-list-fresh-bg=var(--portal-color-info-bg)] - Background of a row that got a reply while the page was open.
 * @cssprop [--portal-ticket-list-radius=var(--portal-radius-md)] - Corner radius of the table and cards.
 * @cssprop [--portal-ticket-list-border=var(--portal-color-border)] - Border colour of the table and rows.
 * @cssprop [--portal-ticket-list-header-bg=var(--portal-color-surface-sunken)] - Background of the column header row.
 * @cssprop [--portal-ticket-list-sticky-top=0px] - Offset of the sticky column header (a fixed site header's height).
 * @cssprop --portal-ticket-status-new-color - Status badge text colour; one per status (new, open, pending, on_hold, solved, closed).
 * @cssprop --portal-ticket-status-new-bg - Status badge background; one per status.
 *
 * @fires portal-ticket-select - A person opens a ticket (click or Enter), before the link is followed. Cancelable: `preventDefault()` to route yourself. `event.ticket`, `event.href`.
 */
export class PortalTicketList extends PortalElement {
  static override styles = [baseStyles, ticketDisplayStyles, ticketListStyles];
  static override strings = [ticketListEn, ticketEn];

  /** The first page for the current scope and query; a newer query aborts the older request. */
  readonly #list = new Task(this, {
    task: async ([client, userId, scope], { signal }): Promise<{ items: Ticket[]; nextCursor: string | null } | null> => {
      this.#moreController?.abort();
      this.#moreController = undefined;
      this.moreError = null;
      if (!client || !userId) return null;
      return client.listTickets({ ...this.#apiQuery(scope), limit: this.#limit() }, { signal });
    },
    args: () => [this.client, this.session.status === 'signed-in' ? this.session.user.id : null, this.scope, this.#queryKey()] as const,
    onComplete: (page) => this.#showPage(page),
    onError: (error) => {
      if (!isAbortError(error)) this.#announce(this.#errorText(error));
    },
  });

  /** Field definitions from the ticket forms, for labels and option names; a failure leaves readable keys. */
  readonly #forms = new Task(this, {
    task: async ([client, userId], { signal }): Promise<Map<string, Field>> => {
      if (!client || !userId) return new Map();
      try {
        return fieldDefinitions(await client.listTicketForms({ signal }));
      } catch (error) {
        if (isAbortError(error)) throw error;
        return new Map();
      }
    },
    args: () => [this.client, this.session.status === 'signed-in' ? this.session.user.id : null] as const,
  });

  readonly #poll = new PollController(this, {
    interval: () => this.refreshInterval * 1000,
    enabled: () => this.session.status === 'signed-in' && this.#list.status === TaskStatus.COMPLETE && this.#list.value != null,
    poll: (signal) => this.#refresh(signal),
  });

  readonly #url = new UrlStateController<UrlParam>(this, {
    params: URL_PARAMS,
    onChange: (values) => {
      if (this.syncUrl) this.#applyUrl(values);
    },
  });

  /** Only the rows near the viewport are rendered. */
  readonly #window = new RowWindow<Ticket>(this, {
    container: () => this.rowsElement,
    // Rows with custom fields have a line more: each count of them is its own kind of row.
    kind: (ticket) => String(this.#shownFields(ticket).length),
    onRange: (last) => {
      if (last >= this.items.length - PREFETCH_ROWS) void this.#loadMore();
    },
  });

  @query('.rows') private rowsElement?: HTMLElement;
  @query('input[type="search"]') private searchInput?: HTMLInputElement;

  /** The filters, search and sort in effect (the search after its debounce). */
  @state() private query: ListQuery = { ...DEFAULT_QUERY };
  /** What is in the search box right now. */
  @state() private searchText = '';
  @state() private items: Ticket[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadingMore = false;
  @state() private moreError: unknown = null;
  /** The row whose link takes Tab (roving tabindex). */
  @state() private activeIndex = 0;
  /** Tickets that got a reply while this page was open. */
  @state() private fresh = new Set<string>();
  @state() private announcement = '';

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #moreController: AbortController | undefined;
  #focusAfterLoad: 'first-row' | 'search' | null = null;
  #urlApplied = false;
  #defaultScope: TicketScope | undefined;
  #times = new Map<string, { exact: string; relative: string }>();
  #timeKey = '';
  /** Custom fields shown: the portal's `visibleTicketFields`, then the `fields` attribute. */
  #fieldKeys: string[] = [];

  /** `mine` (default): the signed-in person's tickets. `organization`: everyone's in their organization (customer admins). */
  @property({ reflect: true }) scope: TicketScope = 'mine';

  /**
   * Where a ticket lives, with `{id}` (and optionally `{number}`) replaced: `/support/tickets/{id}`.
   * Each row is then a real link (middle-click, "open in new tab"). Without it, rows are buttons
   * and only fire `portal-ticket-select`.
   */
  @property({ attribute: 'href-template' }) hrefTemplate = '';

  /** Extra custom fields to show (comma-separated keys), after the portal's `visibleTicketFields`. */
  @property() fields = '';

  /** Mirrors search, filters, sort and scope in the page's query string; restored on load and on back/forward. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;

  /** Seconds between refreshes while the page is visible; 0 turns refreshing off. */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval = 60;

  /** Tickets per request (the REST contract allows 1 to 100; another client may allow more). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** Where "Sign in" links to when nobody is signed in. Without it the signed-out state only explains. */
  @property({ attribute: 'sign-in-href' }) signInHref = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    this.#moreController?.abort();
    this.#moreController = undefined;
    this.loadingMore = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The address applies once, before the first request: on the first update (sync-url set
    // from the start) or when sync-url is switched on later.
    if (this.syncUrl && !this.#urlApplied) {
      this.#urlApplied = true;
      this.#applyUrl(this.#url.read());
    }
    if (changed.has('scope') && this.scope !== 'mine' && this.scope !== 'organization') this.scope = 'mine';
    if (changed.has('refreshInterval')) this.#poll.restart();
    const configured = this.configState.status === 'ready' ? this.configState.config.visibleTicketFields : [];
    const extra = this.fields.split(',').map((k) => k.trim()).filter(Boolean);
    this.#fieldKeys = [...new Set([...configured, ...extra])];
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterLoad && this.#list.status !== TaskStatus.PENDING) {
      const target = this.#focusAfterLoad;
      this.#focusAfterLoad = null;
      if (target === 'search') this.searchInput?.focus();
      else void this.#focusRow(0);
    }
  }

  // ----- event handlers -----

  #onSearchInput(event: Event): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#commitSearch(), SEARCH_DEBOUNCE_MS);
  }

  #onSearchKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.#commitSearch();
    } else if (event.key === 'Escape' && this.searchText) {
      event.preventDefault();
      this.searchText = '';
      this.#commitSearch();
    }
  }

  #commitSearch(): void {
    clearTimeout(this.#searchTimer);
    const q = this.searchText.trim();
    if (q !== this.query.q) this.#setQuery({ q }, 'replace');
  }

  #onFilterChange(event: Event): void {
    const { name, value } = event.target as HTMLSelectElement;
    this.#setQuery(name === 'status' ? { status: chosenValues(STATUS_FILTER, value) } : { priority: chosenValues(PRIORITY_FILTER, value) });
  }

  #onSortChange(event: Event): void {
    const [sort, order] = (event.target as HTMLSelectElement).value.split('-');
    this.#setQuery({ sort: sort === 'created' ? 'created' : 'updated', order: order === 'asc' ? 'asc' : 'desc' });
  }

  #onOlderChange(event: Event): void {
    this.#setQuery({ older: (event.target as HTMLInputElement).checked });
  }

  #showOlder(): void {
    this.#setQuery({ older: true });
    this.#focusAfterLoad = 'search';
  }

  #clearFilters(): void {
    this.searchText = '';
    this.#setQuery({ q: '', status: [], priority: [] });
    this.#focusAfterLoad = 'search';
  }

  #selectScope(scope: TicketScope): void {
    if (scope === this.scope) return;
    this.scope = scope;
    this.activeIndex = 0;
    if (this.syncUrl) this.#url.write({ scope: scope === this.#defaultScope ? null : scope }, { history: 'push' });
  }

  #onTabKeydown(event: KeyboardEvent): void {
    let next: TicketScope | undefined;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') next = this.scope === 'mine' ? 'organization' : 'mine';
    else if (event.key === 'Home') next = 'mine';
    else if (event.key === 'End') next = 'organization';
    if (!next) return;
    event.preventDefault();
    this.#selectScope(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  #showMine(): void {
    this.#selectScope('mine');
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') ?? this.searchInput)?.focus());
  }

  #retry(): void {
    this.#focusAfterLoad = 'first-row';
    void this.#list.run();
  }

  #onRowsKeydown(event: KeyboardEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset['index']);
    const perPage = Math.max(1, Math.floor(window.innerHeight / Math.max(1, row.offsetHeight)) - 1);
    const targets: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + perPage,
      PageUp: index - perPage,
      Home: 0,
      End: this.items.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined || event.altKey || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    void this.#focusRow(Math.max(0, Math.min(this.items.length - 1, target)));
  }

  #onRowFocus(index: number): void {
    this.activeIndex = index;
  }

  #onOpen(event: MouseEvent, ticket: Ticket, href: string | null): void {
    // New tab, new window, download: the browser's business, not a selection in this page.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const select = new PortalTicketSelectEvent(ticket, href);
    this.dispatchEvent(select);
    if (select.defaultPrevented) event.preventDefault();
  }

  // ----- public methods -----

  /** Loads the first page again with the current query (the list's data may have changed elsewhere). */
  reload(): Promise<void> {
    this.#poll.restart();
    return this.#list.run();
  }

  // ----- data -----

  /** The request for the current query and `scope`. */
  #apiQuery(scope: TicketScope = this.scope): ListTicketsQuery {
    const { q, status, priority, sort, order, older } = this.query;
    const result: ListTicketsQuery = { scope, sort, order };
    if (q) result.q = q;
    if (status.length) result.status = status;
    if (priority.length) result.priority = priority;
    if (older) result.since = BEGINNING;
    return result;
  }

  #queryKey(): string {
    return JSON.stringify([this.query, this.#limit()]);
  }

  #limit(): number {
    return Math.max(1, Math.floor(this.pageSize) || 50);
  }

  #setQuery(change: Partial<ListQuery>, history: 'push' | 'replace' = 'push'): void {
    this.query = { ...this.query, ...change };
    this.activeIndex = 0;
    if (this.syncUrl) this.#writeUrl(history);
  }

  #writeUrl(history: 'push' | 'replace'): void {
    const { q, status, priority, sort, order, older } = this.query;
    this.#url.write(
      {
        q,
        status: status.join(','),
        priority: priority.join(','),
        sort: sort === 'updated' ? null : sort,
        order: order === 'desc' ? null : order,
        older: older ? '1' : null,
        scope: this.scope === this.#defaultScope ? null : this.scope,
      },
      { history },
    );
  }

  #applyUrl(values: UrlValues<UrlParam>): void {
    clearTimeout(this.#searchTimer);
    const q = (values.q ?? '').trim();
    this.searchText = q;
    this.query = {
      q,
      status: parseList(values.status, isTicketStatus),
      priority: parseList(values.priority, isTicketPriority),
      sort: values.sort === 'created' ? 'created' : 'updated',
      order: values.order === 'asc' ? 'asc' : 'desc',
      older: values.older === '1' || values.older === 'true',
    };
    // Without a scope in the address, the one the page set (the attribute) applies.
    this.#defaultScope ??= this.scope;
    this.scope = values.scope === 'organization' || values.scope === 'mine' ? values.scope : this.#defaultScope;
    this.activeIndex = 0;
  }

  #showPage(page: { items: Ticket[]; nextCursor: string | null } | null): void {
    this.items = page?.items ?? [];
    this.nextCursor = page?.nextCursor ?? null;
    this.activeIndex = Math.min(this.activeIndex, Math.max(0, this.items.length - 1));
    if (page) this.#announce(this.#countText());
  }

  #countText(): string {
    const count = this.items.length;
    return this.localize.t(this.nextCursor ? 'ticketList.resultsMore' : 'ticketList.results', { count });
  }

  async #loadMore(): Promise<void> {
    const client = this.client;
    const cursor = this.nextCursor;
    if (!client || !cursor || this.#moreController || this.#list.status !== TaskStatus.COMPLETE) return;
    const controller = new AbortController();
    this.#moreController = controller;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const page = await client.listTickets({ ...this.#apiQuery(), cursor, limit: this.#limit() }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const known = new Set(this.items.map((t) => t.id));
      this.items = [...this.items, ...page.items.filter((t) => !known.has(t.id))];
      this.nextCursor = page.nextCursor;
      this.#announce(this.#countText());
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.moreError = error;
      this.#announce(`${this.localize.t('ticketList.loadMoreFailed')} ${this.#errorText(error)}`);
    } finally {
      if (this.#moreController === controller) {
        this.#moreController = undefined;
        this.loadingMore = false;
      }
    }
  }

  /**
   * Fetches the first page again and merges it: changed tickets are updated, tickets that moved
   * into the first page move there, tickets the first page now covers but no longer holds
   * (they no longer match) leave, and rows further down stay where the person is reading.
   */
  async #refresh(signal: AbortSignal): Promise<void> {
    const client = this.client;
    if (!client || this.#list.status !== TaskStatus.COMPLETE) return;
    const key = this.#queryKey();
    const scope = this.scope;
    const page = await client.listTickets({ ...this.#apiQuery(scope), limit: this.#limit() }, { signal });
    if (signal.aborted || key !== this.#queryKey() || scope !== this.scope || this.#list.status !== TaskStatus.COMPLETE) return;
    const before = new Map(this.items.map((t) => [t.id, t]));
    const first = new Set(page.items.map((t) => t.id));
    let rest: Ticket[] = [];
    if (page.nextCursor) {
      const last = page.items[page.items.length - 1];
      rest = this.items.filter((t) => !first.has(t.id) && (!last || this.#compare(t, last) > 0));
    }
    let replies = 0;
    let arrivals = 0;
    const fresh = new Set(this.fresh);
    for (const ticket of page.items) {
      const old = before.get(ticket.id);
      if (!old) {
        if (before.size > 0) arrivals++;
      } else if (ticket.unread && ticket.updatedAt !== old.updatedAt) {
        fresh.add(ticket.id);
        replies++;
      }
    }
    this.items = [...page.items, ...rest];
    if (!page.nextCursor) this.nextCursor = null;
    else if (!this.nextCursor || rest.length === 0) this.nextCursor = page.nextCursor;
    this.fresh = fresh;
    const news: string[] = [];
    if (replies) news.push(this.localize.t('ticketList.newReplies', { count: replies }));
    if (arrivals) news.push(this.localize.t('ticketList.newTickets', { count: arrivals }));
    if (news.length) this.#announce(news.join(' '));
  }

  /** Where `a` sorts relative to `b` in the current order (negative: before). */
  #compare(a: Ticket, b: Ticket): number {
    const key = this.query.sort === 'created' ? 'createdAt' : 'updatedAt';
    const diff = Date.parse(a[key]) - Date.parse(b[key]) || a.number - b.number;
    return this.query.order === 'asc' ? diff : -diff;
  }

  #href(ticket: Ticket): string | null {
    if (!this.hrefTemplate) return null;
    return this.hrefTemplate
      .replaceAll('{id}', encodeURIComponent(ticket.id))
      .replaceAll('{number}', String(ticket.number));
  }

  /** The custom fields shown for a ticket (those it has a value for). */
  #shownFields(ticket: Ticket): string[] {
    return this.#fieldKeys.filter((key) => !isEmptyFieldValue(ticket.fields[key]));
  }

  #historyDays(): number {
    return this.configState.status === 'ready' ? this.configState.config.ticketHistoryDays : 365;
  }

  async #focusRow(index: number): Promise<void> {
    if (this.items.length === 0) return;
    this.activeIndex = index;
    await this.#window.reveal(index);
    this.renderRoot.querySelector<HTMLElement>(`[data-index="${index}"] .row-link`)?.focus();
    if (index >= this.items.length - PREFETCH_ROWS) void this.#loadMore();
  }

  /** "Product area:", but "What do you need?" keeps its own punctuation. */
  #fieldLabel(key: string, field?: Field): string {
    const label = fieldLabel(key, field);
    return /[?:!.]$/.test(label) ? label : this.localize.t('ticketList.fieldLabel', { label });
  }

  /**
   * The exact and relative words for a time, cached for a minute: building `Intl` formatters
   * for every row of every scrolled frame would cost more than the rest of the row.
   */
  #time(iso: string): { exact: string; relative: string } {
    const key = `${this.localize.lang}|${Math.floor(Date.now() / 60_000)}`;
    if (key !== this.#timeKey) {
      this.#timeKey = key;
      this.#times.clear();
    }
    let found = this.#times.get(iso);
    if (!found) {
      found = { exact: this.localize.date(iso), relative: this.localize.relativeTime(iso) };
      this.#times.set(iso, found);
    }
    return found;
  }

  #announce(message: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = message;
    });
  }

  #errorText(error: unknown): string {
    return this.localize.error(error);
  }

  #filtered(): boolean {
    const { q, status, priority } = this.query;
    return Boolean(q || status.length || priority.length);
  }

  /** The select value for a list of statuses or priorities: '', a group name, a single value, or the list itself. */
  #encodeChoice<T extends string>(values: readonly T[], groups: Filter<T>['groups']): string {
    if (values.length === 0) return '';
    const group = Object.entries(groups).find(([, [, members]]) => sameList(members, values));
    if (group) return `group:${group[0]}`;
    return values.join(',');
  }

  // ----- rendering -----

  protected override render(): unknown {
    const status = this.session.status;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
    // The empty slot is always in the tree (hidden unless the list is empty).
    const empty = this.#isEmpty();
    const emptyBox = html`<div class="empty" part="empty" ?hidden=${!empty}>
      <slot name="empty">
        <p class="message-heading">${this.localize.t('ticketList.emptyHeading')}</p>
        <p>${this.localize.t(this.scope === 'organization' ? 'ticketList.emptyOrganizationBody' : 'ticketList.emptyBody')}</p>
      </slot>
    </div>`;
    if (status === 'signed-out' || status === 'expired') {
      return html`${this.#renderSignedOut(status === 'expired')}<div hidden>${emptyBox}</div>${live}`;
    }
    return html`
      ${this.#renderTabs()}
      <div
        id="panel"
        class="panel"
        role=${this.#isAdmin() ? 'tabpanel' : nothing}
        aria-labelledby=${this.#isAdmin() ? `tab-${this.scope}` : nothing}
      >
        ${this.#renderToolbar()} ${this.#renderBody()} ${emptyBox}
      </div>
      ${live}
    `;
  }

  #isAdmin(): boolean {
    return this.session.status === 'signed-in' && this.session.user.role === 'customer_admin';
  }

  #isEmpty(): boolean {
    return this.#list.status === TaskStatus.COMPLETE && this.#list.value != null && this.items.length === 0 && !this.#filtered() && !this.query.older;
  }

  #renderSignedOut(expired: boolean): TemplateResult {
    return html`<div class="message" part="alert">
      <p class="message-heading">${this.localize.t('ticketList.signedOutHeading')}</p>
      <p>${this.localize.t(expired ? 'ticketList.expiredBody' : 'ticketList.signedOutBody')}</p>
      ${this.signInHref
        ? html`<a class="button" data-variant="primary" part="action sign-in-link" href=${this.signInHref}>${this.localize.t('common.signIn')}</a>`
        : nothing}
    </div>`;
  }

  #renderTabs(): TemplateResult | typeof nothing {
    if (!this.#isAdmin() || this.session.status !== 'signed-in') return nothing;
    const org = this.session.organization.name;
    const tab = (scope: TicketScope, label: string): TemplateResult => html`<button
      type="button"
      role="tab"
      id=${`tab-${scope}`}
      class="tab"
      part="scope-tab"
      aria-selected=${this.scope === scope ? 'true' : 'false'}
      aria-controls="panel"
      tabindex=${this.scope === scope ? 0 : -1}
      @click=${() => this.#selectScope(scope)}
      @keydown=${this.#onTabKeydown}
    >
      ${label}
    </button>`;
    return html`<div class="tabs" role="tablist" part="scope-tabs" aria-label=${this.localize.t('ticketList.scopeLabel')}>
      ${tab('mine', this.localize.t('ticketList.scope.mine'))}
      ${tab('organization', org ? this.localize.t('ticketList.scope.organization', { organization: org }) : this.localize.t('ticketList.scope.organizationFallback'))}
    </div>`;
  }

  #renderToolbar(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const { sort, order, older } = this.query;
    const sortValue = `${sort}-${order}`;
    return html`<div class="toolbar" part="toolbar">
      <div class="search">
        <label for="search" class="visually-hidden">${t('ticketList.search')}</label>
        <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><circle cx="8.5" cy="8.5" r="5.5" /><path d="m13 13 4 4" /></svg>
        <input
          id="search"
          type="search"
          part="search"
          autocomplete="off"
          enterkeyhint="search"
          placeholder=${t('ticketList.searchPlaceholder')}
          .value=${live(this.searchText)}
          @input=${this.#onSearchInput}
          @keydown=${this.#onSearchKeydown}
        />
      </div>
      <div class="filters">
        ${this.#renderFilter('status', STATUS_FILTER, this.query.status)}
        ${this.#renderFilter('priority', PRIORITY_FILTER, this.query.priority)}
        <label class="filter">
          <span>${t('ticketList.sortLabel')}</span>
          <select part="filter" .value=${live(sortValue)} @change=${this.#onSortChange}>
            ${(['updated-desc', 'updated-asc', 'created-desc', 'created-asc'] as const).map(
              (value) => html`<option value=${value} ?selected=${sortValue === value}>${t(`ticketList.sort.${value}`)}</option>`,
            )}
          </select>
        </label>
        <label class="older" part="older-toggle">
          <input type="checkbox" .checked=${live(older)} @change=${this.#onOlderChange} />
          ${t('ticketList.includeOlder', { days: this.#historyDays() })}
        </label>
      </div>
    </div>`;
  }

  /**
   * The status or priority filter: any, its named groups, each single value, and (when the
   * address asked for another combination) that list.
   */
  #renderFilter<T extends string>(name: 'status' | 'priority', filter: Filter<T>, chosen: readonly T[]): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const value = this.#encodeChoice(chosen, filter.groups);
    const option = (v: string, label: string): TemplateResult => html`<option value=${v} ?selected=${value === v}>${label}</option>`;
    return html`<label class="filter">
      <span>${t(filter.label)}</span>
      <select name=${name} part="filter" .value=${live(value)} @change=${this.#onFilterChange}>
        ${option('', t('ticketList.any'))} ${Object.entries(filter.groups).map(([g, [label]]) => option(`group:${g}`, t(label)))}
        ${filter.values.map((v) => option(v, filter.text(this.localize, v)))}
        ${value && !value.startsWith('group:') && value.includes(',')
          ? html`<option value=${value}>${this.localize.list(chosen.map((v) => filter.text(this.localize, v)))}</option>`
          : nothing}
      </select>
    </label>`;
  }

  #renderBody(): TemplateResult | typeof nothing {
    const task = this.#list;
    const pending = task.status === TaskStatus.PENDING || task.status === TaskStatus.INITIAL || this.session.status === 'signing-in';
    if (task.status === TaskStatus.ERROR && !isAbortError(task.error)) return this.#renderError(task.error);
    const hasRows = task.value != null && this.items.length > 0;
    if (pending && !hasRows) return this.#renderSkeleton();
    if (!hasRows) {
      if (this.#isEmpty()) return nothing;
      return html`<div class="empty" part="empty" aria-busy=${pending ? 'true' : 'false'}>
        <p class="message-heading">${this.localize.t('ticketList.noMatchHeading')}</p>
        <p>${this.localize.t('ticketList.noMatchBody')}</p>
        ${this.#filtered()
          ? html`<button type="button" class="button" part="action" @click=${this.#clearFilters}>${this.localize.t('ticketList.clearFilters')}</button>`
          : nothing}
        ${!this.query.older ? this.#renderOlderHint() : nothing}
      </div>`;
    }
    return html`${this.#renderTable(pending)}${this.#renderFooter()}`;
  }

  #renderOlderHint(): TemplateResult {
    return html`<p class="older-hint">
      ${this.localize.t('ticketList.olderHint', { count: this.#historyDays() })}
      <button type="button" class="link-button" part="action" @click=${this.#showOlder}>${this.localize.t('ticketList.showOlder')}</button>
    </p>`;
  }

  #renderError(error: unknown): TemplateResult {
    if (isPortalError(error) && error.status === 403 && this.scope === 'organization') {
      return html`<div class="message" part="alert">
        <p class="message-heading">${this.localize.t('ticketList.forbiddenHeading')}</p>
        <p>${this.localize.t('ticketList.forbiddenBody')}</p>
        <button type="button" class="button" part="action" @click=${this.#showMine}>${this.localize.t('ticketList.showMine')}</button>
      </div>`;
    }
    return html`<div class="alert message" part="alert">
      <p class="message-heading">${this.localize.t('ticketList.loadFailed')}</p>
      <p>${this.#errorText(error)}</p>
      <button type="button" class="button" part="retry" @click=${this.#retry}>${this.localize.t('common.retry')}</button>
    </div>`;
  }

  #renderSkeleton(): TemplateResult {
    return html`<div class="skeleton" part="skeleton" aria-hidden="true">
      ${[0, 1, 2, 3, 4, 5].map(() => html`<div class="skeleton-row"><span></span><span></span><span></span><span></span></div>`)}
    </div>`;
  }

  #renderTable(busy: boolean): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const org = this.scope === 'organization';
    const sortedByUpdate = this.query.sort === 'updated';
    return html`<div
      class="table"
      part="table"
      role="table"
      aria-label=${t('ticketList.label')}
      aria-rowcount=${this.nextCursor ? -1 : this.items.length + 1}
      aria-busy=${busy ? 'true' : 'false'}
      ?data-organization=${org}
    >
      <div role="rowgroup" class="head">
        <div role="row" class="row header" part="header" aria-rowindex="1">
          <span role="columnheader" class="cell number">${t('ticketList.column.number')}</span>
          <span role="columnheader" class="cell subject">${t('ticketList.column.subject')}</span>
          <span role="columnheader" class="cell status">${t('ticketList.column.status')}</span>
          <span role="columnheader" class="cell priority">${t('ticketList.column.priority')}</span>
          ${org ? html`<span role="columnheader" class="cell requester">${t('ticketList.column.requester')}</span>` : nothing}
          <span
            role="columnheader"
            class="cell updated"
            aria-sort=${sortedByUpdate ? (this.query.order === 'asc' ? 'ascending' : 'descending') : 'none'}
            >${t('ticketList.column.updated')}</span
          >
        </div>
      </div>
      <div role="rowgroup" class="rows" @keydown=${this.#onRowsKeydown}>
        ${this.renderRows(this.items, (ticket, index) => this.#renderRow(ticket, index))}
      </div>
    </div>`;
  }

  /**
   * Renders the rows. The default renders only those near the viewport (see RowWindow); a
   * subclass may override it, for example to compare with a plain `repeat`.
   */
  protected renderRows(items: Ticket[], renderRow: (ticket: Ticket, index: number) => TemplateResult): unknown {
    const rows = this.#window.slice(items);
    const first = this.#window.first;
    return repeat(rows, (ticket) => ticket.id, (ticket, i) => renderRow(ticket, first + i));
  }

  #renderRow(ticket: Ticket, index: number): TemplateResult {
    const href = this.#href(ticket);
    const org = this.scope === 'organization';
    const fields = this.#shownFields(ticket);
    const definitions = this.#forms.value;
    const tabindex = index === this.activeIndex ? 0 : -1;
    const time = this.#time(ticket.updatedAt);
    const subject = href
      ? html`<a
          class="row-link"
          part="subject"
          href=${href}
          tabindex=${tabindex}
          @click=${(e: MouseEvent) => this.#onOpen(e, ticket, href)}
          @focus=${() => this.#onRowFocus(index)}
          >${ticket.subject}</a
        >`
      : html`<button
          type="button"
          class="row-link"
          part="subject"
          tabindex=${tabindex}
          @click=${(e: MouseEvent) => this.#onOpen(e, ticket, null)}
          @focus=${() => this.#onRowFocus(index)}
        >
          ${ticket.subject}
        </button>`;
    return html`<div
      role="row"
      class="row"
      part="row"
      aria-rowindex=${index + 2}
      data-index=${index}
      ?data-unread=${ticket.unread}
      ?data-fresh=${this.fresh.has(ticket.id)}
    >
      <span role="cell" class="cell number" part="cell number">${this.localize.t('ticket.number', { number: String(ticket.number) })}</span>
      <span role="cell" class="cell subject" part="cell"
        >${ticket.unread
          ? html`<span class="unread" part="unread" title=${this.localize.t('ticketList.unread')}
              ><span class="visually-hidden">${this.localize.t('ticketList.unread')}: </span></span
            >`
          : nothing}${subject}${fields.length
          ? html`<dl class="fields" part="fields">
              ${fields.map(
                (key) => html`<div class="field" part="field">
                  <dt part="field-label">${this.#fieldLabel(key, definitions?.get(key))}</dt>
                  <dd part="field-value">${formatFieldValue(this.localize, ticket.fields[key], definitions?.get(key))}</dd>
                </div>`,
              )}
            </dl>`
          : nothing}</span
      >
      <span role="cell" class="cell status" part="cell">${statusBadge(this.localize, ticket.status)}</span>
      <span role="cell" class="cell priority" part="cell">${priorityIndicator(this.localize, ticket.priority, true)}</span>
      ${org
        ? html`<span role="cell" class="cell requester" part="cell requester"
            ><span class="card-only">${this.localize.t('ticketList.column.requester')}: </span>${ticket.requester.name}</span
          >`
        : nothing}
      <span role="cell" class="cell updated" part="cell updated"
        ><time datetime=${ticket.updatedAt} title=${time.exact}
          ><span class="card-only">${this.localize.t('ticketList.column.updated')}: </span>${time.relative}</time
        ></span
      >
    </div>`;
  }

  #renderFooter(): TemplateResult | typeof nothing {
    if (this.moreError) {
      return html`<div class="footer alert" part="alert">
        <p>${this.localize.t('ticketList.loadMoreFailed')} ${this.#errorText(this.moreError)}</p>
        <button type="button" class="button" part="retry" @click=${() => void this.#loadMore()}>${this.localize.t('common.retry')}</button>
      </div>`;
    }
    if (this.nextCursor) {
      return html`<div class="footer">
        <button type="button" class="button" part="load-more" ?disabled=${this.loadingMore} @click=${() => void this.#loadMore()}>
          ${this.loadingMore ? this.localize.t('ticketList.loadingMore') : this.localize.t('ticketList.loadMore')}
        </button>
      </div>`;
    }
    if (!this.query.older) return html`<div class="footer">${this.#renderOlderHint()}</div>`;
    return nothing;
  }
}
