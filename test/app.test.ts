import { expect, fixture, html, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import type { SetupWorker } from 'msw/browser';
import type { PortalApp } from '../src/elements/app/app.js';
import '../src/elements/app/define.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import { createMockBackend, SEED_USERS, startMockWorker } from '../src/mocks/index.js';

/** `waitUntil` with a 5 s default (three engines share two cores). */
function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

const backend = createMockBackend();
let worker: SetupWorker;
const { admin, customer } = SEED_USERS;
const startUrl = location.href;

// ----- helpers (strings and booleans only reach chai) -----

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const text = (el: Element): string => (root(el).textContent ?? '').replace(/\s+/g, ' ').trim();
const heading = (app: PortalApp): string => root(app).querySelector('h2[part="heading"]')?.textContent?.trim() ?? '';
const view = (app: PortalApp, tag: string): HTMLElement | null => root(app).querySelector(`[part="view"] ${tag}`);
const navLink = (app: PortalApp, name: string): HTMLAnchorElement => {
  const link = [...root(app).querySelectorAll<HTMLAnchorElement>('a[part="nav-link"]')].find((a) => a.textContent?.trim() === name);
  if (!link) throw new Error(`no nav link ${name}: ${text(app)}`);
  return link;
};
const focusedHeading = (app: PortalApp): boolean => root(app).activeElement?.getAttribute('part') === 'heading';
const param = (name: string): string => new URLSearchParams(location.search).get(name) ?? '';

/** Opens the page at `search` (as a reload or shared link would) and mounts the app, signed in as `email`. */
async function mount(search: string, email: string | null = customer.email): Promise<{ provider: PortalProvider; app: PortalApp }> {
  // The test runner keeps its own parameters in the page address: add ours beside them.
  const url = new URL(startUrl);
  for (const [name, value] of new URLSearchParams(search)) url.searchParams.set(name, value);
  history.replaceState(null, '', `${url.pathname}${url.search}`);
  const provider = await fixture<PortalProvider>(html`<portal-provider></portal-provider>`);
  if (email) await provider.services.session.signIn(backend.signIn(email));
  const app = document.createElement('portal-app');
  provider.append(app);
  await app.updateComplete;
  return { provider, app };
}

async function shows(app: PortalApp, tag: string): Promise<HTMLElement> {
  // A view's first visit imports its element: in the test server that is a dozen modules, each
  // transformed on request, which once took over 5 s in WebKit while three engines shared two
  // cores. Wait up to 15 s, and say what the app showed when the wait ran out.
  try {
    await waitUntil(() => view(app, tag) && customElements.get(tag), undefined, { timeout: 15_000 });
  } catch {
    throw new Error(`never showed <${tag}>; the app shows: ${text(app)}`);
  }
  const element = view(app, tag) as HTMLElement;
  await waitUntil(() => element.shadowRoot?.textContent?.trim(), `<${tag}> rendered nothing`);
  return element;
}

function back(): Promise<void> {
  return new Promise((resolve) => {
    addEventListener('popstate', () => setTimeout(resolve, 0), { once: true });
    history.back();
  });
}

describe('<portal-app>', function () {
  // Each test visits several views; see shows().
  this.timeout(30_000);
  before(async () => {
    worker = await startMockWorker(backend, { quiet: true });
  });
  after(() => worker.stop());

  afterEach(() => {
    backend.reset();
    worker.resetHandlers();
    history.replaceState(null, '', startUrl);
  });

  it('opens the help center by default, with the search, and a navigation of real links', async () => {
    const { app } = await mount('');
    expect(heading(app)).to.equal('Help center');
    await shows(app, 'portal-kb-search');
    const tickets = navLink(app, 'My tickets');
    expect(new URL(tickets.href).searchParams.get('portal')).to.equal('tickets');
    expect(navLink(app, 'Help center').getAttribute('aria-current')).to.equal('page');
    await expect(app).to.be.accessible();
  });

  it("exports its views' parts as <view>-<part>, so a host page styles the portal's inside", async () => {
    const style = document.createElement('style');
    style.textContent = `
      portal-app::part(kb-search-input) { outline-color: rgb(1, 2, 3); }
      portal-app::part(account-account-button) { outline-color: rgb(4, 5, 6); }
      portal-app::part(ticket-list-row) { outline-color: rgb(7, 8, 9); }
      portal-app::part(input) { outline-color: rgb(10, 11, 12); }`;
    document.head.append(style);
    try {
      const { app } = await mount('');
      const kb = await shows(app, 'portal-kb-search');
      const outline = (element: Element | null | undefined) => (element ? getComputedStyle(element).outlineColor : 'missing');
      expect(outline(kb.shadowRoot?.querySelector('[part~="input"]'))).to.equal('rgb(1, 2, 3)');
      const account = root(app).querySelector('portal-login');
      await waitUntil(() => account?.shadowRoot?.querySelector('[part~="account-button"]'), 'no account button');
      expect(outline(account?.shadowRoot?.querySelector('[part~="account-button"]'))).to.equal('rgb(4, 5, 6)');
      navLink(app, 'My tickets').click();
      const list = await shows(app, 'portal-ticket-list');
      await waitUntil(() => list.shadowRoot?.querySelector('[part~="row"]'), 'no ticket rows');
      expect(outline(list.shadowRoot?.querySelector('[part~="row"]'))).to.equal('rgb(7, 8, 9)');
      // Unprefixed names are not exported: a host rule for one element's part cannot leak into another's.
      expect(outline(list.shadowRoot?.querySelector('[part~="search"], input'))).not.to.equal('rgb(10, 11, 12)');
    } finally {
      style.remove();
    }
  });

  it('moves between views without a reload, keeps them in the address, and back and forward work', async () => {
    const { app } = await mount('?utm=x');
    navLink(app, 'My tickets').click();
    await app.updateComplete;
    expect(param('portal')).to.equal('tickets');
    expect(param('utm')).to.equal('x');
    expect(heading(app)).to.equal('My tickets');
    await shows(app, 'portal-ticket-list');
    await waitUntil(() => focusedHeading(app), 'focus did not move to the view heading');
    navLink(app, 'New ticket').click();
    await shows(app, 'portal-ticket-form');
    expect(param('portal')).to.equal('new');
    await back();
    await app.updateComplete;
    expect(param('portal')).to.equal('tickets');
    expect(heading(app)).to.equal('My tickets');
    await shows(app, 'portal-ticket-list');
  });

  it('lands on the view a deep link names, the thread of its ticket included', async () => {
    const { app } = await mount('?portal=ticket&ticket=tkt_1001');
    expect(heading(app)).to.equal('Ticket');
    const thread = await shows(app, 'portal-thread');
    expect(thread.getAttribute('ticket-id')).to.equal('tkt_1001');
    expect(navLink(app, 'My tickets').getAttribute('aria-current')).to.equal('page');
    await expect(app).to.be.accessible();
  });

  it('opens a ticket chosen in the list inside the app, and its link still opens in a new tab', async () => {
    const { app } = await mount('?portal=tickets');
    const list = await shows(app, 'portal-ticket-list');
    await waitUntil(() => list.shadowRoot?.querySelector('a[href*="ticket="]'), `no ticket links: ${text(list)}`);
    const link = list.shadowRoot?.querySelector<HTMLAnchorElement>('a[href*="ticket="]') as HTMLAnchorElement;
    const id = new URL(link.href).searchParams.get('ticket') ?? '';
    expect(new URL(link.href).searchParams.get('portal')).to.equal('ticket');
    link.click();
    const thread = await shows(app, 'portal-thread');
    expect(param('portal')).to.equal('ticket');
    expect(param('ticket')).to.equal(id);
    expect(thread.getAttribute('ticket-id')).to.equal(id);
  });

  it('turns "ask support" after a search with no answer into a new ticket with that subject', async () => {
    const { app } = await mount('');
    const search = await shows(app, 'portal-kb-search');
    const event = Object.assign(new Event('portal-create-ticket', { bubbles: true, composed: true, cancelable: true }), { query: 'export csv broken' });
    search.dispatchEvent(event);
    expect(event.defaultPrevented).to.equal(true);
    const form = await shows(app, 'portal-ticket-form');
    expect(param('portal')).to.equal('new');
    expect(JSON.stringify((form as HTMLElement & { values: unknown }).values)).to.equal(JSON.stringify({ subject: 'export csv broken' }));
  });

  it('sends a signed-out visitor to sign in and back to where they were', async () => {
    const { app, provider } = await mount('?portal=tickets', null);
    expect(navLink(app, 'My tickets').textContent?.trim()).to.equal('My tickets');
    expect([...root(app).querySelectorAll('a[part="nav-link"]')].some((a) => a.textContent?.trim() === 'Team')).to.equal(false);
    const list = await shows(app, 'portal-ticket-list');
    await waitUntil(() => list.shadowRoot?.querySelector('a[href*="sign-in"]'), `no sign-in link: ${text(list)}`);
    const signIn = list.shadowRoot?.querySelector<HTMLAnchorElement>('a[href*="sign-in"]') as HTMLAnchorElement;
    expect(new URL(signIn.href).searchParams.get('return')).to.equal('tickets');
    signIn.click();
    await shows(app, 'portal-login');
    expect(param('portal')).to.equal('sign-in');
    await provider.services.session.signIn(backend.signIn(admin.email));
    // The login in the view fires portal-signed-in when someone signs in through it; a sign-in
    // elsewhere (here, the test) is told by the same event.
    view(app, 'portal-login')?.dispatchEvent(new Event('portal-signed-in', { bubbles: true, composed: true }));
    await waitUntil(() => param('portal') === 'tickets', `still at ${location.search}`);
    await shows(app, 'portal-ticket-list');
    await waitUntil(() => [...root(app).querySelectorAll('a[part="nav-link"]')].some((a) => a.textContent?.trim() === 'Team'), 'no Team link for a signed-in admin');
  });

  it('keeps links with a modifier key or to other pages to the browser', async () => {
    const { app } = await mount('');
    let leftToBrowser = false;
    // Last in the event path: records whether the app took the click, then stops the navigation.
    const spy = (event: Event): void => {
      leftToBrowser = !event.defaultPrevented;
      event.preventDefault();
    };
    addEventListener('click', spy);
    try {
      navLink(app, 'My tickets').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
      expect(leftToBrowser).to.equal(true);
      expect(param('portal')).to.equal('');
      leftToBrowser = false;
      navLink(app, 'My tickets').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
      expect(leftToBrowser).to.equal(false);
      expect(param('portal')).to.equal('tickets');
    } finally {
      removeEventListener('click', spy);
    }
  });
});
