// Behaviour of the mock backend (portal-elements/mocks): what element tests and the demo rely on.
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { Member, MessagePage, ProblemDocument, Session, Ticket, TicketPage } from '../src/api/types.js';
import {
  createIdentityToken,
  createManualClock,
  createMockBackend,
  DEMO_OTP_CODE,
  HOSTILE_STRINGS,
  LONG_THREAD_TICKET_ID,
  SEED_USERS,
  startMockWorker,
  type MockBackend,
} from '../src/mocks/index.js';

const clock = createManualClock('2025-06-02T09:00:00Z');
let backend: MockBackend;
let worker: SetupWorker;

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function api<T = unknown>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; credentials?: RequestCredentials; key?: string } = {},
): Promise<Answer<T>> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (options.key) headers.set('Idempotency-Key', options.key);
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: options.credentials ?? 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text) as T };
}

const key = () => crypto.randomUUID();
const problem = (answer: Answer<unknown>) => answer.body as ProblemDocument;

describe('mock backend', () => {
  let admin: string;
  let priya: string;
  let marcus: string;

  before(async () => {
    backend = createMockBackend({ now: clock.now });
    worker = await startMockWorker(backend, { quiet: true });
  });
  after(() => worker.stop());
  beforeEach(() => {
    clock.set('2025-06-02T09:00:00Z');
    backend.reset();
    backend.setLatency(0);
    admin = backend.signIn(SEED_USERS.admin.email).token;
    priya = backend.signIn(SEED_USERS.customer.email).token;
    marcus = backend.signIn(SEED_USERS.customer2.email).token;
  });

  describe('seed', () => {
    it('is identical on every load and covers every status, priority and member status', () => {
      const other = createMockBackend({ now: clock.now });
      expect(JSON.stringify(other.store.tickets)).to.equal(JSON.stringify(backend.store.tickets));
      expect(new Set(backend.store.tickets.map((t) => t.status)).size).to.equal(6);
      expect(new Set(backend.store.tickets.map((t) => t.priority)).size).to.equal(4);
      expect(new Set(backend.store.users.map((u) => u.status))).to.deep.equal(new Set(['active', 'invited', 'deactivated']));
      expect(backend.store.tickets.length).to.be.within(55, 65);
      expect(backend.store.articles.length).to.equal(30);
      expect(backend.store.messages.get(LONG_THREAD_TICKET_ID)!.length).to.equal(200);
      const old = backend.store.tickets.filter((t) => Date.parse(t.updatedAt) < clock.now().getTime() - 365 * 86_400_000);
      expect(old.length).to.be.greaterThan(3);
      expect(backend.store.tickets.some((t) => t.subject.includes(HOSTILE_STRINGS.img))).to.be.true;
    });

    it('serves seeded attachments at their url', async () => {
      const res = await fetch(backend.store.files.get('att_log')!.attachment.url);
      expect(res.status).to.equal(200);
      expect(res.headers.get('Content-Type')).to.equal('text/plain');
      expect(await res.text()).to.contain('relation "analytics.events_v2"');
    });
  });

  describe('one-time codes', () => {
    const email = SEED_USERS.customer.email;

    it('answers 202 the same way for known and unknown addresses, and never signs in an unknown one', async () => {
      const known = await api('POST', '/auth/otp/start', { body: { email } });
      const unknown = await api('POST', '/auth/otp/start', { body: { email: 'stranger@elsewhere.example' } });
      expect(known.status).to.equal(202);
      expect(unknown.status).to.equal(202);
      expect(unknown.body).to.deep.equal(known.body);
      expect(known.body).to.deep.equal({ resendAfterSeconds: 30, codeLength: 6 });
      const verify = await api('POST', '/auth/otp/verify', { body: { email: 'stranger@elsewhere.example', code: DEMO_OTP_CODE } });
      expect(verify.status).to.equal(422);
      expect(problem(verify).code).to.equal('otp_invalid');
    });

    it('rejects a wrong code with a field error and accepts the demo code', async () => {
      await api('POST', '/auth/otp/start', { body: { email } });
      const wrong = await api('POST', '/auth/otp/verify', { body: { email, code: '654321' } });
      expect(wrong.status).to.equal(422);
      expect(problem(wrong).code).to.equal('otp_invalid');
      expect(problem(wrong).errors?.[0]?.field).to.equal('code');
      const right = await api<Session>('POST', '/auth/otp/verify', { body: { email, code: DEMO_OTP_CODE } });
      expect(right.status).to.equal(200);
      expect(right.body.user.email).to.equal(email);
      expect((await api('GET', '/me', { token: right.body.token })).status).to.equal(200);
    });

    it('expires a code 10 minutes after it was requested', async () => {
      await api('POST', '/auth/otp/start', { body: { email } });
      clock.advance(10 * 60_000 + 1000);
      const late = await api('POST', '/auth/otp/verify', { body: { email, code: DEMO_OTP_CODE } });
      expect(late.status).to.equal(422);
      expect(problem(late).code).to.equal('otp_expired');
    });

    it('locks verification after 5 wrong codes, with Retry-After', async () => {
      await api('POST', '/auth/otp/start', { body: { email } });
      for (let i = 0; i < 5; i += 1) {
        expect((await api('POST', '/auth/otp/verify', { body: { email, code: '000000' } })).status).to.equal(422);
      }
      const locked = await api('POST', '/auth/otp/verify', { body: { email, code: DEMO_OTP_CODE } });
      expect(locked.status).to.equal(429);
      expect(problem(locked).code).to.equal('otp_too_many_attempts');
      expect(Number(locked.headers.get('Retry-After'))).to.be.greaterThan(0);
      clock.advance(6 * 60_000);
      await api('POST', '/auth/otp/start', { body: { email } });
      expect((await api('POST', '/auth/otp/verify', { body: { email, code: DEMO_OTP_CODE } })).status).to.equal(200);
    });

    it('signs up a new customer when self sign-up is on, and not when it is off', async () => {
      const newcomer = 'newcomer@northwind-labs.example';
      backend.setConfig({ selfSignup: false });
      await api('POST', '/auth/otp/start', { body: { email: newcomer, name: 'New Comer', signup: true } });
      expect((await api('POST', '/auth/otp/verify', { body: { email: newcomer, code: DEMO_OTP_CODE } })).status).to.equal(422);
      backend.setConfig({ selfSignup: true });
      await api('POST', '/auth/otp/start', { body: { email: newcomer, name: 'New Comer', signup: true } });
      const session = await api<Session>('POST', '/auth/otp/verify', { body: { email: newcomer, code: DEMO_OTP_CODE } });
      expect(session.status).to.equal(200);
      expect(session.body.user).to.include({ name: 'New Comer', role: 'customer' });
    });
  });

  describe('magic links, SSO and identity', () => {
    const email = SEED_USERS.customer.email;
    const redirectUrl = `${location.origin}/demo/tickets`;

    it('exchanges a magic-link code once; a used, expired or unknown code fails with its own code', async () => {
      expect((await api('POST', '/auth/magic-link/start', { body: { email, redirectUrl } })).status).to.equal(202);
      expect(backend.lastMagicLinkUrl(email)).to.match(/\/demo\/tickets#portal_code=code_/);
      const code = backend.lastMagicLinkCode(email)!;
      expect((await api('POST', '/auth/code/exchange', { body: { code } })).status).to.equal(200);
      const used = await api('POST', '/auth/code/exchange', { body: { code } });
      expect([used.status, problem(used).code]).to.deep.equal([422, 'code_used']);
      await api('POST', '/auth/magic-link/start', { body: { email, redirectUrl } });
      clock.advance(16 * 60_000);
      const expired = await api('POST', '/auth/code/exchange', { body: { code: backend.lastMagicLinkCode(email) } });
      expect([expired.status, problem(expired).code]).to.deep.equal([422, 'code_expired']);
      const unknown = await api('POST', '/auth/code/exchange', { body: { code: 'made-up' } });
      expect([unknown.status, problem(unknown).code]).to.deep.equal([422, 'code_invalid']);
    });

    it('sends no link to an unknown address but still answers 202', async () => {
      expect((await api('POST', '/auth/magic-link/start', { body: { email: 'nobody@else.example', redirectUrl } })).status).to.equal(202);
      expect(backend.lastMagicLinkCode('nobody@else.example')).to.equal(undefined);
    });

    it('redirects an SSO authorize URL back with a code that signs in', async () => {
      const providers = await api<{ id: string; authorizeUrl: string }[]>('GET', '/auth/providers');
      expect(providers.body.map((p) => p.id)).to.deep.equal(['google', 'microsoft']);
      const url = new URL(providers.body[0]!.authorizeUrl);
      url.searchParams.set('redirect_uri', redirectUrl);
      // Read the 302 through msw directly (fetch would follow it).
      const res = (await getResponse(backend.handlers, new Request(url)))!;
      expect(res.status).to.equal(302);
      const location = new URL(res.headers.get('Location')!);
      expect(`${location.origin}${location.pathname}`).to.equal(redirectUrl);
      const code = new URLSearchParams(location.hash.slice(1)).get('portal_code')!;
      const session = await api<Session>('POST', '/auth/code/exchange', { body: { code } });
      expect(session.body.user.email).to.equal(SEED_USERS.admin.email);
    });

    it('accepts a JWT-shaped identity token and rejects anything else', async () => {
      const ok = await api<Session>('POST', '/auth/identity', { body: { token: createIdentityToken({ email, name: 'Priya' }) } });
      expect(ok.body.user.id).to.equal(SEED_USERS.customer.id);
      const bad = await api('POST', '/auth/identity', { body: { token: 'abc.def' } });
      expect([bad.status, problem(bad).code]).to.deep.equal([401, 'identity_invalid']);
      const expired = createIdentityToken({ email, name: 'P', exp: clock.now().getTime() / 1000 - 60 });
      expect((await api('POST', '/auth/identity', { body: { token: expired } })).status).to.equal(401);
    });
  });

  describe('sessions', () => {
    it('expires sessions on demand and after their lifetime', async () => {
      backend.expireSessions();
      const expired = await api('GET', '/me', { token: priya });
      expect([expired.status, problem(expired).code]).to.deep.equal([401, 'session_expired']);
      const fresh = backend.signIn(SEED_USERS.customer.email).token;
      clock.advance(9 * 3600_000);
      expect((await api('GET', '/me', { token: fresh })).status).to.equal(401);
    });

    it('ends a session on logout', async () => {
      expect((await api('POST', '/auth/logout', { token: priya })).status).to.equal(204);
      expect(problem(await api('GET', '/me', { token: priya })).code).to.equal('session_expired');
      expect(problem(await api('GET', '/me')).code).to.equal('unauthenticated');
    });

    it('authenticates by cookie in cookie mode and demands X-Portal-CSRF on unsafe requests', async () => {
      const include = { credentials: 'include' as const };
      await api('POST', '/auth/otp/start', { ...include, body: { email: SEED_USERS.customer.email } });
      const signIn = await api('POST', '/auth/otp/verify', { ...include, body: { email: SEED_USERS.customer.email, code: DEMO_OTP_CODE } });
      expect(signIn.status).to.equal(200);
      expect(document.cookie).not.to.contain('portal_session');
      expect((await api<{ user: { id: string } }>('GET', '/me', include)).body.user.id).to.equal(SEED_USERS.customer.id);
      const ticket = { subject: 'Cookie', body: 'mode', fields: {}, attachmentIds: [] };
      const noCsrf = await api('POST', '/tickets', { ...include, key: key(), body: ticket });
      expect([noCsrf.status, problem(noCsrf).code]).to.deep.equal([403, 'csrf']);
      const withCsrf = await api('POST', '/tickets', { ...include, key: key(), body: ticket, headers: { 'X-Portal-CSRF': '1' } });
      expect(withCsrf.status).to.equal(201);
      expect((await api('POST', '/auth/logout', { ...include, headers: { 'X-Portal-CSRF': '1' } })).status).to.equal(204);
      expect((await api('GET', '/me', include)).status).to.equal(401);
    });
  });

  describe('roles', () => {
    it('keeps customers to their own tickets', async () => {
      const mine = await api<TicketPage>('GET', '/tickets?limit=100', { token: priya });
      expect(mine.body.items.length).to.be.greaterThan(3);
      expect(mine.body.items.every((t) => t.requester.id === SEED_USERS.customer.id)).to.be.true;
      const org = await api('GET', '/tickets?scope=organization', { token: priya });
      expect(org.status).to.equal(403);
      const adminOrg = await api<TicketPage>('GET', '/tickets?scope=organization&limit=100', { token: admin });
      expect(new Set(adminOrg.body.items.map((t) => t.requester.id)).size).to.equal(3);
      const others = backend.store.tickets.find((t) => t.requesterId === SEED_USERS.customer2.id)!;
      expect((await api('GET', `/tickets/${others.id}`, { token: priya })).status).to.equal(403);
      expect((await api('GET', `/tickets/${others.id}`, { token: admin })).status).to.equal(200);
    });

    it('forbids the Team page and member writes to customers', async () => {
      const list = await api('GET', '/members', { token: priya });
      expect([list.status, problem(list).code]).to.deep.equal([403, 'members_forbidden']);
      expect((await api('GET', '/members/export', { token: priya })).status).to.equal(403);
      expect((await api('POST', '/members/invitations', { token: priya, key: key(), body: { email: 'a@b.example', role: 'customer' } })).status).to.equal(403);
      expect((await api('PATCH', '/members/usr_marcus', { token: priya, body: { role: 'customer_admin' } })).status).to.equal(403);
    });

    it('stops an admin from demoting or deactivating themselves, and rejects duplicate or invalid invitations', async () => {
      const self = await api('PATCH', `/members/${SEED_USERS.admin.id}`, { token: admin, body: { role: 'customer' } });
      expect([self.status, problem(self).code]).to.deep.equal([409, 'self_change']);
      const dup = await api('POST', '/members/invitations', { token: admin, key: key(), body: { email: SEED_USERS.customer2.email.toUpperCase(), role: 'customer' } });
      expect([dup.status, problem(dup).code]).to.deep.equal([409, 'already_member']);
      const invalid = await api('POST', '/members/invitations', { token: admin, key: key(), body: { email: 'not-an-email', role: 'customer' } });
      expect(invalid.status).to.equal(422);
      expect(problem(invalid).errors?.map((e) => e.field)).to.deep.equal(['email']);
    });

    it('deactivating a member ends their sessions; the export neutralizes formulas', async () => {
      const res = await api<Member>('PATCH', '/members/usr_marcus', { token: admin, body: { status: 'deactivated' } });
      expect(res.body.status).to.equal('deactivated');
      expect((await api('GET', '/me', { token: marcus })).status).to.equal(401);
      const csv = await api<string>('GET', '/members/export', { token: admin });
      expect(csv.body).to.contain(`"'=HYPERLINK(`);
    });
  });

  describe('tickets', () => {
    const billing = (fields: Record<string, unknown>) => ({ formId: 'form_billing', subject: 'Billing', body: 'Help', fields, attachmentIds: [] });

    it('validates fields: required, pattern, min/max, and conditional fields only when shown', async () => {
      const res = await api('POST', '/tickets', { token: priya, key: key(), body: billing({ billing_topic: 'refund', invoice_number: 'INV-1', refund_amount: 20000 }) });
      expect(res.status).to.equal(422);
      expect(problem(res).errors?.map((e) => e.field).sort()).to.deep.equal(['invoice_number', 'refund_amount']);
      const missing = await api('POST', '/tickets', { token: priya, key: key(), body: billing({ billing_topic: 'refund' }) });
      expect(problem(missing).errors?.map((e) => e.field)).to.deep.equal(['refund_amount']);
      // refund_amount is hidden for a plan change: not validated, and dropped.
      const ok = await api<Ticket>('POST', '/tickets', { token: priya, key: key(), body: billing({ billing_topic: 'plan_change', refund_amount: 'nonsense' }) });
      expect(ok.status).to.equal(201);
      expect(backend.store.tickets.find((t) => t.id === ok.body.id)!.fields).to.deep.equal({ billing_topic: 'plan_change' });
      const access = await api('POST', '/tickets', {
        token: priya,
        key: key(),
        body: { formId: 'form_access', subject: 'Users', body: 'Add', fields: { request_type: 'add_user', contact_email: 'x', agree_terms: false }, attachmentIds: [] },
      });
      expect(problem(access).errors?.map((e) => e.field).sort()).to.deep.equal(['agree_terms', 'contact_email', 'user_emails']);
      const top = await api('POST', '/tickets', { token: priya, key: key(), body: { subject: ' ', body: '', fields: {}, attachmentIds: [] } });
      expect(problem(top).errors?.map((e) => e.field)).to.deep.equal(['subject', 'body']);
    });

    it('creates once per Idempotency-Key and requires the key', async () => {
      const before = backend.store.tickets.length;
      const k = key();
      const body = { subject: 'Once', body: 'Only once', fields: {}, attachmentIds: [] };
      const first = await api<Ticket>('POST', '/tickets', { token: priya, key: k, body });
      const second = await api<Ticket>('POST', '/tickets', { token: priya, key: k, body });
      expect(first.status).to.equal(201);
      expect(second.status).to.equal(201);
      expect(second.body).to.deep.equal(first.body);
      expect(backend.store.tickets.length).to.equal(before + 1);
      expect((await api('POST', '/tickets', { token: priya, body })).status).to.equal(400);
    });

    it('takes effect once when the response of the first attempt was lost', async () => {
      backend.injectFault({ match: 'POST /tickets', network: true, times: 1, phase: 'after' });
      const k = key();
      const body = { subject: 'Lost response', body: 'Retry me', fields: {}, attachmentIds: [] };
      let failed = false;
      await api('POST', '/tickets', { token: priya, key: k, body }).catch(() => (failed = true));
      expect(failed).to.be.true;
      const retry = await api<Ticket>('POST', '/tickets', { token: priya, key: k, body });
      expect(retry.status).to.equal(201);
      expect(backend.store.tickets.filter((t) => t.subject === 'Lost response')).to.have.length(1);
    });

    it('filters, searches, sorts and pages with opaque cursors', async () => {
      const open = await api<TicketPage>('GET', '/tickets?scope=organization&status=open,pending&priority=urgent,high&limit=100', { token: admin });
      expect(open.body.items.every((t) => ['open', 'pending'].includes(t.status) && ['urgent', 'high'].includes(t.priority))).to.be.true;
      const byNumber = await api<TicketPage>('GET', '/tickets?scope=organization&q=%231056', { token: admin });
      expect(byNumber.body.items.map((t) => t.number)).to.deep.equal([1056]);
      const search = await api<TicketPage>('GET', '/tickets?scope=organization&q=invoice&limit=100', { token: admin });
      expect(search.body.items.length).to.be.greaterThan(0);
      expect(search.body.items.every((t) => `${t.subject} ${t.preview}`.toLowerCase().includes('invoice'))).to.be.true;
      const asc = await api<TicketPage>('GET', '/tickets?scope=organization&sort=created&order=asc&limit=100', { token: admin });
      const created = asc.body.items.map((t) => Date.parse(t.createdAt));
      expect(created).to.deep.equal([...created].sort((a, b) => a - b));
      const seen: string[] = [];
      let cursor: string | null = '';
      do {
        const res: Answer<TicketPage> = await api<TicketPage>('GET', `/tickets?scope=organization&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin });
        expect(res.body.items.length).to.be.at.most(10);
        seen.push(...res.body.items.map((t) => t.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).to.equal(seen.length);
      expect(seen.length).to.equal(asc.body.items.length);
      expect((await api('GET', '/tickets?limit=500', { token: admin })).status).to.equal(422);
      expect((await api('GET', '/tickets?cursor=garbage', { token: admin })).status).to.equal(422);
    });

    it('lists only tickets updated within ticketHistoryDays, and since narrows further', async () => {
      const all = await api<TicketPage>('GET', '/tickets?scope=organization&limit=100', { token: admin });
      backend.setConfig({ ticketHistoryDays: 2000 });
      const more = await api<TicketPage>('GET', '/tickets?scope=organization&limit=100', { token: admin });
      expect(more.body.items.length).to.be.greaterThan(all.body.items.length);
      const since = new Date(clock.now().getTime() - 30 * 86_400_000).toISOString();
      const recent = await api<TicketPage>(`GET`, `/tickets?scope=organization&limit=100&since=${since}`, { token: admin });
      expect(recent.body.items.every((t) => t.updatedAt >= since)).to.be.true;
      expect(recent.body.items.length).to.be.lessThan(all.body.items.length);
    });

    it('closes, reopens and edits only editable fields', async () => {
      const ticket = backend.store.tickets.find((t) => t.requesterId === SEED_USERS.customer.id && t.formId === 'form_technical' && t.status === 'closed')!;
      expect((await api<Ticket>('PATCH', `/tickets/${ticket.id}`, { token: priya, body: { status: 'closed' } })).body.status).to.equal('closed');
      expect((await api<Ticket>('PATCH', `/tickets/${ticket.id}`, { token: priya, body: { status: 'open' } })).body.status).to.equal('open');
      const edit = await api<Ticket>('PATCH', `/tickets/${ticket.id}`, { token: priya, body: { fields: { environment: 'staging' } } });
      expect(edit.body.fields['environment']).to.equal('staging');
      const locked = await api('PATCH', `/tickets/${ticket.id}`, { token: priya, body: { fields: { product: 'api' } } });
      expect(problem(locked).errors?.map((e) => e.field)).to.deep.equal(['product']);
    });

    it('rates only solved or closed tickets', async () => {
      const open = backend.store.tickets.find((t) => t.requesterId === SEED_USERS.customer.id && t.status === 'open')!;
      expect((await api('POST', `/tickets/${open.id}/satisfaction`, { token: priya, body: { rating: 'good' } })).status).to.equal(409);
      await api('PATCH', `/tickets/${open.id}`, { token: priya, body: { status: 'closed' } });
      const rated = await api<Ticket>('POST', `/tickets/${open.id}/satisfaction`, { token: priya, body: { rating: 'bad', comment: 'Slow' } });
      expect(rated.body.satisfaction).to.deep.equal({ rating: 'bad', comment: 'Slow' });
    });
  });

  describe('messages', () => {
    it('pages a long thread newest first, oldest-first within a page', async () => {
      const thread = backend.store.messages.get(LONG_THREAD_TICKET_ID)!;
      const newest = await api<MessagePage>('GET', `/tickets/${LONG_THREAD_TICKET_ID}/messages`, { token: priya });
      expect(newest.body.items.map((m) => m.id)).to.deep.equal(thread.slice(-25).map((m) => m.id));
      const earlier = await api<MessagePage>(`GET`, `/tickets/${LONG_THREAD_TICKET_ID}/messages?limit=50&before=${encodeURIComponent(newest.body.nextCursor!)}`, { token: priya });
      expect(earlier.body.items.map((m) => m.id)).to.deep.equal(thread.slice(125, 175).map((m) => m.id));
      let cursor = earlier.body.nextCursor;
      let count = 75;
      while (cursor) {
        const res: Answer<MessagePage> = await api<MessagePage>('GET', `/tickets/${LONG_THREAD_TICKET_ID}/messages?limit=100&before=${encodeURIComponent(cursor)}`, { token: priya });
        count += res.body.items.length;
        cursor = res.body.nextCursor;
      }
      expect(count).to.equal(200);
      const after = await api<MessagePage>('GET', `/tickets/${LONG_THREAD_TICKET_ID}/messages?after=${thread[197]!.id}`, { token: priya });
      expect(after.body.items.map((m) => m.id)).to.deep.equal([thread[198]!.id, thread[199]!.id]);
    });

    it('posts once per clientId, reopens a solved ticket and marks it read', async () => {
      const solved = backend.store.tickets.find((t) => t.requesterId === SEED_USERS.customer.id && t.status === 'solved')!;
      const body = { body: 'It broke again', attachmentIds: [], clientId: 'client-1' };
      const first = await api<{ id: string; clientId: string }>('POST', `/tickets/${solved.id}/messages`, { token: priya, key: key(), body });
      const again = await api<{ id: string }>('POST', `/tickets/${solved.id}/messages`, { token: priya, key: key(), body });
      expect(first.status).to.equal(201);
      expect(first.body.clientId).to.equal('client-1');
      expect(again.body.id).to.equal(first.body.id);
      expect(backend.store.messages.get(solved.id)!.filter((m) => m.clientId === 'client-1')).to.have.length(1);
      expect((await api<Ticket>('GET', `/tickets/${solved.id}`, { token: priya })).body.status).to.equal('open');
    });

    it('simulates an agent reply on the backend clock when agentReplies is on', async () => {
      backend.setAgentReplies(true, 3000);
      const ticket = backend.store.tickets.find((t) => t.requesterId === SEED_USERS.customer.id && t.status === 'open')!;
      const sent = await api<{ id: string }>('POST', `/tickets/${ticket.id}/messages`, { token: priya, key: key(), body: { body: 'Hello?', attachmentIds: [], clientId: 'c-live' } });
      const soon = await api<MessagePage>('GET', `/tickets/${ticket.id}/messages?after=${sent.body.id}`, { token: priya });
      expect(soon.body.items).to.have.length(0);
      clock.advance(3000);
      const later = await api<MessagePage>('GET', `/tickets/${ticket.id}/messages?after=${sent.body.id}`, { token: priya });
      expect(later.body.items.map((m) => m.author.kind)).to.deep.equal(['agent']);
      const listed = await api<Ticket>('GET', `/tickets/${ticket.id}`, { token: priya });
      expect(listed.body.status).to.equal('pending');
    });

    it('does not reply by default', async () => {
      const ticket = backend.store.tickets.find((t) => t.requesterId === SEED_USERS.customer.id && t.status === 'open')!;
      await api('POST', `/tickets/${ticket.id}/messages`, { token: priya, key: key(), body: { body: 'Hi', attachmentIds: [], clientId: 'c-quiet' } });
      expect(backend.pendingAgentReplies).to.equal(0);
    });
  });

  describe('attachments', () => {
    const upload = (file: File, token = priya) => {
      const form = new FormData();
      form.append('file', file);
      return fetch('/api/attachments', { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': key() } });
    };

    it('stores an upload, serves it, and lets it be attached once', async () => {
      const res = await upload(new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' }));
      expect(res.status).to.equal(201);
      const attachment = (await res.json()) as { id: string; url: string; size: number };
      expect(attachment.size).to.equal(8);
      expect(await (await fetch(attachment.url)).text()).to.equal('a,b\n1,2\n');
      const ticket = await api<Ticket>('POST', '/tickets', { token: priya, key: key(), body: { subject: 'With file', body: 'See file', fields: {}, attachmentIds: [attachment.id] } });
      expect(ticket.status).to.equal(201);
      const reuse = await api('POST', '/tickets', { token: priya, key: key(), body: { subject: 'Again', body: 'x', fields: {}, attachmentIds: [attachment.id] } });
      expect(problem(reuse).errors?.[0]?.field).to.equal('attachmentIds');
    });

    it('enforces maxBytes (413) and allowedTypes (422)', async () => {
      backend.setConfig({ attachments: { maxBytes: 4, allowedTypes: ['image/*', 'text/plain'] } });
      expect((await upload(new File(['12345'], 'big.txt', { type: 'text/plain' }))).status).to.equal(413);
      expect((await upload(new File(['<svg/>'], 'x.png', { type: 'image/png' }))).status).to.equal(413);
      expect((await upload(new File(['1'], 'a.png', { type: 'image/png' }))).status).to.equal(201);
      const zip = await upload(new File(['PK'], 'a.zip', { type: 'application/zip' }));
      expect(zip.status).to.equal(422);
      expect(((await zip.json()) as ProblemDocument).code).to.equal('type_not_allowed');
    });
  });

  describe('knowledge base', () => {
    it('searches titles and bodies with plain-text snippets and pages by collection', async () => {
      const res = await api<{ items: { title: string; snippet: string }[] }>('GET', '/kb/articles?q=rotate');
      expect(res.body.items[0]!.title).to.equal('Rotate an API key without downtime');
      const hostile = await api<{ items: { snippet: string }[] }>('GET', '/kb/articles?q=executed');
      expect(hostile.body.items.length).to.equal(1);
      const collections = await api<{ items: { id: string; articleCount: number }[] }>('GET', '/kb/collections');
      expect(collections.body.items.reduce((n, c) => n + c.articleCount, 0)).to.equal(30);
      const security = await api<{ items: unknown[]; nextCursor: string }>('GET', '/kb/articles?collectionId=col_security&limit=5');
      expect(security.body.items).to.have.length(5);
      const rest = await api<{ items: unknown[]; nextCursor: null }>('GET', `/kb/articles?collectionId=col_security&limit=5&cursor=${security.body.nextCursor}`);
      expect(rest.body.items).to.have.length(3);
      expect(rest.body.nextCursor).to.equal(null);
    });

    it('records votes and needs a session when the knowledge base is not public', async () => {
      const before = backend.store.articles[0]!.votes.up;
      expect((await api('POST', '/kb/articles/art_001/feedback', { body: { helpful: true } })).status).to.equal(204);
      expect(backend.store.articles[0]!.votes.up).to.equal(before + 1);
      backend.setConfig({ kbVisibility: 'authenticated' });
      expect((await api('GET', '/kb/articles/art_001')).status).to.equal(401);
      expect((await api('GET', '/kb/articles/art_001', { token: priya })).status).to.equal(200);
    });
  });

  describe('knobs', () => {
    it('injects 500, 503 and 429 problems with Retry-After, for `times` requests', async () => {
      const fault = backend.injectFault({ match: 'GET /tickets', status: 500, times: 1 });
      const failed = await api('GET', '/tickets', { token: priya });
      expect(failed.status).to.equal(500);
      expect(failed.headers.get('Content-Type')).to.equal('application/problem+json');
      expect(fault.hits).to.equal(1);
      expect(fault.active).to.be.false;
      expect((await api('GET', '/tickets', { token: priya })).status).to.equal(200);
      backend.injectFault({ match: 'GET /tickets/:id', status: 503, times: 2 });
      expect((await api('GET', '/tickets', { token: priya })).status).to.equal(200);
      const unavailable = await api('GET', '/tickets/tkt_1002', { token: priya });
      expect([unavailable.status, unavailable.headers.get('Retry-After')]).to.deep.equal([503, '1']);
      expect((await api('GET', '/tickets/tkt_1002', { token: priya })).status).to.equal(503);
      expect((await api('GET', '/tickets/tkt_1002', { token: priya })).status).to.equal(200);
      const limited = backend.injectFault({ status: 429, retryAfter: 7 });
      const rl = await api('GET', '/portal');
      expect([rl.status, rl.headers.get('Retry-After')]).to.deep.equal([429, '7']);
      limited.remove();
      expect((await api('GET', '/portal')).status).to.equal(200);
    });

    it('simulates a network failure and accepts a predicate', async () => {
      backend.injectFault({ network: true, match: (req) => req.method === 'GET' && req.path.startsWith('/kb/'), times: 1 });
      let error: unknown;
      await fetch('/api/kb/collections').catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(TypeError);
      expect(backend.requestLog.at(-1)).to.include({ method: 'GET', path: '/kb/collections', status: 0 });
      expect((await fetch('/api/kb/collections')).status).to.equal(200);
    });

    it('delays responses by the latency knob', async () => {
      backend.setLatency(150);
      const start = performance.now();
      await api('GET', '/portal');
      expect(performance.now() - start).to.be.at.least(140);
    });

    it('answers unknown endpoints with a 404 problem', async () => {
      const res = await api('GET', '/nope');
      expect([res.status, problem(res).code]).to.deep.equal([404, 'not_found']);
    });
  });
});
