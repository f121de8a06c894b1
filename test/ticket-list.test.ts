import { expect, fixture, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import '../src/elements/ticket-list/define.js';
import type { PortalTicketSelectEvent } from '../src/elements/ticket-list/events.js';
import type { PortalTicketList } from '../src/elements/ticket-list/ticket-list.js';
import { createManualClock, createMockBackend, HOSTILE_STRINGS, SEED_USERS, startMockWorker } from '../src/mocks/index.js';
import type { TicketRecord } from '../src/mocks/index.js';

/** `waitUntil` with a 5 s default (three engines share two cores). */
function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

const DAY = 86_400_000;
const clock = createManualClock(Date.now());
const backend = createMockBackend({ now: clock.now });
let worker: SetupWorker;
const { admin, customer } = SEED_USERS;

// ----- helpers (only strings, numbers and booleans reach chai) -----

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const text = (el: Element): string => (root(el).textContent ?? '').replace(/\s+/g, ' ').trim();
const live = (el: Element): string => root(el).querySelector('[role="status"]')?.textContent?.trim() ?? '';
const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null => root(el).querySelector<T>(`[part~="${name}"]`);
const must = <T extends HTMLElement = HTMLElement>(el: Element, name: string): T => {
  const found = part<T>(el, name);
  if (!found) throw new Error(`no part ${name}; shadow text: ${text(el)}`);
  return found;
};
const rows = (el: Element): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.rows > [role="row"]')].sort((a, b) => Number(a.dataset['index']) - Number(b.dataset['index']));
const numbers = (el: Element): string[] => rows(el).map((row) => row.querySelector('.number')?.textContent?.trim() ?? '');
const table = (el: Element): HTMLElement | null => root(el).querySelector('[role="table"]');
const focusedText = (el: Element): string => (root(el).activeElement as HTMLElement | null)?.textContent?.trim() ?? '';
const selects = (el: Element): HTMLSelectElement[] => [...root(el).querySelectorAll<HTMLSelectElement>('select')];

function choose(select: HTMLSelectElement | undefined, value: string): void {
  if (!select) throw new Error('no select');
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The tickets `who` sees by default (updated within ticketHistoryDays), newest update first. */
function expected(who: string | null, options: { days?: number; older?: boolean } = {}): TicketRecord[] {
  const cutoff = options.older ? 0 : clock.now().getTime() - (options.days ?? 365) * DAY;
  return backend.store.tickets
    .filter((t) => who === null || t.requesterId === who)
    .filter((t) => Date.parse(t.updatedAt) >= cutoff)
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || b.number - a.number);
}

/** Records every GET /tickets query; `gate(params)` may hold a request until it resolves. */
function watchTickets(gate?: (params: URLSearchParams) => Promise<void> | undefined): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  worker.use(
    http.get('/api/tickets', async ({ request }) => {
      const params = new URL(request.url).searchParams;
      seen.push(params);
      await gate?.(params);
      // Returning nothing lets the mock backend answer.
    }),
  );
  return seen;
}

interface Mounted {
  provider: PortalProvider;
  list: PortalTicketList;
}

/** A provider with a list inside, signed in as `email` (or signed out with null). */
async function mount(email: string | null = admin.email, attrs: Record<string, string> = {}, slotted = ''): Promise<Mounted> {
  const provider = await fixture<PortalProvider>(html`<portal-provider></portal-provider>`);
  if (email) await provider.services.session.signIn(backend.signIn(email));
  const list = document.createElement('portal-ticket-list');
  for (const [name, value] of Object.entries(attrs)) list.setAttribute(name, value);
  list.innerHTML = slotted;
  provider.append(list);
  await list.updateComplete;
  return { provider, list };
}

async function loaded(list: PortalTicketList, count?: number): Promise<void> {
  await waitUntil(
    () => table(list)?.getAttribute('aria-busy') === 'false' && rows(list).length > 0 && (count === undefined || rows(list).length >= Math.min(count, 5)),
    `rows never appeared: ${text(list)}`,
  );
}

async function settled(list: PortalTicketList): Promise<void> {
  await waitUntil(() => !part(list, 'skeleton') && table(list)?.getAttribute('aria-busy') !== 'true' && !root(list).querySelector('[aria-busy="true"]'), `never settled: ${text(list)}`);
  await list.updateComplete;
}

