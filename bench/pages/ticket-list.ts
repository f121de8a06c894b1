// Bench page for <portal-ticket-list> with 10,000 tickets, served by an in-page PortalClient (no
// network, so the figures are the element's own work). `?variant=`:
//   virtual  the element as shipped (windowed), all 10,000 tickets in one page
//   paged    the element as shipped, 100 tickets per request, loading more as it scrolls
//   repeat   the same element and rows rendered with a plain lit `repeat` (the baseline)
// bench/cases/ticket-list.mjs drives it through `window.bench`.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { PortalClient } from '../../src/api/client.js';
import type { ListTicketsQuery, Me, PortalConfig, Ticket, TicketPage, TicketPriority, TicketStatus } from '../../src/api/types.js';
import { defineElement } from '../../src/base/portal-element.js';
import '../../src/elements/provider/define.js';
import type { PortalProvider } from '../../src/elements/provider/provider.js';
import '../../src/elements/ticket-list/define.js';
import { PortalTicketList } from '../../src/elements/ticket-list/ticket-list.js';

const COUNT = 10_000;
const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const SUBJECTS = ['Pipeline stuck at transform step', 'Invoice shows the wrong seat count', 'SSO login loops back to the sign-in page', 'Dashboard tiles show "No data"', 'Export to CSV times out', 'Webhook retries flood our endpoint'];
const PEOPLE = [
  { id: 'usr_dana', name: 'Dana Whitfield', email: 'dana@example.com' },
  { id: 'usr_priya', name: 'Priya Raman', email: 'priya@example.com' },
  { id: 'usr_marcus', name: 'Marcus Oyelaran', email: 'marcus@example.com' },
];
const DANA = PEOPLE[0] as (typeof PEOPLE)[number];
const now = Date.now();

const tickets: Ticket[] = Array.from({ length: COUNT }, (_, i) => {
  const at = new Date(now - i * 45 * 60_000).toISOString();
  return {
    id: `tkt_${100_000 + i}`,
    number: 100_000 + COUNT - i,
    subject: `${SUBJECTS[i % SUBJECTS.length]} (${i + 1})`,
    status: STATUSES[i % STATUSES.length] ?? 'open',
    priority: PRIORITIES[i % PRIORITIES.length] ?? 'normal',
    requester: PEOPLE[i % PEOPLE.length] ?? DANA,
    createdAt: at,
    updatedAt: at,
    lastMessageAt: at,
    preview: 'We looked into it and found the cause.',
    fields: (i % 3 === 0 ? { product: 'pipelines', environment: 'production' } : {}) as Ticket['fields'],
    formId: null,
    satisfaction: null,
    unread: i % 7 === 0,
  };
});

const config: PortalConfig = {
  name: 'Bench',
  logoUrl: null,
  loginMethods: ['otp'],
  selfSignup: false,
  ticketCreation: true,
  kbVisibility: 'public',
  visibleTicketFields: ['product', 'environment'],
  editableTicketFields: [],
  ticketHistoryDays: 3650,
  attachments: { maxBytes: 1_000_000, allowedTypes: [] },
  csat: false,
  locales: ['en'],
} as PortalConfig;
const me: Me = { user: { ...DANA, role: 'customer_admin' }, organization: { id: 'org', name: 'Northwind Labs' } };

/** Only what the list and the provider call; the rest is never reached on this page. */
const client = {
  token: 'bench',
  setToken: () => undefined,
  onAuthEvent: () => () => undefined,
  getPortalConfig: () => Promise.resolve(config),
  getMe: () => Promise.resolve(me),
  listTicketForms: () => Promise.resolve([]),
  listTickets: (query: ListTicketsQuery = {}): Promise<TicketPage> => {
    const offset = Number(query.cursor ?? 0);
    const limit = query.limit ?? 50;
    const items = tickets.slice(offset, offset + limit);
    return Promise.resolve({ items, nextCursor: offset + limit < tickets.length ? String(offset + limit) : null });
  },
} as unknown as PortalClient;

/** The baseline: the same element and rows, rendered all at once with `repeat`. */
class RepeatTicketList extends PortalTicketList {
  protected override renderRows(items: Ticket[], renderRow: (ticket: Ticket, index: number) => TemplateResult): unknown {
    return html`${repeat(items, (t) => t.id, renderRow)}`;
  }
}
defineElement('bench-repeat-ticket-list', RepeatTicketList);

const variant = new URLSearchParams(location.search).get('variant') ?? 'virtual';
const provider = document.querySelector('portal-provider') as PortalProvider;
provider.client = client;

const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
const rowCount = (list: Element): number => list.shadowRoot?.querySelectorAll('.rows > [role="row"]').length ?? 0;

interface Result {
  firstRowsMs: number;
  rowsAfterFirstPaint: number;
  maxRowsWhileScrolling: number;
  rowsAtBottom: number;
  longestTaskMs: number;
  longestFrameMs: number;
  medianFrameMs: number;
  scrollFrames: number;
  loaded: number;
}

async function run(): Promise<Result> {
  await provider.services.session.signIn({ token: 'bench', expiresAt: new Date(now + 3_600_000).toISOString(), user: me.user });
  await provider.services.config.load();
  const list = document.createElement(variant === 'repeat' ? 'bench-repeat-ticket-list' : 'portal-ticket-list') as PortalTicketList;
  list.setAttribute('page-size', variant === 'paged' ? '100' : String(COUNT));
  list.setAttribute('refresh-interval', '0');
  list.setAttribute('href-template', '/tickets/{id}');

  // Connect → first rows painted: the first frame that has rows, then the paint after it.
  const start = performance.now();
  document.body.append(list);
  while (rowCount(list) === 0) await frame();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const firstRowsMs = performance.now() - start;
  const rowsAfterFirstPaint = rowCount(list);

  // Scroll top to bottom three viewports per frame (a fast fling: every frame shows only new
  // rows), recording long tasks and the gaps between frames.
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  await frame();
  let last = await frame();
  let longestFrameMs = 0;
  let maxRowsWhileScrolling = 0;
  let scrollFrames = 0;
  const table = (): Element | null | undefined => list.shadowRoot?.querySelector('[role="table"]');
  const gaps: number[] = [];
  for (; scrollFrames < 2_000; scrollFrames++) {
    window.scrollBy(0, window.innerHeight * 3);
    const t = await frame();
    gaps.push(t - last);
    longestFrameMs = Math.max(longestFrameMs, t - last);
    last = t;
    maxRowsWhileScrolling = Math.max(maxRowsWhileScrolling, rowCount(list));
    const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    if (atBottom && table()?.getAttribute('aria-rowcount') === String(COUNT + 1)) break;
  }
  // Let the last frames and long-task entries land.
  await frame();
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  const lastIndex = Math.max(...[...(list.shadowRoot?.querySelectorAll('.rows > [role="row"]') ?? [])].map((r) => Number(r.getAttribute('aria-rowindex'))));
  return {
    firstRowsMs,
    rowsAfterFirstPaint,
    maxRowsWhileScrolling,
    rowsAtBottom: rowCount(list),
    longestTaskMs,
    longestFrameMs,
    medianFrameMs: gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0,
    scrollFrames,
    loaded: lastIndex - 1,
  };
}

(window as unknown as { bench: { run: () => Promise<Result> } }).bench = { run };
