import { expect, fixture, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { Message } from '../src/api/types.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import '../src/elements/thread/define.js';
import type { PortalMessageSentEvent, PortalTicketUpdatedEvent } from '../src/elements/thread/events.js';
import { MAX_MARKDOWN_CHARS } from '../src/elements/thread/model.js';
import type { PortalThread } from '../src/elements/thread/thread.js';
import { createManualClock, createMockBackend, HOSTILE_STRINGS, LONG_THREAD_TICKET_ID, SEED_USERS, startMockWorker } from '../src/mocks/index.js';

/** `waitUntil` with a 5 s default: three engines share two cores. Tests still fail if the state never comes. */
function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

const clock = createManualClock(Date.now());
const backend = createMockBackend({ now: clock.now });
let worker: SetupWorker;
const { admin, customer } = SEED_USERS;
/** Tickets the seed gives the customer (Priya): the long thread, and one owned by the admin. */
const OWN_TICKET = 'tkt_1002';
const ADMIN_TICKET = 'tkt_1001';

// ----- helpers (strings, numbers and booleans only reach chai) -----

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null => root(el).querySelector<T>(`[part~="${name}"]`);
const parts = (el: Element, name: string): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (el: Element): string => (root(el).textContent ?? '').replace(/\s+/g, ' ').trim();
const must = <T extends HTMLElement = HTMLElement>(el: Element, name: string): T => {
  const found = part<T>(el, name);
  if (!found) throw new Error(`no part ${name}; shadow text: ${text(el).slice(0, 400)}`);
  return found;
};
const live = (el: Element): string => root(el).querySelector('[role="status"]')?.textContent?.trim() ?? '';
const focused = (el: Element): HTMLElement | null => root(el).activeElement as HTMLElement | null;
const focusedPart = (el: Element): string => focused(el)?.getAttribute('part') ?? '';
const messageCount = (el: Element): number => parts(el, 'message').length;
const thread = (id: string): Message[] => backend.store.messages.get(id) ?? [];

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function requests(method: string, path: string): number {
  return backend.requestLog.filter((r) => r.method === method && r.path === path).length;
}

/** Holds every POST to `path` (below /api) until released; records bodies and idempotency keys. */
function hold(path: string): { release: () => void; bodies: string[]; keys: string[] } {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const bodies: string[] = [];
  const keys: string[] = [];
  worker.use(
    http.post(`/api${path}`, async ({ request }) => {
      bodies.push(await request.clone().text());
      keys.push(request.headers.get('Idempotency-Key') ?? '');
      await gate;
    }),
  );
  return { release: () => release(), bodies, keys };
}

/** Records the bodies and idempotency keys of POSTs to `path` without holding them. */
function record(path: string): { bodies: string[]; keys: string[] } {
  const bodies: string[] = [];
  const keys: string[] = [];
  worker.use(
    http.post(`/api${path}`, async ({ request }) => {
      bodies.push(await request.clone().text());
      keys.push(request.headers.get('Idempotency-Key') ?? '');
    }),
  );
  return { bodies, keys };
}

interface Page {
  page: HTMLElement;
  provider: PortalProvider;
  el: PortalThread;
}

async function mount(ticketId: string = OWN_TICKET, email: string = customer.email, attrs: Partial<{ chunk: number; poll: number }> = {}): Promise<Page> {
  const page = await fixture<HTMLElement>(html`
    <div>
      <portal-provider token-storage="memory">
        <portal-thread ticket-id=${ticketId} poll-interval=${attrs.poll ?? 0} chunk-size=${attrs.chunk ?? 20}></portal-thread>
      </portal-provider>
    </div>
  `);
  const provider = page.querySelector('portal-provider') as PortalProvider;
  const el = page.querySelector('portal-thread') as PortalThread;
  if (email) await provider.services.session.signIn(backend.signIn(email));
  return { page, provider, el };
}

async function loaded(el: PortalThread): Promise<void> {
  await waitUntil(() => part(el, 'conversation') && messageCount(el) > 0 && !part(el, 'message-status'), `the thread never loaded: ${text(el).slice(0, 300)}`);
  await el.updateComplete;
}

/** Waits until every loaded message is in the DOM (long threads fill in chunk by chunk). */
async function filledIn(el: PortalThread, count: number): Promise<void> {
  await openWcWaitUntil(() => messageCount(el) === count, `expected ${count} messages, have ${messageCount(el)}; older: ${part(el, 'load-earlier')?.textContent?.trim()} ${String(part(el, 'load-earlier')?.hasAttribute('disabled'))}; alert: ${part(el, 'alert')?.textContent?.trim()}; log: ${backend.requestLog.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`, { timeout: 15_000 });
}

function reply(el: PortalThread): HTMLTextAreaElement {
  const found = root(el).querySelector<HTMLTextAreaElement>('#reply');
  if (!found) throw new Error(`no reply box; shadow text: ${text(el).slice(0, 400)}`);
  return found;
}

async function send(el: PortalThread, body: string): Promise<void> {
  type(reply(el), body);
  must(el, 'send').click();
  await el.updateComplete;
}

describe('<portal-thread>', function () {
  // Threads of 100 and 200 messages on two shared cores, in three engines at once.
  this.timeout(30_000);
  before(async () => {
    worker = await startMockWorker(backend, { quiet: true });
  });
  after(() => worker.stop());
  beforeEach(() => {
    clock.set(Date.now());
    backend.reset();
    backend.clearRequestLog();
    const own = backend.store.tickets.find((t) => t.id === OWN_TICKET);
    if (own) {
      own.status = 'open';
      own.satisfaction = null;
    }
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    worker.resetHandlers();
    localStorage.clear();
  });

  describe('reading', () => {
    it('shows the header, the messages grouped by day, and opens at the newest', async () => {
      const { el } = await mount();
      await loaded(el);
      const ticket = backend.store.tickets.find((t) => t.id === OWN_TICKET);
      const messages = thread(OWN_TICKET);
      expect(must(el, 'subject').textContent?.trim()).to.equal(ticket?.subject);
      expect(must(el, 'number').textContent?.trim()).to.equal(`#${ticket?.number}`);
      expect(must(el, 'status-badge').getAttribute('data-status')).to.equal(ticket?.status);
      expect(text(el)).to.contain(`Requested by ${customer.name}`);
      await filledIn(el, messages.length);
      const last = messages[messages.length - 1] as Message;
      const rows = parts(el, 'message');
      expect(rows[rows.length - 1]?.dataset['id']).to.equal(last.id);
      expect(parts(el, 'day').length).to.be.greaterThan(0);
      const times = parts(el, 'time');
      expect(times[times.length - 1]?.getAttribute('datetime')).to.equal(last.createdAt);
      expect(times[times.length - 1]?.getAttribute('title')).to.not.equal('');
      const scroller = must(el, 'conversation');
      await waitUntil(() => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2, 'not scrolled to the newest message');
      await expect(el).to.be.accessible();
    });

    it('styles customer, agent and system messages apart, with initials when there is no avatar', async () => {
      const { el } = await mount(LONG_THREAD_TICKET_ID);
      await loaded(el);
      const kinds = new Set(parts(el, 'message').map((m) => m.dataset['kind']));
      expect([...kinds].sort().join(',')).to.equal('agent,customer,system');
      const customerRow = parts(el, 'message').find((m) => m.dataset['kind'] === 'customer');
      expect(customerRow?.querySelector('.avatar')?.textContent?.trim()).to.equal('PR');
      expect(customerRow?.textContent).to.contain('You');
    });

    it('renders markdown through the shared pipeline: code, links opening safely, lazy images', async () => {
      const ticket = thread(OWN_TICKET);
      ticket.push({
        ...(ticket[0] as Message),
        id: 'msg_markdown',
        createdAt: new Date(clock.now().getTime() - 1000).toISOString(),
        body: '**Steps**\n\n1. one\n2. two\n\n```bash\nfernwood run\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://docs.example.com/x) ![chart](https://cdn.example.com/chart.png)',
      });
      const { el } = await mount();
      await loaded(el);
      const body = root(el).querySelector('[data-id="msg_markdown"] [part="body"]') as HTMLElement;
      expect(body.querySelector('strong')?.textContent).to.equal('Steps');
      expect(body.querySelectorAll('ol li').length).to.equal(2);
      expect(body.querySelector('pre code')?.textContent).to.contain('fernwood run');
      expect(body.querySelectorAll('table td').length).to.equal(2);
      const link = body.querySelector('a');
      expect(link?.getAttribute('rel')).to.contain('noopener');
      expect(link?.getAttribute('target')).to.equal('_blank');
      const img = body.querySelector('img');
      expect(img?.getAttribute('loading')).to.equal('lazy');
      expect(img?.getAttribute('alt')).to.equal('chart');
    });

    it('shows attachments with name, size and type, and image thumbnails', async () => {
      const { el } = await mount(ADMIN_TICKET, admin.email);
      await loaded(el);
      const attachments = parts(el, 'attachment');
      expect(attachments.length).to.be.greaterThan(0);
      const first = attachments[0] as HTMLElement;
      const seed = thread(ADMIN_TICKET).flatMap((m) => m.attachments)[0];
      expect(first.textContent).to.contain(seed?.name ?? '?');
      expect(first.querySelector('a')?.getAttribute('rel')).to.contain('noopener');
      expect(first.textContent).to.match(/\d/);
    });

    it('pages back with the cursor and says when the start is reached', async () => {
      const { el } = await mount(LONG_THREAD_TICKET_ID);
      await loaded(el);
      await filledIn(el, 100);
      const all = thread(LONG_THREAD_TICKET_ID);
      expect(parts(el, 'message')[0]?.dataset['id']).to.equal(all[100]?.id);
      must(el, 'load-earlier').click();
      await filledIn(el, 200);
      expect(parts(el, 'message')[0]?.dataset['id']).to.equal(all[0]?.id);
      expect(part(el, 'load-earlier')).to.equal(null);
      expect(text(el)).to.contain('This is the start of the conversation');
      await waitUntil(() => live(el).includes('Loaded 100 earlier messages'));
      expect(focused(el)?.dataset['focus']).to.equal(`message:${all[0]?.id}`);
      expect(requests('GET', `/tickets/${LONG_THREAD_TICKET_ID}/messages`)).to.equal(2);
    });

    it('renders a long thread in chunks, newest first, keeping the reader at the bottom', async () => {
      const counts: number[] = [];
      const { el } = await mount(LONG_THREAD_TICKET_ID, customer.email, { chunk: 10 });
      const observer = new MutationObserver(() => counts.push(messageCount(el)));
      observer.observe(root(el), { childList: true, subtree: true });
      await waitUntil(() => messageCount(el) > 0);
      // The first paint holds the newest chunk only; the rest fill in above it, chunk by chunk.
      observer.disconnect();
      expect(counts.find((n) => n > 0)).to.equal(10);
      const all = thread(LONG_THREAD_TICKET_ID);
      const rows = parts(el, 'message');
      expect(rows[rows.length - 1]?.dataset['id']).to.equal(all[all.length - 1]?.id);
      await filledIn(el, 100);
      const scroller = must(el, 'conversation');
      await waitUntil(() => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2, 'not kept at the newest message');
    });

    it('parses each message once, however often the thread renders', async () => {
      const { el } = await mount();
      await loaded(el);
      await filledIn(el, thread(OWN_TICKET).length);
      const before = root(el).querySelector('[part~="body"]');
      el.requestUpdate();
      await el.updateComplete;
      void (await el.refresh());
      await el.updateComplete;
      // The same DOM node: the row was neither re-parsed nor rebuilt.
      expect(root(el).querySelector('[part~="body"]') === before).to.equal(true);
    });
  });

  describe('states', () => {
    it('asks to sign in when signed out, with a link to the host’s sign-in page when given', async () => {
      const { el } = await mount(OWN_TICKET, '');
      await waitUntil(() => text(el).includes('Sign in to see this'));
      expect(root(el).querySelector('[part~="sign-in-link"]')).to.equal(null);
      await expect(el).to.be.accessible();
      el.setAttribute('sign-in-href', '/sign-in.html?return=ticket');
      await el.updateComplete;
      const link = root(el).querySelector<HTMLAnchorElement>('[part~="sign-in-link"]');
      expect(link?.getAttribute('href')).to.equal('/sign-in.html?return=ticket');
      expect(link?.textContent).to.equal('Sign in');
      await expect(el).to.be.accessible();
    });

    it('shows loading, then not found for a ticket that does not exist', async () => {
      backend.setLatency(200);
      const { el } = await mount('tkt_missing');
      await waitUntil(() => text(el).includes('Loading the conversation'));
      await expect(el).to.be.accessible();
      await waitUntil(() => text(el).includes('Ticket not found'));
      await expect(el).to.be.accessible();
    });

    it('says so for someone else’s ticket (403)', async () => {
      const { el } = await mount(ADMIN_TICKET);
      await waitUntil(() => text(el).includes('You can’t see this ticket'));
      await expect(el).to.be.accessible();
    });

    it('offers a retry after a server error, and the retry loads the thread', async () => {
      // The client retries a GET twice by itself: fail all three.
      backend.injectFault({ match: 'GET /tickets/:id', status: 500, times: 3 });
      const { el } = await mount();
      await waitUntil(() => part(el, 'retry'));
      expect(text(el)).to.contain('Something went wrong on our side');
      await expect(el).to.be.accessible();
      must(el, 'retry').click();
      await loaded(el);
    });

    it('reads the ticket from the page address when no ticket-id is set', async () => {
      const before = location.href;
      history.replaceState(null, '', `?ticket=${OWN_TICKET}`);
      try {
        const page = await fixture<HTMLElement>(html`<portal-provider token-storage="memory"><portal-thread poll-interval="0"></portal-thread></portal-provider>`);
        const provider = page as PortalProvider;
        const el = page.querySelector('portal-thread') as PortalThread;
        await provider.services.session.signIn(backend.signIn(customer.email));
        await loaded(el);
        expect(must(el, 'number').textContent).to.contain('1002');
        history.pushState(null, '', `?ticket=${LONG_THREAD_TICKET_ID}`);
        dispatchEvent(new PopStateEvent('popstate'));
        await waitUntil(() => (part(el, 'number')?.textContent ?? '').includes('1056'));
      } finally {
        history.replaceState(null, '', before);
      }
    });

    it('says no ticket was chosen when the address names none', async () => {
      const { el } = await mount('');
      await waitUntil(() => text(el).includes('No ticket was chosen'));
    });
  });

  describe('sending', () => {
    it('shows a reply at once as pending, then the server’s copy, and fires portal-message-sent', async () => {
      const { el } = await mount();
      await loaded(el);
      const before = thread(OWN_TICKET).length;
      const held = hold(`/tickets/${OWN_TICKET}/messages`);
      const sent = oneEvent(el, 'portal-message-sent') as Promise<PortalMessageSentEvent>;
      await send(el, 'Here are **the logs** you asked for.');
      await waitUntil(() => part(el, 'message-status'));
      expect(must(el, 'message-status').textContent).to.contain('Sending');
      expect(reply(el).value).to.equal('');
      expect(focused(el)?.id).to.equal('reply');
      await expect(el).to.be.accessible();
      held.release();
      const event = await sent;
      expect(event.message.body).to.equal('Here are **the logs** you asked for.');
      await waitUntil(() => !part(el, 'message-status'));
      const rows = parts(el, 'message');
      expect(rows[rows.length - 1]?.dataset['id']).to.equal(event.message.id);
      expect(rows[rows.length - 1]?.querySelector('strong')?.textContent).to.equal('the logs');
      expect(thread(OWN_TICKET).length).to.equal(before + 1);
      await waitUntil(() => live(el) === 'Reply sent.');
    });

    it('keeps a failed reply with retry, and the retry posts once with the same clientId and key', async () => {
      const { el } = await mount();
      await loaded(el);
      const before = thread(OWN_TICKET).length;
      backend.injectFault({ match: 'POST /tickets/:id/messages', status: 500, times: 1 });
      const seen = record(`/tickets/${OWN_TICKET}/messages`);
      await send(el, 'Retry me');
      await waitUntil(() => part(el, 'retry'));
      expect(must(el, 'message-status').textContent).to.contain('Not sent');
      expect(live(el)).to.contain('Your reply was not sent');
      await expect(el).to.be.accessible();
      must(el, 'retry').click();
      await waitUntil(() => !part(el, 'message-status'));
      expect(seen.bodies.length).to.equal(2);
      expect(JSON.parse(seen.bodies[0] ?? '{}').clientId).to.equal(JSON.parse(seen.bodies[1] ?? '{}').clientId);
      expect(seen.keys[0]).to.not.equal('');
      expect(seen.keys[0]).to.equal(seen.keys[1]);
      expect(thread(OWN_TICKET).length).to.equal(before + 1);
      expect(parts(el, 'message').filter((m) => m.textContent?.includes('Retry me')).length).to.equal(1);
    });

    it('never posts twice when the answer was lost and the reply is retried', async () => {
      const { el } = await mount();
      await loaded(el);
      const before = thread(OWN_TICKET).length;
      // The server creates the message, then the response is lost on the way back (three times:
      // the client's own retries, under the same key, get lost too).
      backend.injectFault({ match: 'POST /tickets/:id/messages', network: true, times: 3, phase: 'after' });
      await send(el, 'Only once, please');
      await waitUntil(() => part(el, 'retry'));
      expect(must(el, 'message-status').textContent).to.contain('Can’t reach the support server');
      must(el, 'retry').click();
      await waitUntil(() => !part(el, 'message-status'));
      expect(thread(OWN_TICKET).length).to.equal(before + 1);
      expect(parts(el, 'message').filter((m) => m.textContent?.includes('Only once, please')).length).to.equal(1);
    });

    for (const [label, fault, words] of [
      ['429', { status: 429, retryAfter: 30 }, 'Try again in 30 seconds'],
      ['network down', { network: true }, 'Can’t reach the support server'],
      ['403', { status: 403 }, 'You don’t have access'],
    ] as const) {
      it(`keeps the reply on ${label} and says why`, async () => {
        const { el } = await mount();
        await loaded(el);
        backend.injectFault({ match: 'POST /tickets/:id/messages', times: 3, ...fault });
        await send(el, `Kept on ${label}`);
        await waitUntil(() => part(el, 'retry'));
        expect(must(el, 'message-status').textContent).to.contain(words);
        expect(text(el)).to.contain(`Kept on ${label}`);
      });
    }

    it('shows a 422 about the body at the reply', async () => {
      worker.use(
        http.post(`/api/tickets/${OWN_TICKET}/messages`, () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: 'body', message: 'The message is too long.' }] },
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      );
      const { el } = await mount();
      await loaded(el);
      await send(el, 'Too long, says the server');
      await waitUntil(() => part(el, 'message-status')?.textContent?.includes('The message is too long.'));
      // "Edit" takes it back into the composer to change it.
      const edit = [...root(el).querySelectorAll<HTMLButtonElement>('[part="message-status"] button')].find((b) => b.textContent?.trim() === 'Edit');
      edit?.click();
      await el.updateComplete;
      expect(reply(el).value).to.equal('Too long, says the server');
      expect(focused(el)?.id).to.equal('reply');
      expect(part(el, 'message-status')).to.equal(null);
    });

    it('refuses an empty reply at the field', async () => {
      const { el } = await mount();
      await loaded(el);
      await send(el, '   ');
      expect(must(el, 'field-error').textContent).to.contain('Write a reply first');
      expect(reply(el).getAttribute('aria-invalid')).to.equal('true');
      expect(requests('POST', `/tickets/${OWN_TICKET}/messages`)).to.equal(0);
    });

    it('keeps the reply through an expired session, and sends it after signing in again', async () => {
      const { el, provider } = await mount();
      await loaded(el);
      backend.expireSessions();
      await send(el, 'Written before my session ended');
      await waitUntil(() => part(el, 'message-status')?.textContent?.includes('Sign in again'));
      await waitUntil(() => text(el).includes('Your session has ended'));
      expect(text(el)).to.contain('Written before my session ended');
      await provider.services.session.signIn(backend.signIn(customer.email));
      await waitUntil(() => !(must<HTMLButtonElement>(el, 'retry').disabled));
      must(el, 'retry').click();
      await waitUntil(() => !part(el, 'message-status'));
      expect(thread(OWN_TICKET).filter((m) => m.body === 'Written before my session ended').length).to.equal(1);
    });

    it('keeps a reply that failed across a reload, with retry', async () => {
      backend.injectFault({ match: 'POST /tickets/:id/messages', status: 503, times: 3 });
      const first = await mount();
      await loaded(first.el);
      await send(first.el, 'Survives a reload');
      await waitUntil(() => part(first.el, 'retry'));
      first.page.remove();
      const second = await mount();
      await waitUntil(() => part(second.el, 'retry'));
      expect(text(second.el)).to.contain('Survives a reload');
      must(second.el, 'retry').click();
      await waitUntil(() => !part(second.el, 'message-status'));
      expect(thread(OWN_TICKET).filter((m) => m.body === 'Survives a reload').length).to.equal(1);
    });

    it('sends with Ctrl+Enter from the reply', async () => {
      const { el } = await mount();
      await loaded(el);
      reply(el).focus();
      type(reply(el), 'Sent from the keyboard');
      // Chords are not portable across the three drivers: the key event itself.
      reply(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
      await waitUntil(() => thread(OWN_TICKET).some((m) => m.body === 'Sent from the keyboard'));
    });

    it('saves the draft per ticket as it is typed, and restores it on reload', async () => {
      const first = await mount();
      await loaded(first.el);
      type(reply(first.el), 'A draft in progress');
      first.page.remove();
      const other = await mount(LONG_THREAD_TICKET_ID);
      await loaded(other.el);
      expect(reply(other.el).value).to.equal('');
      other.page.remove();
      const second = await mount();
      await loaded(second.el);
      expect(reply(second.el).value).to.equal('A draft in progress');
    });

    it('attaches files to a reply, and keeps them in the draft', async () => {
      const first = await mount();
      await loaded(first.el);
      const input = root(first.el).querySelector('.composer input[type="file"]') as HTMLInputElement;
      const files = new DataTransfer();
      files.items.add(new File(['id,value\n1,2\n'], 'export.csv', { type: 'text/csv' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => root(first.el).querySelector('[part~="upload"][data-status="done"]'), 'the file never uploaded');
      type(reply(first.el), 'The export is attached.');
      first.page.remove();
      const { el } = await mount();
      await loaded(el);
      await waitUntil(() => root(el).querySelector('[part~="upload"][data-status="done"]'), 'the attachment did not come back with the draft');
      expect(reply(el).value).to.equal('The export is attached.');
      const sent = oneEvent(el, 'portal-message-sent') as Promise<PortalMessageSentEvent>;
      must(el, 'send').click();
      const event = await sent;
      expect(event.message.attachments.map((a) => a.name).join()).to.equal('export.csv');
      await waitUntil(() => !part(el, 'message-status'));
      const rows = parts(el, 'message');
      expect(rows[rows.length - 1]?.querySelector('[part~="attachment"]')?.textContent).to.contain('export.csv');
      expect(root(el).querySelector('[part~="upload"]')).to.equal(null);
    });

    it('previews the reply as markdown', async () => {
      const { el } = await mount();
      await loaded(el);
      type(reply(el), 'Some *emphasis*');
      await el.updateComplete;
      (root(el).querySelector('#reply-preview-tab') as HTMLButtonElement).click();
      await waitUntil(() => root(el).querySelector('[part~="editor-preview"] em'));
      expect(root(el).querySelector('[part~="editor-preview"] em')?.textContent).to.equal('emphasis');
      await expect(el).to.be.accessible();
    });
  });

  describe('live updates', () => {
    it('shows and announces a reply from the team', async () => {
      const { el } = await mount();
      await loaded(el);
      await filledIn(el, thread(OWN_TICKET).length);
      const count = messageCount(el);
      const message = backend.addAgentReply(OWN_TICKET, 'We pushed a fix.');
      await el.refresh();
      await waitUntil(() => messageCount(el) === count + 1);
      const rows = parts(el, 'message');
      expect(rows[rows.length - 1]?.dataset['id']).to.equal(message.id);
      await waitUntil(() => live(el) === `New message from ${message.author.name}. Status changed to Awaiting your reply.`, `live region: ${live(el)}`);
      expect(must(el, 'status-badge').getAttribute('data-status')).to.equal('pending');
      expect(requests('GET', `/tickets/${OWN_TICKET}/messages`)).to.equal(2);
    });

    it('polls on its own, with `after`', async () => {
      const seen: string[] = [];
      worker.use(
        http.get(`/api/tickets/${OWN_TICKET}/messages`, ({ request }) => {
          seen.push(new URL(request.url).searchParams.get('after') ?? '');
        }),
      );
      const { el } = await mount(OWN_TICKET, customer.email, { poll: 0.1 });
      await loaded(el);
      const message = backend.addAgentReply(OWN_TICKET, 'Polled in.');
      await waitUntil(() => parts(el, 'message').some((m) => m.dataset['id'] === message.id));
      expect(seen.some((after) => after !== '')).to.equal(true);
    });

    it('offers a "new messages" button when the reader has scrolled up', async () => {
      const { el } = await mount(LONG_THREAD_TICKET_ID);
      await loaded(el);
      await filledIn(el, 100);
      const scroller = must(el, 'conversation');
      // The reader scrolls up (a wheel turn, then the scroll it makes).
      scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -500, bubbles: true }));
      scroller.scrollTop = 0;
      scroller.dispatchEvent(new Event('scroll'));
      backend.addAgentReply(LONG_THREAD_TICKET_ID, 'While you were reading');
      await el.refresh();
      await waitUntil(() => part(el, 'new-messages'));
      expect(must(el, 'new-messages').textContent).to.contain('1 new message');
      expect(scroller.scrollTop).to.be.below(50);
      await expect(el).to.be.accessible();
      must(el, 'new-messages').click();
      await el.updateComplete;
      await waitUntil(() => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2);
      expect(part(el, 'new-messages')).to.equal(null);
    });

    it('announces a status change from the team and fires portal-ticket-updated', async () => {
      const { el } = await mount();
      await loaded(el);
      const ticket = backend.store.tickets.find((t) => t.id === OWN_TICKET);
      if (ticket) ticket.status = 'solved';
      const updated = oneEvent(el, 'portal-ticket-updated') as Promise<PortalTicketUpdatedEvent>;
      await el.refresh();
      const event = await updated;
      expect(event.remote).to.equal(true);
      expect(event.ticket.status).to.equal('solved');
      await waitUntil(() => live(el) === 'Status changed to Solved.');
    });
  });

  describe('ticket actions', () => {
    it('closes and reopens, keeping focus on the button', async () => {
      backend.setConfig({ csat: false });
      const { el } = await mount();
      await loaded(el);
      const closed = oneEvent(el, 'portal-ticket-updated') as Promise<PortalTicketUpdatedEvent>;
      must(el, 'status-action').click();
      const event = await closed;
      expect(event.change).to.equal('status');
      expect(event.ticket.status).to.equal('closed');
      await waitUntil(() => must(el, 'status-badge').getAttribute('data-status') === 'closed');
      expect(must(el, 'status-action').textContent).to.contain('Reopen');
      await waitUntil(() => focusedPart(el) === 'status-action', 'focus left the close/reopen button');
      expect(part(el, 'composer')).to.equal(null);
      expect(text(el)).to.contain('This ticket is closed');
      await waitUntil(() => live(el) === 'Ticket closed.');
      await expect(el).to.be.accessible();
      must(el, 'status-action').click();
      await waitUntil(() => must(el, 'status-badge').getAttribute('data-status') === 'open');
      expect(part(el, 'composer')).to.not.equal(null);
      await waitUntil(() => text(el).includes('reopened this ticket'));
    });

    it('shows a failed close with retry', async () => {
      backend.injectFault({ match: 'PATCH /tickets/:id', status: 500, times: 1 });
      const { el } = await mount();
      await loaded(el);
      must(el, 'status-action').click();
      await waitUntil(() => part(el, 'alert'));
      expect(focusedPart(el)).to.equal('alert');
      must(el, 'retry').click();
      await waitUntil(() => must(el, 'status-badge').getAttribute('data-status') === 'closed');
    });

    it('asks for a rating once solved, and shows it as given afterwards', async () => {
      const ticket = backend.store.tickets.find((t) => t.id === OWN_TICKET);
      if (ticket) {
        ticket.status = 'solved';
        ticket.satisfaction = null;
      }
      const { el } = await mount();
      await loaded(el);
      const form = must(el, 'rating');
      await expect(el).to.be.accessible();
      (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(must(el, 'field-error').textContent).to.contain('Choose good or bad');
      (form.querySelector('input[value="good"]') as HTMLInputElement).click();
      type(form.querySelector('textarea') as HTMLTextAreaElement, 'Fixed quickly');
      const rated = oneEvent(el, 'portal-ticket-updated') as Promise<PortalTicketUpdatedEvent>;
      (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      expect((await rated).change).to.equal('satisfaction');
      await waitUntil(() => text(el).includes('You rated the help you got as good'));
      expect(text(el)).to.contain('Fixed quickly');
      expect(ticket?.satisfaction?.rating).to.equal('good');
      await expect(el).to.be.accessible();
    });

    it('shows a rating comment the server refused at the comment, keeping it', async () => {
      const ticket = backend.store.tickets.find((t) => t.id === OWN_TICKET);
      if (ticket) {
        ticket.status = 'closed';
        ticket.satisfaction = null;
      }
      worker.use(
        http.post(`/api/tickets/${OWN_TICKET}/satisfaction`, () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: 'comment', message: 'Say it more kindly.' }] },
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      );
      const { el } = await mount();
      await loaded(el);
      const form = must(el, 'rating');
      (form.querySelector('input[value="bad"]') as HTMLInputElement).click();
      type(form.querySelector('textarea') as HTMLTextAreaElement, 'Rude words');
      (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await waitUntil(() => part(el, 'field-error'));
      expect(must(el, 'field-error').textContent).to.contain('Say it more kindly.');
      expect((must(el, 'rating').querySelector('textarea') as HTMLTextAreaElement).value).to.equal('Rude words');
    });

    it('shows an empty field as a dash that screen readers hear as "Not set"', async () => {
      const own = backend.store.tickets.find((t) => t.id === OWN_TICKET);
      const key = Object.keys(own?.fields ?? {})[0] ?? '';
      if (own) own.fields[key] = null;
      const { el } = await mount();
      await loaded(el);
      const empty = root(el).querySelector('[part="fields"] [data-empty]');
      expect(empty, 'an empty field is shown').to.exist;
      expect(empty?.querySelector('[aria-hidden="true"]')?.textContent).to.equal('—');
      expect(empty?.querySelector('.visually-hidden')?.textContent).to.equal('Not set');
      await expect(el).shadowDom.to.be.accessible();
    });

    it('edits a field in place, with validation errors at the field', async () => {
      const { el } = await mount();
      await loaded(el);
      const editButtons = parts(el, 'field-edit');
      expect(editButtons.length).to.be.greaterThan(0);
      const edit = editButtons[0] as HTMLButtonElement;
      const label = edit.getAttribute('aria-label') ?? '';
      edit.click();
      await el.updateComplete;
      const input = (root(el).querySelector('.field-form [part~="input"]') as HTMLInputElement);
      expect(focused(el)?.id.startsWith('edit-')).to.equal(true);
      worker.use(
        http.patch(`/api/tickets/${OWN_TICKET}`, () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: input.id.replace('edit-', ''), message: 'Not a version we know.' }] },
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
            ),
          ),
        { once: true } as never,
      );
      if (input.localName === 'select') {
        const select = input as unknown as HTMLSelectElement;
        select.selectedIndex = select.options.length - 1;
        select.dispatchEvent(new Event('change'));
      } else {
        type(input, '9.9.9');
      }
      (root(el).querySelector('.field-form button[type="submit"]') as HTMLButtonElement).click();
      await waitUntil(() => part(el, 'field-error'));
      expect(must(el, 'field-error').textContent).to.contain('Not a version we know.');
      expect(root(el).querySelector('.field-form [part~="input"]')?.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      worker.resetHandlers();
      const updated = oneEvent(el, 'portal-ticket-updated') as Promise<PortalTicketUpdatedEvent>;
      (root(el).querySelector('.field-form button[type="submit"]') as HTMLButtonElement).click();
      expect((await updated).change).to.equal('fields');
      await waitUntil(() => !root(el).querySelector('.field-form'));
      expect(focused(el)?.getAttribute('aria-label')).to.equal(label);
    });

    it('cancels a field edit with Escape, focus back on Edit', async () => {
      const { el } = await mount();
      await loaded(el);
      const edit = must<HTMLButtonElement>(el, 'field-edit');
      edit.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused(el)?.id.startsWith('edit-')).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(root(el).querySelector('.field-form')).to.equal(null);
      expect(focusedPart(el)).to.equal('field-edit');
    });
  });

  describe('hostile content', () => {
    const corpus = [
      HOSTILE_STRINGS.script,
      HOSTILE_STRINGS.img,
      HOSTILE_STRINGS.jsLink,
      '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)">raw</a> <div onclick="alert(1)" onmouseover="alert(1)">hover</div>',
      '<svg onload="alert(1)"><script>alert(1)</script></svg> <math><mtext><img src=x onerror=alert(1)></mtext></math>',
      '<style>*{display:none!important} :host{position:fixed}</style><div style="position:fixed;inset:0;z-index:99999">overlay</div>',
      '![x](javascript:alert(1)) ![y](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
      '<iframe src="https://evil.example"></iframe><object data="x"></object><form action="https://evil.example"><input name=a></form>',
      `${'>'.repeat(5000)} deep`,
      `${'- '.repeat(3000)}nested`,
      `${'['.repeat(20000)}${']('.repeat(5000)}`,
      `${'*'.repeat(30000)}`,
      'x'.repeat(MAX_MARKDOWN_CHARS * 10),
    ];

    it('renders every payload inert, keeps the layout, and stays responsive', async () => {
      const w = window as unknown as { __pwned?: number };
      w.__pwned = 0;
      const ticket = thread(OWN_TICKET);
      const base = ticket[0] as Message;
      corpus.forEach((body, i) =>
        ticket.push({ ...base, id: `msg_hostile_${i}`, body: body.replace(/alert\(\d\)/g, 'window.__pwned++'), createdAt: new Date(clock.now().getTime() - 60_000 + i).toISOString() }),
      );
      ticket.push({
        ...base,
        id: 'msg_hostile_author',
        author: { id: 'x', name: HOSTILE_STRINGS.img, kind: 'agent', avatarUrl: 'javascript:window.__pwned++' },
        attachments: [{ id: 'a', name: HOSTILE_STRINGS.script, size: 10, contentType: 'image/png', url: 'javascript:window.__pwned++' }],
        createdAt: new Date(clock.now().getTime() - 1000).toISOString(),
      });
      const record = backend.store.tickets.find((t) => t.id === OWN_TICKET);
      if (record) record.subject = `${HOSTILE_STRINGS.script}${HOSTILE_STRINGS.img}`;
      const { el, page } = await mount();
      // As narrow as a phone: nothing may widen the page.
      page.style.inlineSize = '320px';
      await loaded(el);
      await filledIn(el, ticket.length);
      // Let any late error/load handler fire.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(w.__pwned).to.equal(0);
      const shadow = root(el);
      for (const selector of ['script', 'iframe', 'object', 'form input', 'svg', 'math', 'style', '[onerror]', '[onclick]', '[onload]', '[style]', 'a[href^="javascript"]', 'a[href^="data"]', 'img[src^="javascript"]']) {
        expect(shadow.querySelectorAll(`.messages ${selector}`).length, selector).to.equal(0);
      }
      expect(must(el, 'subject').textContent).to.equal(`${HOSTILE_STRINGS.script}${HOSTILE_STRINGS.img}`);
      expect(shadow.querySelector('[data-id="msg_hostile_author"] [part="author"]')?.textContent).to.equal(HOSTILE_STRINGS.img);
      expect(shadow.querySelector('[data-id="msg_hostile_author"] a')).to.equal(null);
      // The huge and the deeply nested messages are shown as text, not parsed.
      for (const i of [9, 10, corpus.length - 1]) {
        expect(shadow.querySelector(`[data-id="msg_hostile_${i}"] .body.text`) !== null, `message ${i} parsed`).to.equal(true);
      }
      // Layout: nothing escapes the conversation box.
      const box = must(el, 'conversation').getBoundingClientRect();
      for (const message of parts(el, 'message')) {
        const r = message.getBoundingClientRect();
        expect(r.width <= box.width + 1, `message ${message.dataset['id']} wider than the thread`).to.equal(true);
      }
      expect(getComputedStyle(must(el, 'composer')).display).to.not.equal('none');
      expect(el.scrollWidth, 'the thread is wider than its 320 px container').to.be.at.most(320);
      expect(Math.round(box.width)).to.be.at.most(320);
    });
  });

  describe('keyboard', () => {
    it('reaches the conversation, the reply and send by Tab', async () => {
      const { el } = await mount();
      await loaded(el);
      must(el, 'status-action').focus();
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(el)).to.equal('conversation');
      // From the newest message's time onwards: the composer follows the conversation.
      const times = parts(el, 'time');
      (times[times.length - 1] as HTMLElement).focus();
      const seen: string[] = [];
      for (let i = 0; i < 8 && !seen.includes('send'); i++) {
        await sendKeys({ press: 'Tab' });
        seen.push(focusedPart(el));
      }
      expect(seen.some((p) => p.includes('editor-input'))).to.equal(true);
      expect(seen).to.include('send');
    });
  });
});