describe('<portal-ticket-list>', () => {
  let start = '';
  before(async () => {
    worker = await startMockWorker(backend, { quiet: true });
    start = location.href;
  });
  after(() => worker.stop());
  beforeEach(() => {
    clock.set(Date.now());
    backend.reset();
    backend.clearRequestLog();
    sessionStorage.clear();
  });
  afterEach(() => {
    worker.resetHandlers();
    sessionStorage.clear();
    history.replaceState(null, '', start);
    window.scrollTo(0, 0);
  });

  describe('showing tickets', () => {
    it('lists my tickets, newest update first, with number, status, priority, time and fields', async () => {
      const { list } = await mount(customer.email, { 'href-template': '/support/tickets/{id}?n={number}' });
      await loaded(list);
      const mine = expected(customer.id);
      expect(numbers(list).slice(0, 3).join(' ')).to.equal(mine.slice(0, 3).map((t) => `#${t.number}`).join(' '));
      const first = rows(list)[0]!;
      const ticket = mine[0]!;
      expect(first.getAttribute('aria-rowindex')).to.equal('2');
      expect(first.querySelector('a')?.getAttribute('href')).to.equal(`/support/tickets/${ticket.id}?n=${ticket.number}`);
      expect(first.querySelector('a')?.textContent?.trim()).to.equal(ticket.subject);
      expect(first.querySelector('[part="status-badge"]')?.getAttribute('data-status')).to.equal(ticket.status);
      expect(first.querySelector('[part="priority"]')?.getAttribute('data-priority')).to.equal(ticket.priority);
      expect(first.querySelector('time')?.getAttribute('datetime')).to.equal(ticket.updatedAt);
      // All tickets fit in the first page: the row count is known (rows + the header row).
      expect(table(list)?.getAttribute('aria-rowcount')).to.equal(String(mine.length + 1));
      expect(live(list)).to.equal(`${mine.length} tickets.`);
      // Not an admin: no organization tab, no requester column.
      expect(part(list, 'scope-tabs')).to.equal(null);
      expect(text(list)).not.to.contain('Requester');
      await expect(list).to.be.accessible();
    });

    it('shows the configured custom fields with their form labels, plus those of the fields attribute', async () => {
      const withProduct = expected(customer.id).find((t) => t.fields['product'] === 'dashboards' && Array.isArray(t.fields['browsers']));
      const { list } = await mount(customer.email, { fields: 'browsers' });
      await loaded(list);
      await waitUntil(() => text(list).includes('Product area:'), 'form labels');
      // Only rows near the viewport are rendered: scroll until the one with Dashboards is.
      for (let y = 0; !text(list).includes('Product area: Dashboards') && y < document.documentElement.scrollHeight; y += 300) {
        window.scrollTo(0, y);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await list.updateComplete;
      }
      expect(text(list)).to.contain('Product area: Dashboards');
      if (withProduct) expect(text(list)).to.match(/Browsers?: \w+/);
      expect(text(list)).not.to.contain('product:');
    });

    it('renders hostile subjects as text', async () => {
      const hostile = backend.store.tickets.find((t) => t.subject.includes(HOSTILE_STRINGS.img))!;
      hostile.updatedAt = clock.now().toISOString();
      const { list, provider } = await mount(null);
      const who = backend.store.users.find((u) => u.id === hostile.requesterId)!;
      await provider.services.session.signIn(backend.signIn(who.email));
      await loaded(list);
      expect(text(list)).to.contain(HOSTILE_STRINGS.img);
      expect(root(list).querySelector('img')).to.equal(null);
    });
  });

  describe('scopes and roles', () => {
    it('gives customer admins a tab for the organization, with the requester column', async () => {
      const { list } = await mount(admin.email);
      await loaded(list);
      const tabs = [...root(list).querySelectorAll<HTMLElement>('[role="tab"]')];
      expect(tabs.map((t) => t.textContent?.trim()).join('|')).to.equal('My tickets|All of Northwind Labs');
      expect(tabs[0]?.getAttribute('aria-selected')).to.equal('true');
      await expect(list).to.be.accessible();
      tabs[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => list.scope === 'organization', 'arrow key selects the organization tab');
      await waitUntil(() => numbers(list)[0] === `#${expected(null)[0]!.number}`, 'organization tickets');
      await settled(list);
      expect(focusedText(list)).to.equal('All of Northwind Labs');
      expect(text(list)).to.contain('Requester');
      const names = new Set(rows(list).map((row) => row.querySelector('[part~="requester"]')?.textContent?.replace('Requester:', '').trim()));
      expect(names.size).to.be.greaterThan(1);
      expect(list.getAttribute('scope')).to.equal('organization');
      await expect(list).to.be.accessible();
    });

    it('explains a 403 for the organization scope and offers my own tickets', async () => {
      const { list } = await mount(customer.email, { scope: 'organization' });
      await waitUntil(() => text(list).includes('Only your organization’s admins'), `no explanation: ${text(list)}`);
      await expect(list).to.be.accessible();
      must(list, 'action').click();
      await loaded(list);
      expect(list.scope).to.equal('mine');
      expect(numbers(list)[0]).to.equal(`#${expected(customer.id)[0]!.number}`);
    });

    it('includes older tickets on request', async () => {
      const { list } = await mount(admin.email, { scope: 'organization', 'page-size': '100' });
      await loaded(list);
      const recent = expected(null).length;
      const all = expected(null, { older: true }).length;
      expect(all).to.be.greaterThan(recent);
      expect(table(list)?.getAttribute('aria-rowcount')).to.equal(String(recent + 1));
      const seen = watchTickets();
      const older = root(list).querySelector<HTMLInputElement>('[part="older-toggle"] input')!;
      older.click();
      await waitUntil(() => table(list)?.getAttribute('aria-rowcount') === String(all + 1), 'older tickets');
      expect(seen[0]?.get('since')).to.equal('1970-01-01T00:00:00.000Z');
    });
  });

  describe('search, filters and sort', () => {
    it('debounces typing into one request', async () => {
      const { list } = await mount(customer.email);
      await loaded(list);
      const seen = watchTickets();
      const input = must<HTMLInputElement>(list, 'search');
      for (const value of ['e', 'ex', 'exp', 'export']) type(input, value);
      await waitUntil(() => seen.length > 0, 'search request');
      await settled(list);
      expect(seen.length).to.equal(1);
      expect(seen[0]?.get('q')).to.equal('export');
      const matching = expected(customer.id).filter((t) => t.subject.toLowerCase().includes('export'));
      expect(rows(list).length).to.be.at.least(Math.min(matching.length, 1));
    });

    it('never shows an older query’s answer after a newer one', async () => {
      let releaseSlow = (): void => undefined;
      const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
      const seen = watchTickets((params) => (params.get('q') === 'dashboard' ? slow : undefined));
      const { list } = await mount(admin.email, { scope: 'organization' });
      await loaded(list);
      const input = must<HTMLInputElement>(list, 'search');
      type(input, 'dashboard');
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await waitUntil(() => seen.some((p) => p.get('q') === 'dashboard'), 'slow request sent');
      type(input, 'invoice');
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await waitUntil(() => seen.some((p) => p.get('q') === 'invoice'), 'fast request sent');
      await settled(list);
      const invoiceRows = numbers(list).join(' ');
      releaseSlow();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await list.updateComplete;
      expect(numbers(list).join(' ')).to.equal(invoiceRows);
      expect(input.value).to.equal('invoice');
    });

    it('filters by status and priority, and sorts by creation', async () => {
      const { list } = await mount(admin.email, { scope: 'organization' });
      await loaded(list);
      const seen = watchTickets();
      const [status, priority, sort] = selects(list);
      choose(status, 'group:done');
      await waitUntil(() => seen.length === 1, 'status request');
      await settled(list);
      expect(seen[0]?.get('status')).to.equal('solved,closed');
      const statuses = new Set(rows(list).map((row) => row.querySelector('[part="status-badge"]')?.getAttribute('data-status')));
      expect([...statuses].every((s) => s === 'solved' || s === 'closed')).to.equal(true);
      choose(status, '');
      await waitUntil(() => seen.length === 2, 'any status request');
      await settled(list);
      choose(priority, 'urgent');
      await waitUntil(() => seen.length === 3, 'priority request');
      await settled(list);
      expect(seen[2]?.get('priority')).to.equal('urgent');
      expect(seen[2]?.get('status')).to.equal(null);
      expect(rows(list).every((row) => row.querySelector('[part="priority"]')?.getAttribute('data-priority') === 'urgent')).to.equal(true);
      choose(priority, '');
      await waitUntil(() => seen.length === 4, 'any priority request');
      await settled(list);
      choose(sort, 'created-asc');
      await waitUntil(() => seen.length === 5, 'sort request');
      await settled(list);
      expect(seen[4]?.get('sort')).to.equal('created');
      expect(seen[4]?.get('order')).to.equal('asc');
      const oldest = expected(null).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0]!;
      expect(numbers(list)[0]).to.equal(`#${oldest.number}`);
      expect(root(list).querySelector('[role="columnheader"][aria-sort]')?.getAttribute('aria-sort')).to.equal('none');
      await expect(list).to.be.accessible();
    });

    it('says when nothing matches and clears the filters back to every ticket', async () => {
      const { list } = await mount(customer.email);
      await loaded(list);
      type(must<HTMLInputElement>(list, 'search'), 'zzzz nothing like this');
      await waitUntil(() => text(list).includes('No tickets match'), 'no match');
      await expect(list).to.be.accessible();
      root(list).querySelector<HTMLButtonElement>('.empty:not([hidden]) [part="action"]')!.click();
      await loaded(list);
      expect(must<HTMLInputElement>(list, 'search').value).to.equal('');
      await waitUntil(() => root(list).activeElement?.id === 'search', 'focus on the search box');
    });
  });

  describe('paging', () => {
    it('loads the next page as the list scrolls, without duplicates, then knows the total', async () => {
      const total = expected(null).length;
      const seen = watchTickets();
      const { list } = await mount(admin.email, { scope: 'organization', 'page-size': '10' });
      await loaded(list);
      expect(table(list)?.getAttribute('aria-rowcount')).to.equal('-1');
      expect(live(list)).to.equal('10 tickets shown, more below.');
      for (let i = 0; i < 30 && table(list)?.getAttribute('aria-rowcount') === '-1'; i++) {
        window.scrollTo(0, document.documentElement.scrollHeight);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      await waitUntil(() => table(list)?.getAttribute('aria-rowcount') === String(total + 1), 'every page loaded');
      expect(seen.length).to.equal(Math.ceil(total / 10));
      expect(seen.slice(1).every((p) => p.get('cursor'))).to.equal(true);
      // Bounded DOM: the virtualizer keeps only what is near the viewport.
      expect(rows(list).length).to.be.at.most(total);
      window.scrollTo(0, document.documentElement.scrollHeight);
      await waitUntil(() => rows(list).at(-1)?.getAttribute('aria-rowindex') === String(total + 1), 'the last row at the bottom');
      // Rows scrolled away leave nothing behind: two markers per row and the list's own one
      // (Lit's repeat kept one comment per removed row, lit/lit#5298).
      const first = Number(rows(list)[0]?.dataset['index']);
      expect(first, 'rows above were removed').to.be.greaterThan(0);
      const comments = [...(root(list).querySelector('.rows')?.childNodes ?? [])].filter((node) => node.nodeType === Node.COMMENT_NODE);
      expect(comments.length).to.equal(2 * rows(list).length + 1);
    });

    it('offers a retry when a next page fails', async () => {
      const { list } = await mount(admin.email, { scope: 'organization', 'page-size': '10' });
      await loaded(list);
      backend.injectFault({ match: 'GET /tickets', status: 500, times: 10 });
      must(list, 'load-more').click();
      const footerAlert = (): string => root(list).querySelector('.footer[part="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      await waitUntil(() => footerAlert().includes('More tickets could not be loaded.'), 'load more failure');
      expect(footerAlert()).to.contain('Something went wrong on our side');
      expect(numbers(list).length).to.be.greaterThan(0);
      await expect(list).to.be.accessible();
      backend.clearFaults();
      root(list).querySelector<HTMLButtonElement>('.footer [part="retry"]')!.click();
      // (Scrolling may load further pages on its own: count at least the second page.)
      await waitUntil(() => !footerAlert() && Number(/^(\d+) tickets/.exec(live(list))?.[1] ?? 0) >= 20, `retried: ${live(list)}`);
    });
  });

  describe('keyboard, links and events', () => {
    it('moves between rows with arrow keys, Home and End, with one row in the Tab order', async () => {
      const { list } = await mount(admin.email, { scope: 'organization', 'page-size': '100', 'href-template': '#t-{id}' });
      await loaded(list);
      const tabbable = root(list).querySelectorAll('.rows .row-link[tabindex="0"]');
      expect(tabbable.length).to.equal(1);
      const all = expected(null);
      rows(list)[0]!.querySelector<HTMLElement>('.row-link')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => focusedText(list) === all[1]!.subject, 'second row focused');
      await sendKeys({ press: 'End' });
      await waitUntil(() => focusedText(list) === all[all.length - 1]!.subject, `last row focused, not ${focusedText(list)}`);
      await sendKeys({ press: 'Home' });
      await waitUntil(() => focusedText(list) === all[0]!.subject, 'first row focused');
      await sendKeys({ press: 'ArrowUp' });
      expect(focusedText(list)).to.equal(all[0]!.subject);
      expect(root(list).querySelectorAll('.rows .row-link[tabindex="0"]').length).to.equal(1);
    });

    it('fires a cancelable portal-ticket-select before following the link', async () => {
      const { list } = await mount(customer.email, { 'href-template': '#ticket-{id}' });
      await loaded(list);
      const ticket = expected(customer.id)[0]!;
      const link = rows(list)[0]!.querySelector<HTMLAnchorElement>('a')!;
      const cancel = (event: PortalTicketSelectEvent): void => event.preventDefault();
      list.addEventListener('portal-ticket-select', cancel, { once: true });
      const first = oneEvent(list, 'portal-ticket-select') as Promise<PortalTicketSelectEvent>;
      link.click();
      const event = await first;
      expect(event.ticket.id).to.equal(ticket.id);
      expect(event.href).to.equal(`#ticket-${ticket.id}`);
      expect(event.composed && event.bubbles && event.cancelable).to.equal(true);
      expect(location.hash).to.equal('');
      // Not cancelled: the browser follows the link.
      link.click();
      await waitUntil(() => location.hash === `#ticket-${ticket.id}`, 'link followed');
      // A modified click (new tab) is the browser's, not a selection.
      let selected = 0;
      list.addEventListener('portal-ticket-select', () => selected++);
      // (The test stops the browser from opening a window for it.)
      list.addEventListener('click', (event) => event.preventDefault(), { once: true });
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
      expect(selected).to.equal(0);
    });

    it('uses buttons without href-template, still firing the event on Enter', async () => {
      const { list } = await mount(customer.email);
      await loaded(list);
      const button = rows(list)[0]!.querySelector<HTMLButtonElement>('button.row-link')!;
      expect(rows(list)[0]!.querySelector('a')).to.equal(null);
      button.focus();
      const event = oneEvent(list, 'portal-ticket-select') as Promise<PortalTicketSelectEvent>;
      await sendKeys({ press: 'Enter' });
      expect((await event).href).to.equal(null);
    });
  });

  describe('URL sync', () => {
    it('restores search, filters, sort and scope from the address, and follows back/forward', async () => {
      history.replaceState(null, '', `${location.pathname}?q=invoice&status=open%2Cpending&sort=created&order=asc&scope=organization&keep=1`);
      const seen = watchTickets();
      const { list } = await mount(admin.email, { 'sync-url': '' });
      await waitUntil(() => seen.length > 0, 'request');
      await settled(list);
      expect(seen[0]?.get('q')).to.equal('invoice');
      expect(seen[0]?.get('status')).to.equal('open,pending');
      expect(seen[0]?.get('sort')).to.equal('created');
      expect(seen[0]?.get('order')).to.equal('asc');
      expect(seen[0]?.get('scope')).to.equal('organization');
      expect(must<HTMLInputElement>(list, 'search').value).to.equal('invoice');
      // A combination the select does not offer shows as itself.
      expect(selects(list)[0]?.selectedOptions[0]?.textContent?.trim()).to.equal('Open and Awaiting your reply');

      choose(selects(list)[1], 'high');
      expect(location.search).to.contain('priority=high');
      expect(location.search).to.contain('keep=1');
      await waitUntil(() => seen.length === 2, 'priority request');
      history.back();
      await waitUntil(() => seen.length === 3, 'back restores the filters');
      expect(seen[2]?.get('priority')).to.equal(null);
      expect(selects(list)[1]?.value).to.equal('');
    });

    it('keeps the search in the address while typing, without a history entry per key', async () => {
      const { list } = await mount(customer.email, { 'sync-url': '' });
      await loaded(list);
      const before = history.length;
      type(must<HTMLInputElement>(list, 'search'), 'csv');
      await waitUntil(() => location.search.includes('q=csv'), 'search in the address');
      expect(history.length).to.equal(before);
    });
  });

  describe('states', () => {
    it('shows a skeleton while loading', async () => {
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      watchTickets(() => gate);
      const { list } = await mount(customer.email);
      await waitUntil(() => part(list, 'skeleton'), 'skeleton');
      expect(part(list, 'skeleton')?.getAttribute('aria-hidden')).to.equal('true');
      await expect(list).to.be.accessible();
      release();
      await loaded(list);
      expect(part(list, 'skeleton')).to.equal(null);
    });

    it('shows the empty slot, with a sensible default', async () => {
      worker.use(http.get('/api/tickets', () => HttpResponse.json({ items: [], nextCursor: null })));
      const { list } = await mount(customer.email);
      await waitUntil(() => text(list).includes('No tickets yet'), 'default empty text');
      await expect(list).to.be.accessible();
      const custom = await mount(customer.email, {}, '<p slot="empty">Nothing here. <a href="/new">Ask us</a></p>');
      await waitUntil(() => !part(custom.list, 'empty')?.hidden, 'empty box shown');
      const slot = root(custom.list).querySelector<HTMLSlotElement>('slot[name="empty"]')!;
      expect(slot.assignedElements().length).to.equal(1);
    });

    for (const [label, fault, words] of [
      ['500', { status: 500 }, 'Something went wrong on our side'],
      ['network down', { network: true, times: 10 }, 'Can’t reach the support server'],
      ['429', { status: 429, retryAfter: 30 }, 'Try again in 30 seconds'],
      ['422', { status: 422 }, 'Some fields need attention'],
    ] as const) {
      it(`explains a ${label} and retries`, async () => {
        backend.injectFault({ match: 'GET /tickets', times: 10, ...fault });
        const { list } = await mount(customer.email);
        await waitUntil(() => part(list, 'retry'), `no retry: ${text(list)}`);
        expect(text(list)).to.contain('Your tickets could not be loaded.');
        expect(text(list)).to.contain(words);
        await expect(list).to.be.accessible();
        backend.clearFaults();
        must(list, 'retry').click();
        await loaded(list);
        await waitUntil(() => root(list).activeElement?.classList.contains('row-link'), 'focus on the first row after retry');
      });
    }

    it('shows the signed-out state with a sign-in link, and keeps the search through an expired session', async () => {
      const { list } = await mount(null, { 'sign-in-href': '/sign-in' });
      await waitUntil(() => text(list).includes('Sign in to see your tickets'), 'signed out');
      expect(root(list).querySelector('a[href="/sign-in"]')?.textContent?.trim()).to.equal('Sign in');
      // The same part name as the other elements' sign-in links, and still an `action` as before.
      expect(root(list).querySelector('a[href="/sign-in"]')?.getAttribute('part')).to.equal('action sign-in-link');
      await expect(list).to.be.accessible();

      const provider = list.parentElement as PortalProvider;
      await provider.services.session.signIn(backend.signIn(customer.email));
      await loaded(list);
      type(must<HTMLInputElement>(list, 'search'), 'export');
      await waitUntil(() => backend.requestLog.length > 0 && table(list)?.getAttribute('aria-busy') === 'false');
      backend.expireSessions();
      await list.reload().catch(() => undefined);
      await waitUntil(() => text(list).includes('Your session has ended'), `expired: ${text(list)}`);
      await expect(list).to.be.accessible();
      await provider.services.session.signIn(backend.signIn(customer.email));
      await waitUntil(() => part(list, 'search'), 'back');
      expect(must<HTMLInputElement>(list, 'search').value).to.equal('export');
    });
  });

  describe('refreshing', () => {
    it('refreshes while visible and marks tickets with new replies', async () => {
      const { list } = await mount(customer.email, { 'refresh-interval': '0.2' });
      await loaded(list);
      const older = expected(customer.id)[3]!;
      backend.addAgentReply(older.id, 'We found the cause.');
      await waitUntil(() => numbers(list)[0] === `#${older.number}`, 'the replied ticket moved to the top');
      const row = rows(list)[0]!;
      expect(row.hasAttribute('data-fresh')).to.equal(true);
      expect(row.hasAttribute('data-unread')).to.equal(true);
      expect(row.querySelector('[part="unread"]')?.textContent?.trim()).to.equal('New reply:');
      await waitUntil(() => live(list) === 'A ticket has a new reply.', `announced: ${live(list)}`);
      expect(new Set(numbers(list)).size).to.equal(numbers(list).length);
      await expect(list).to.be.accessible();
    });
  });
});
