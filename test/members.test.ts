import { expect, fixture, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { MemberPage } from '../src/api/types.js';
import '../src/elements/members/define.js';
import type { PortalMemberInvitedEvent, PortalMemberUpdatedEvent } from '../src/elements/members/events.js';
import type { PortalMembers } from '../src/elements/members/members.js';
import { parseAddresses } from '../src/elements/members/members.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import { createMockBackend, HOSTILE_STRINGS, SEED_USERS, startMockWorker } from '../src/mocks/index.js';

/**
 * `waitUntil` with a 5 s default: with three engines running at once on two cores, a mock round
 * trip can take longer than @open-wc's 1 s default. Tests still fail if the state never comes.
 */
function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

const backend = createMockBackend();
let worker: SetupWorker;
const { admin, customer } = SEED_USERS;

// ----- helpers (strings, numbers and booleans only reach chai: DOM values crash the test page) -----

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T | null => root(el).querySelector<T>(selector);
const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null => $<T>(el, `[part~="${name}"]`);
const text = (el: Element | null | undefined): string => (el instanceof Element ? ((el.shadowRoot ?? el).textContent ?? '') : '').replace(/\s+/g, ' ').trim();
const must = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T => {
  const found = $<T>(el, selector) ?? part<T>(el, selector);
  if (!found) throw new Error(`no ${selector}; shadow text: ${text(el)}`);
  return found;
};
const live = (el: Element): string => $(el, '[role="status"]')?.textContent?.trim() ?? '';
const focused = (el: Element): HTMLElement | null => root(el).activeElement as HTMLElement | null;
const focusedKey = (el: Element): string => focused(el)?.dataset['focus'] ?? focused(el)?.getAttribute('part') ?? '';
const row = (el: Element, id: string): HTMLElement | null => $(el, `tr[data-id="${id}"]`);
/** A row's text as a person reads it: a select counts as its chosen option. */
const rowText = (el: Element, id: string): string => {
  const copy = row(el, id)?.cloneNode(true) as HTMLElement | undefined;
  for (const select of copy?.querySelectorAll('select') ?? []) select.replaceWith(select.selectedOptions[0]?.textContent ?? '');
  return text(copy);
};
const names = (el: Element): string[] => [...root(el).querySelectorAll('tbody th .name')].map((n) => n.textContent ?? '');
const alertText = (el: Element): string => text(part(el, 'alert'));

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

function requests(method: string, path: string | RegExp): { path: string; status: number }[] {
  return backend.requestLog.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
}

/** Holds requests to `path` (below /api) until released; the mock backend answers them then. */
function hold(method: 'patch' | 'post', path: string): { release: () => void; count: () => number } {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let count = 0;
  worker.use(
    http[method](`/api${path}`, async () => {
      count++;
      await gate;
    }),
  );
  return { release: () => release(), count: () => count };
}

interface Page {
  provider: PortalProvider;
  members: PortalMembers;
}

async function mount(who: string | null = admin.email, attrs = html`<portal-members page-size="25"></portal-members>`): Promise<Page> {
  const provider = await fixture<PortalProvider>(html`<portal-provider>${attrs}</portal-provider>`);
  const members = provider.querySelector('portal-members') as PortalMembers;
  if (who) await provider.services.session.signIn(backend.signIn(who));
  return { provider, members };
}

async function listed(members: PortalMembers): Promise<void> {
  await waitUntil(() => part(members, 'table') && $(members, 'table')?.getAttribute('aria-busy') === 'false', `the list never appeared: ${text(members)}`);
  await members.updateComplete;
}

/** Opens the dialog for `id` from its status button; resolves once it is open. */
async function openDialog(members: PortalMembers, id: string): Promise<HTMLDialogElement> {
  must(members, `[data-focus="status-${id}"]`).click();
  const dialog = must<HTMLDialogElement>(members, 'dialog');
  await waitUntil(() => dialog.open, 'the dialog never opened');
  return dialog;
}

describe('<portal-members>', () => {
  before(async () => {
    worker = await startMockWorker(backend, { quiet: true });
  });
  after(() => worker.stop());
  beforeEach(() => {
    backend.reset();
    backend.clearRequestLog();
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => {
    worker.resetHandlers();
    backend.clearFaults();
    sessionStorage.clear();
  });

  describe('visibility', () => {
    it('points to sign-in when signed out, and asks for nothing', async () => {
      const { members } = await mount(null, html`<portal-members sign-in-href="/sign-in.html"></portal-members>`);
      await members.updateComplete;
      expect(text(part(members, 'notice'))).to.equal('Sign in to see your team. Sign in');
      expect(must<HTMLAnchorElement>(members, 'sign-in-link').getAttribute('href')).to.equal('/sign-in.html');
      expect(requests('GET', '/members').length).to.equal(0);
      await expect(members).to.be.accessible();
    });

    it('shows the admin the team with names, emails, roles, statuses and dates, as text', async () => {
      const { members } = await mount();
      await listed(members);
      expect(names(members).length).to.equal(11);
      expect(rowText(members, 'usr_priya')).to.match(/^Priya Raman priya\.raman@northwind-labs\.example Member Active \w{3} \d+, \d{4} yesterday Deactivate Priya Raman$/);
      expect(rowText(members, 'usr_tomas')).to.contain('Invited Sent 2 days ago');
      expect(rowText(members, 'usr_sam')).to.contain('Deactivated');
      expect(rowText(members, 'usr_sam')).to.contain('Reactivate Sam Okafor');
      expect(rowText(members, 'usr_olu')).to.contain('Never');
      // Hostile names are text, never markup.
      expect(names(members)).to.include(HOSTILE_STRINGS.img);
      expect(root(members).querySelectorAll('img').length).to.equal(0);
      expect(must<HTMLSelectElement>(members, '[data-focus="role-usr_lena"]').value).to.equal('customer_admin');
      expect(must(members, '[data-focus="role-usr_lena"]').getAttribute('aria-label')).to.equal('Role of Lena Hoffmann');
      expect(!!part(members, 'invite-button') && !!part(members, 'export-button')).to.equal(true);
      await expect(members).to.be.accessible();
    });

    it('never offers the admin a way to demote or deactivate themselves', async () => {
      const { members } = await mount();
      await listed(members);
      const self = row(members, admin.id);
      expect(text(self)).to.contain('You');
      expect(self?.querySelectorAll('select, button').length).to.equal(0);
      expect(text(self)).to.contain('Admin');
    });

    it('asks a customer to ask their admin when the server does not show them the team', async () => {
      const { members } = await mount(customer.email);
      await waitUntil(() => part(members, 'notice'), `no notice: ${text(members)}`);
      expect(text(part(members, 'notice'))).to.equal(
        'Only your team’s admins can see and manage who has access. Ask an admin at Northwind Labs to invite a colleague or change a role.',
      );
      expect(!!part(members, 'toolbar') || !!part(members, 'alert') || !!part(members, 'table')).to.equal(false);
      await expect(members).to.be.accessible();
    });

    it('shows a customer a read-only team when the server allows it', async () => {
      const page: MemberPage = {
        items: [
          { id: 'usr_priya', email: customer.email, name: customer.name, role: 'customer', status: 'active', invitedAt: null, lastSeenAt: null },
          { id: 'usr_dana', email: admin.email, name: admin.name, role: 'customer_admin', status: 'active', invitedAt: null, lastSeenAt: null },
        ],
        nextCursor: null,
      };
      worker.use(http.get('/api/members', () => HttpResponse.json(page)));
      const { members } = await mount(customer.email);
      await listed(members);
      expect(names(members)).to.deep.equal([customer.name, admin.name]);
      expect(root(members).querySelectorAll('tbody select, tbody button').length).to.equal(0);
      expect(!!part(members, 'invite-button') || !!part(members, 'export-button') || !!$(members, 'dialog')).to.equal(false);
      expect(text(members)).to.contain('Not recorded');
      await expect(members).to.be.accessible();
    });

    it('shows the signed-out state when the session has expired before the list loads', async () => {
      const { provider, members } = await mount();
      await listed(members);
      backend.expireSessions();
      choose(must<HTMLSelectElement>(members, 'select[name="status"]'), 'active');
      await waitUntil(() => text(part(members, 'notice')).startsWith('Your session has ended'), `not expired: ${text(members)}`);
      expect(provider.services.session.value.status).to.equal('expired');
      expect(!!part(members, 'alert')).to.equal(false);
      await expect(members).to.be.accessible();
    });

    it('follows sign-in and sign-out on the page', async () => {
      const { provider, members } = await mount(customer.email);
      await waitUntil(() => part(members, 'notice'));
      await provider.services.session.signIn(backend.signIn(admin.email));
      await listed(members);
      await provider.services.session.signOut();
      await waitUntil(() => text(part(members, 'notice')) === 'Sign in to see your team.');
    });
  });

  describe('list', () => {
    it('searches after a pause, filters by role and status, and clears the filters', async () => {
      const { members } = await mount();
      await listed(members);
      type(must<HTMLInputElement>(members, 'search'), 'PRIYA');
      expect(requests('GET', '/members').length).to.equal(1);
      await waitUntil(() => requests('GET', '/members').length === 2, 'no search request');
      await listed(members);
      expect(names(members)).to.deep.equal(['Priya Raman']);
      await waitUntil(() => live(members) === '1 member shown.', `count not announced: ${live(members)}`);

      type(must<HTMLInputElement>(members, 'search'), '');
      choose(must<HTMLSelectElement>(members, 'select[name="status"]'), 'invited');
      await waitUntil(() => names(members).length === 3, `not filtered: ${names(members).join()}`);
      choose(must<HTMLSelectElement>(members, 'select[name="role"]'), 'customer_admin');
      await waitUntil(() => names(members).join() === 'Grace Liu', `not filtered by role: ${names(members).join()}`);

      type(must<HTMLInputElement>(members, 'search'), 'nobody at all');
      must<HTMLFormElement>(members, 'form[role="search"]').requestSubmit();
      await waitUntil(() => text(part(members, 'notice')).startsWith('No one matches these filters.'));
      await expect(members).to.be.accessible();
      [...root(members).querySelectorAll<HTMLButtonElement>('.empty button')][0]?.click();
      await listed(members);
      expect(names(members).length).to.equal(11);
      expect(focusedKey(members)).to.equal('search');
      expect(must<HTMLSelectElement>(members, 'select[name="role"]').value).to.equal('');
    });

    it('pages with "Show more" and moves focus to the first new member', async () => {
      const { members } = await mount(admin.email, html`<portal-members page-size="4"></portal-members>`);
      await listed(members);
      expect(names(members).length).to.equal(4);
      must(members, 'more').click();
      await waitUntil(() => names(members).length === 8);
      await members.updateComplete;
      expect(focusedKey(members)).to.equal(`name-${[...root(members).querySelectorAll('tbody tr')][4]?.getAttribute('data-id')}`);
      must(members, 'more').click();
      await waitUntil(() => names(members).length === 11);
      expect(!!part(members, 'more')).to.equal(false);
      expect(new Set(names(members)).size).to.equal(11);
    });

    it('retries a list that failed on the server or the network', async () => {
      backend.injectFault({ match: 'GET /members', status: 500 });
      const { members } = await mount();
      await waitUntil(() => part(members, 'alert'), `no alert: ${text(members)}`, { timeout: 10000 });
      expect(alertText(members)).to.equal('The team could not be loaded. Something went wrong on our side. Try again in a moment. Try again');
      await expect(members).to.be.accessible();
      backend.clearFaults();
      backend.injectFault({ match: 'GET /members', network: true });
      must(members, 'retry').click();
      await waitUntil(() => alertText(members).includes('Can’t reach'), `no network message: ${text(members)}`, { timeout: 10000 });
      backend.clearFaults();
      must(members, 'retry').click();
      await listed(members);
    });

    it('says so when "Show more" fails, and tries again', async () => {
      const { members } = await mount(admin.email, html`<portal-members page-size="4"></portal-members>`);
      await listed(members);
      backend.injectFault({ match: 'GET /members', status: 429, retryAfter: 30, times: 1 });
      must(members, 'more').click();
      await waitUntil(() => part(members, 'alert'));
      expect(alertText(members)).to.contain('Try again in 30 seconds.');
      must(members, 'retry').click();
      await waitUntil(() => names(members).length === 8);
    });
  });

  describe('invitations', () => {
    it('invites a pasted list and reports each address: invalid, repeated, already a member, sent', async () => {
      const { members } = await mount();
      await listed(members);
      must(members, 'invite-button').click();
      await members.updateComplete;
      expect(must(members, 'invite-button').getAttribute('aria-expanded')).to.equal('true');
      expect(focusedKey(members)).to.equal('emails');
      type(
        must<HTMLTextAreaElement>(members, 'invite-input'),
        `new.one@northwind-labs.example, not-an-email; ${customer.email.toUpperCase()}\n"Ada Lovelace" <ada@northwind-labs.example>  NEW.ONE@northwind-labs.example`,
      );
      choose(must<HTMLSelectElement>(members, 'invite-role'), 'customer_admin');
      const invited: string[] = [];
      members.addEventListener('portal-member-invited', (e: PortalMemberInvitedEvent) => invited.push(`${e.member.email}:${e.member.role}:${e.resent}`));
      must(members, 'invite-submit').click();
      await waitUntil(() => !part(members, 'invite-results')?.hidden, 'no results');
      expect([...root(members).querySelectorAll('.results li')].map((li) => `${li.getAttribute('data-outcome')}|${text(li)}`)).to.deep.equal([
        'invalid|not-an-email Not a valid email address',
        'duplicate|NEW.ONE@northwind-labs.example Listed more than once; invited once',
        'sent|new.one@northwind-labs.example Invitation sent',
        `member|${customer.email.toUpperCase()} Already a member`,
        'sent|ada@northwind-labs.example Invitation sent',
      ]);
      expect(invited).to.deep.equal(['new.one@northwind-labs.example:customer_admin:false', 'ada@northwind-labs.example:customer_admin:false']);
      // Only what still needs fixing stays in the box; the sent ones are in the list at once.
      expect(must<HTMLTextAreaElement>(members, 'invite-input').value).to.equal('not-an-email');
      expect(text(part(members, 'field-error'))).to.equal('The addresses left in the box were not invited. Fix them and send again.');
      expect(focusedKey(members)).to.equal('emails');
      await waitUntil(() => live(members) === '2 invitations sent. 1 address needs attention.', `announced: ${live(members)}`);
      expect(names(members)).to.include('Ada Lovelace');
      const ada = [...root(members).querySelectorAll('tbody tr')].find((tr) => text(tr).includes('ada@'));
      expect(text(ada)).to.contain('Admin');
      expect(text(ada)).to.contain('Invited Sent just now');
      expect(requests('POST', '/members/invitations').length).to.equal(3);
      await expect(members).to.be.accessible();
    });

    it('asks for an address before sending anything', async () => {
      const { members } = await mount();
      await listed(members);
      must(members, 'invite-button').click();
      await members.updateComplete;
      must(members, 'invite-submit').click();
      await members.updateComplete;
      expect(text(part(members, 'field-error'))).to.equal('Enter at least one email address.');
      expect(must(members, 'invite-input').getAttribute('aria-invalid')).to.equal('true');
      expect(requests('POST', '/members/invitations').length).to.equal(0);
      await expect(members).to.be.accessible();
      // Cancel hides the form and gives focus back to the button that opened it.
      must(members, '.invite .buttons button[type="button"]').click();
      await members.updateComplete;
      expect(part(members, 'invite-form')?.hidden).to.equal(true);
      expect(focusedKey(members)).to.equal('invite-button');
      expect(must(members, 'invite-button').getAttribute('aria-expanded')).to.equal('false');
    });

    it('keeps an address the server refused (5xx, network) and sends it again under the same idempotency key', async () => {
      backend.injectFault({ match: 'POST /members/invitations', status: 500, times: 1 });
      const { provider, members } = await mount();
      const client = provider.services.client;
      const invite = client.inviteMember.bind(client);
      const keys: string[] = [];
      client.inviteMember = (body, options) => {
        keys.push(options?.idempotencyKey ?? '');
        return invite(body, options);
      };
      await listed(members);
      must(members, 'invite-button').click();
      type(must<HTMLTextAreaElement>(members, 'invite-input'), 'kim@northwind-labs.example');
      must(members, 'invite-submit').click();
      await waitUntil(() => !part(members, 'invite-results')?.hidden);
      expect(text(part(members, 'invite-results'))).to.contain('kim@northwind-labs.example Something went wrong on our side.');
      // The row shown at once was taken out again.
      expect(names(members).includes('kim@northwind-labs.example')).to.equal(false);
      expect(must<HTMLTextAreaElement>(members, 'invite-input').value).to.equal('kim@northwind-labs.example');

      // The client retries an idempotent create twice on its own after a dropped connection.
      backend.injectFault({ match: 'POST /members/invitations', network: true, times: 3 });
      must(members, 'invite-submit').click();
      await waitUntil(() => text(part(members, 'invite-results')).includes('Can’t reach'), `results: ${text(part(members, 'invite-results'))}`);
      must(members, 'invite-submit').click();
      await waitUntil(() => text(part(members, 'invite-results')).includes('Invitation sent'));
      expect(keys.length).to.equal(3);
      expect(new Set(keys).size).to.equal(1);
      expect(must<HTMLTextAreaElement>(members, 'invite-input').value).to.equal('');
      expect(focusedKey(members)).to.equal('results');
      expect(names(members)).to.include('kim');
    });

    it('marks an address the server calls invalid (422), and stops at a 403 or 429 keeping the rest', async () => {
      worker.use(
        http.post('/api/members/invitations', async ({ request }) => {
          const body = (await request.clone().json()) as { email: string };
          if (body.email.startsWith('odd')) {
            return HttpResponse.json(
              { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: 'email', message: 'No.' }] },
              { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
            );
          }
          return undefined;
        }),
      );
      const { members } = await mount();
      await listed(members);
      must(members, 'invite-button').click();
      type(must<HTMLTextAreaElement>(members, 'invite-input'), 'odd@northwind-labs.example a1@northwind-labs.example a2@northwind-labs.example');
      backend.injectFault({ match: 'POST /members/invitations', status: 429, retryAfter: 20, times: 1 });
      must(members, 'invite-submit').click();
      await waitUntil(() => !part(members, 'invite-results')?.hidden);
      expect([...root(members).querySelectorAll('.results li')].map((li) => text(li))).to.deep.equal([
        'odd@northwind-labs.example Not a valid email address',
        'a1@northwind-labs.example Too many requests. Try again in 20 seconds.',
        'a2@northwind-labs.example Not sent',
      ]);
      expect(must<HTMLTextAreaElement>(members, 'invite-input').value).to.equal(
        'odd@northwind-labs.example\na1@northwind-labs.example\na2@northwind-labs.example',
      );
      backend.injectFault({ match: 'POST /members/invitations', status: 403, times: 1 });
      type(must<HTMLTextAreaElement>(members, 'invite-input'), 'a1@northwind-labs.example a2@northwind-labs.example');
      must(members, 'invite-submit').click();
      await waitUntil(() => text(part(members, 'invite-results')).includes('You don’t have access'));
      // The 422s came from the override above, which the backend never logs.
      expect(requests('POST', '/members/invitations').length).to.equal(2);
    });

    it('keeps the addresses typed across a reload and an expired session', async () => {
      const first = await mount();
      await listed(first.members);
      must(first.members, 'invite-button').click();
      type(must<HTMLTextAreaElement>(first.members, 'invite-input'), 'later@northwind-labs.example');
      first.provider.remove();
      const second = await mount();
      await listed(second.members);
      expect(part(second.members, 'invite-form')?.hidden).to.equal(false);
      expect(must<HTMLTextAreaElement>(second.members, 'invite-input').value).to.equal('later@northwind-labs.example');

      backend.expireSessions();
      must(second.members, 'invite-submit').click();
      await waitUntil(() => text(part(second.members, 'notice')).startsWith('Your session has ended'), `not expired: ${text(second.members)}`);
      await expect(second.members).to.be.accessible();
      await second.provider.services.session.signIn(backend.signIn(admin.email));
      await listed(second.members);
      expect(must<HTMLTextAreaElement>(second.members, 'invite-input').value).to.equal('later@northwind-labs.example');
      expect(text(part(second.members, 'invite-results'))).to.equal('later@northwind-labs.example Not sent');
      expect(!!part(second.members, 'alert')).to.equal(false);
      expect(requests('POST', '/members/invitations').filter((r) => r.status === 201).length).to.equal(0);
    });

    it('resends a pending invitation, shows when it went, and undoes the date when refused', async () => {
      const { members } = await mount();
      await listed(members);
      const event = oneEvent(members, 'portal-member-invited') as Promise<PortalMemberInvitedEvent>;
      must(members, '[data-focus="resend-usr_tomas"]').click();
      await members.updateComplete;
      expect(rowText(members, 'usr_tomas')).to.contain('Sent just now');
      const sent = await event;
      expect(`${sent.member.id}:${sent.resent}`).to.equal('usr_tomas:true');
      await waitUntil(() => live(members) === 'Invitation sent again to tomas.alvarez@northwind-labs.example.');

      backend.injectFault({ match: 'POST /members/:id/reinvite', status: 500, times: 1 });
      must(members, '[data-focus="resend-usr_grace"]').click();
      await members.updateComplete;
      expect(rowText(members, 'usr_grace')).to.contain('Sent just now');
      await waitUntil(() => part(members, 'alert'));
      expect(rowText(members, 'usr_grace')).to.contain('Sent 2 weeks ago');
      expect(alertText(members)).to.equal('Couldn’t update Grace Liu. Something went wrong on our side. Try again in a moment. Try again');
      must(members, 'retry').click();
      await waitUntil(() => live(members) === 'Invitation sent again to grace.liu@northwind-labs.example.');
      expect(!!part(members, 'alert')).to.equal(false);
    });
    it('refreshes the list when the invitation was accepted meanwhile (409)', async () => {
      const { members } = await mount();
      await listed(members);
      // Tomás accepts the invitation in another tab: the list here still says "Invited".
      backend.signIn('tomas.alvarez@northwind-labs.example');
      must(members, '[data-focus="resend-usr_tomas"]').click();
      await waitUntil(() => part(members, 'alert'));
      expect(alertText(members)).to.equal('Couldn’t update Tomás Álvarez. Someone changed this member meanwhile. The list has been refreshed.');
      await waitUntil(() => rowText(members, 'usr_tomas').includes('Active'), `not refreshed: ${rowText(members, 'usr_tomas')}`);
      expect(!!$(members, '[data-focus="resend-usr_tomas"]')).to.equal(false);
    });
  });

  describe('changes', () => {
    it('changes a role at once and fires portal-member-updated', async () => {
      const { members } = await mount();
      await listed(members);
      const event = oneEvent(members, 'portal-member-updated') as Promise<PortalMemberUpdatedEvent>;
      choose(must<HTMLSelectElement>(members, '[data-focus="role-usr_priya"]'), 'customer_admin');
      await members.updateComplete;
      expect(row(members, 'usr_priya')?.getAttribute('aria-busy')).to.equal('true');
      const updated = await event;
      expect(`${updated.previous.role}->${updated.member.role}`).to.equal('customer->customer_admin');
      await waitUntil(() => live(members) === 'Priya Raman is now Admin.');
      expect(row(members, 'usr_priya')?.getAttribute('aria-busy')).to.equal('false');
      expect(backend.findUser(customer.email)?.role).to.equal('customer_admin');
    });

    for (const [status, words] of [
      [500, 'Something went wrong on our side.'],
      [403, 'You don’t have access to this.'],
      [422, 'The server didn’t accept this change.'],
      [409, 'Someone changed this member meanwhile.'],
    ] as const) {
      it(`rolls a role change back when the server answers ${status}`, async () => {
        const { members } = await mount();
        await listed(members);
        backend.injectFault({ match: 'PATCH /members/:id', status, times: 1 });
        const select = must<HTMLSelectElement>(members, '[data-focus="role-usr_marcus"]');
        select.focus();
        choose(select, 'customer_admin');
        await waitUntil(() => part(members, 'alert'), 'no alert');
        await members.updateComplete;
        expect(must<HTMLSelectElement>(members, '[data-focus="role-usr_marcus"]').value).to.equal('customer');
        expect(alertText(members)).to.contain(`Couldn’t update Marcus Oyelaran. ${words}`);
        expect(alertText(members).endsWith('Try again')).to.equal(status === 500);
        await waitUntil(() => live(members).startsWith('Couldn’t update Marcus Oyelaran.'));
        expect(focusedKey(members)).to.equal('role-usr_marcus');
        expect(backend.findUser('marcus.oyelaran@northwind-labs.example')?.role).to.equal('customer');
        await expect(members).to.be.accessible();
      });
    }

    it('sends quick role changes one after another, and the last one wins', async () => {
      const { members } = await mount();
      await listed(members);
      const held = hold('patch', '/members/usr_marcus');
      const select = must<HTMLSelectElement>(members, '[data-focus="role-usr_marcus"]');
      choose(select, 'customer_admin');
      choose(must<HTMLSelectElement>(members, '[data-focus="role-usr_marcus"]'), 'customer');
      await waitUntil(() => held.count() === 1);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(held.count()).to.equal(1);
      // The second change waits for the first answer, and the row shows the last choice.
      expect(must<HTMLSelectElement>(members, '[data-focus="role-usr_marcus"]').value).to.equal('customer');
      held.release();
      await waitUntil(() => held.count() === 2 && row(members, 'usr_marcus')?.getAttribute('aria-busy') === 'false');
      expect(must<HTMLSelectElement>(members, '[data-focus="role-usr_marcus"]').value).to.equal('customer');
      expect(backend.findUser('marcus.oyelaran@northwind-labs.example')?.role).to.equal('customer');
    });

    it('explains the server refusing a change to oneself, and a pending invitation', async () => {
      const { members } = await mount();
      await listed(members);
      backend.injectFault({ match: 'PATCH /members/:id', status: 409, code: 'self_change', times: 1 });
      choose(must<HTMLSelectElement>(members, '[data-focus="role-usr_yuki"]'), 'customer_admin');
      await waitUntil(() => alertText(members).includes('You can’t change your own role or deactivate yourself.'));
      backend.injectFault({ match: 'PATCH /members/:id', status: 409, code: 'invitation_pending', times: 1 });
      choose(must<HTMLSelectElement>(members, '[data-focus="role-usr_tomas"]'), 'customer_admin');
      await waitUntil(() => alertText(members).includes('Tomás Álvarez hasn’t accepted the invitation yet.'));
    });

    it('deactivates after confirming in a modal dialog, and focus comes back to the row', async () => {
      const { members } = await mount();
      await listed(members);
      const button = must(members, '[data-focus="status-usr_priya"]');
      button.focus();
      const dialog = await openDialog(members, 'usr_priya');
      expect(text(dialog)).to.equal(
        'Deactivate Priya Raman? Priya Raman is signed out at once and can’t sign in to support until an admin reactivates them. Their tickets stay. Cancel Deactivate',
      );
      expect(dialog.matches(':modal')).to.equal(true);
      expect(dialog.contains(focused(members))).to.equal(true);
      await expect(members).to.be.accessible();
      const event = oneEvent(members, 'portal-member-updated') as Promise<PortalMemberUpdatedEvent>;
      const held = hold('patch', '/members/usr_priya');
      must(members, 'confirm').click();
      // The list shows the change before the server answers.
      await waitUntil(() => held.count() === 1, 'no PATCH');
      await members.updateComplete;
      expect(rowText(members, 'usr_priya')).to.contain('Deactivated');
      expect(row(members, 'usr_priya')?.getAttribute('aria-busy')).to.equal('true');
      await waitUntil(() => focusedKey(members) === 'status-usr_priya', `focus on ${focusedKey(members)}`);
      held.release();
      expect(text(focused(members))).to.equal('Reactivate Priya Raman');
      expect((await event).member.status).to.equal('deactivated');
      await waitUntil(() => live(members) === 'Priya Raman was deactivated.');
      expect(backend.findUser(customer.email)?.status).to.equal('deactivated');

      // Reactivating asks too.
      const again = await openDialog(members, 'usr_priya');
      expect(text(again)).to.contain('Reactivate Priya Raman? Priya Raman can sign in to support again with priya.raman@northwind-labs.example.');
      must(members, 'confirm').click();
      await waitUntil(() => live(members) === 'Priya Raman was reactivated.');
      expect(backend.findUser(customer.email)?.status).to.equal('active');
    });

    it('changes nothing when the dialog is cancelled or closed with Escape, and returns focus', async () => {
      const { members } = await mount();
      await listed(members);
      must(members, '[data-focus="status-usr_lena"]').focus();
      let dialog = await openDialog(members, 'usr_lena');
      must(members, 'cancel').click();
      await waitUntil(() => !dialog.open && focusedKey(members) === 'status-usr_lena', `focus on ${focusedKey(members)}`);
      dialog = await openDialog(members, 'usr_lena');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.open && focusedKey(members) === 'status-usr_lena', `focus on ${focusedKey(members)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(rowText(members, 'usr_lena')).to.contain('Active');
      expect(requests('PATCH', /^\/members\//).length).to.equal(0);
    });

    it('rolls a deactivation back when the server refuses it or the network is down', async () => {
      const { members } = await mount();
      await listed(members);
      backend.injectFault({ match: 'PATCH /members/:id', network: true, times: 1 });
      await openDialog(members, 'usr_yuki');
      must(members, 'confirm').click();
      await waitUntil(() => part(members, 'alert'));
      expect(rowText(members, 'usr_yuki')).to.contain('Active');
      expect(text(focused(members))).to.equal('Deactivate Yuki Tanaka');
      expect(alertText(members)).to.contain('Can’t reach the support server.');
      must(members, 'retry').click();
      await waitUntil(() => live(members) === 'Yuki Tanaka was deactivated.');
      expect(rowText(members, 'usr_yuki')).to.contain('Deactivated');
    });

    it('shows the signed-out state, not an error, when the session expires during a change', async () => {
      const { members } = await mount();
      await listed(members);
      backend.expireSessions();
      choose(must<HTMLSelectElement>(members, '[data-focus="role-usr_priya"]'), 'customer_admin');
      await waitUntil(() => text(part(members, 'notice')).startsWith('Your session has ended'));
      expect(!!part(members, 'alert')).to.equal(false);
      expect(backend.findUser(customer.email)?.role).to.equal('customer');
    });
  });

  describe('export', () => {
    it('downloads the members as a dated CSV file', async () => {
      const { members } = await mount();
      await listed(members);
      const clicks: { download: string; href: string }[] = [];
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicks.push({ download: this.download, href: this.href });
      };
      try {
        must(members, 'export-button').click();
        await waitUntil(() => clicks.length === 1, 'no download');
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      const d = new Date();
      const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      expect(clicks[0]?.download).to.equal(`members-${date}.csv`);
      expect(clicks[0]?.href.startsWith('blob:')).to.equal(true);
      const csv = await (await fetch(clicks[0]?.href ?? '')).text();
      expect(csv.split('\r\n')[0]).to.equal('name,email,role,status,invitedAt,lastSeenAt');
      expect(csv).to.contain(customer.email);
      await waitUntil(() => live(members) === `Downloading members-${date}.csv.`);
      expect(root(members).querySelectorAll('a').length).to.equal(0);
    });

    it('says why an export failed and tries again', async () => {
      const { members } = await mount();
      await listed(members);
      backend.injectFault({ match: 'GET /members/export', status: 403, times: 1 });
      must(members, 'export-button').click();
      await waitUntil(() => part(members, 'alert'));
      expect(alertText(members)).to.equal('The export failed. You don’t have access to this. Ask your team’s admin if you need it. Try again');
      await expect(members).to.be.accessible();
      // A server error outlasting the client's own retries of the GET.
      backend.injectFault({ match: 'GET /members/export', status: 500, times: 3 });
      must(members, 'retry').click();
      await waitUntil(() => alertText(members).startsWith('The export failed. Something went wrong on our side.'), `alert: ${alertText(members)}`);
      expect(must(members, 'export-button').hasAttribute('disabled')).to.equal(false);
      const original = HTMLAnchorElement.prototype.click;
      let clicked = 0;
      HTMLAnchorElement.prototype.click = () => void clicked++;
      try {
        must(members, 'retry').click();
        await waitUntil(() => clicked === 1);
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      expect(!!part(members, 'alert')).to.equal(false);
    });
  });

  it('works by keyboard alone: invite, then deactivate through the dialog', async () => {
    const { members } = await mount();
    await listed(members);
    must(members, 'search').focus();
    // search → role filter → status filter → Invite people
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focusedKey(members)).to.equal('invite-button');
    await sendKeys({ press: 'Enter' });
    await members.updateComplete;
    expect(focusedKey(members)).to.equal('emails');
    await sendKeys({ type: 'kb@northwind-labs.example' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focusedKey(members)).to.equal('invite-submit');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(part(members, 'invite-results')).includes('Invitation sent'));
    await members.updateComplete;
    expect(focusedKey(members)).to.equal('results');

    must(members, '[data-focus="role-usr_yuki"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedKey(members)).to.equal('status-usr_yuki');
    await sendKeys({ press: 'Enter' });
    const dialog = must<HTMLDialogElement>(members, 'dialog');
    await waitUntil(() => dialog.open);
    await sendKeys({ press: 'Tab' });
    expect(focused(members)?.getAttribute('part')).to.equal('confirm');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog.open && live(members) === 'Yuki Tanaka was deactivated.');
    expect(focusedKey(members)).to.equal('status-usr_yuki');
  });

  it('reads addresses from mail-program lists', () => {
    expect(parseAddresses('"Jo Doe" <jo@x.example>; Bo <bo@x.example>,\n a@x.example b@x.example')).to.deep.equal([
      { email: 'jo@x.example', name: 'Jo Doe', raw: '"Jo Doe" <jo@x.example>' },
      { email: 'bo@x.example', name: 'Bo', raw: 'Bo <bo@x.example>' },
      { email: 'a@x.example', raw: 'a@x.example' },
      { email: 'b@x.example', raw: 'b@x.example' },
    ]);
  });
});
