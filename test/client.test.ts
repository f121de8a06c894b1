import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createRestClient, isAbortError, isPortalError } from '../src/api/index.js';
import type { ClientAuthEvent, PortalError, RestClientOptions, Ticket } from '../src/api/index.js';

const worker = setupWorker();

const ticket: Ticket = {
  id: 't1',
  number: 1,
  subject: 'Printer on fire',
  status: 'open',
  priority: 'high',
  requester: { id: 'u1', name: 'Ada', email: 'ada@example.com' },
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  lastMessageAt: '2025-01-01T00:00:00Z',
  preview: 'It is on fire',
  fields: { tags: ['a'] },
  formId: null,
  satisfaction: null,
  unread: false,
};
const member = {
  id: 'm1',
  email: 'bo@example.com',
  name: 'Bo',
  role: 'customer',
  status: 'invited',
  invitedAt: null,
  lastSeenAt: null,
};

function problem(status: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(
    { type: 'about:blank', title: `Problem ${status}`, status, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

/** Records the waits between retries and returns at once. */
function fastSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

/**
 * A request the mock holds until the test releases it: `reached` resolves once the handler has the
 * request, `answered` says whether it has replied. Released after 5 s at the latest, so a client
 * that waits for the answer fails an assertion instead of hanging.
 */
function hold(): { reached: Promise<void>; wait: () => Promise<void>; release: () => void; readonly answered: boolean } {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const fallback = setTimeout(release, 5000);
  const state = {
    reached,
    answered: false,
    release: () => (clearTimeout(fallback), release()),
    wait: async () => {
      arrive();
      await released;
      state.answered = true;
    },
  };
  return state;
}

/** Holds every GET of `path` until the test releases it, then answers `{}`. */
function holdGet(path: string): ReturnType<typeof hold> {
  const server = hold();
  worker.use(
    http.get(path, async () => {
      await server.wait();
      return HttpResponse.json({});
    }),
  );
  return server;
}

/** A fetch that keeps every Request it sends. */
function recordingFetch(): { sent: Request[]; spy: typeof fetch } {
  const sent: Request[] = [];
  return { sent, spy: (input, init) => (sent.push(input as Request), fetch(input, init)) };
}

function client(options: Partial<RestClientOptions> = {}) {
  return createRestClient({ baseUrl: '/api', retry: { baseDelayMs: 1 }, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function portalError(promise: Promise<unknown>): Promise<PortalError> {
  const error = await rejection(promise);
  expect(isPortalError(error), String(error)).to.be.true;
  return error as PortalError;
}

describe('RestPortalClient', () => {
  before(async () => {
    await worker.start({
      quiet: true,
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).pathname.startsWith('/api/')) print.error();
      },
    });
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  describe('requests', () => {
    it('serializes the ticket query per the contract and joins the base URL without double slashes', async () => {
      let url: URL | undefined;
      worker.use(
        http.get('/api/tickets', ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json({ items: [ticket], nextCursor: 'c2' });
        }),
      );
      const page = await client({ baseUrl: `${location.origin}/api/` }).listTickets({
        scope: 'organization',
        status: ['open', 'pending'],
        priority: [],
        q: 'printer jam',
        since: '',
        cursor: undefined,
        limit: 10,
      });
      expect(page).to.deep.equal({ items: [ticket], nextCursor: 'c2' });
      expect(url?.pathname).to.equal('/api/tickets');
      expect(url?.search).to.equal('?scope=organization&status=open,pending&q=printer%20jam&limit=10');
    });

    it('encodes ids in paths and sends JSON bodies', async () => {
      let seen: { path: string; body: unknown } | undefined;
      worker.use(
        http.patch('/api/tickets/:id', async ({ request }) => {
          seen = { path: new URL(request.url).pathname, body: await request.json() };
          return HttpResponse.json({ ...ticket, status: 'closed' });
        }),
      );
      const updated = await client().updateTicket('a/b c', { status: 'closed' });
      expect(updated.status).to.equal('closed');
      expect(seen).to.deep.equal({ path: '/api/tickets/a%2Fb%20c', body: { status: 'closed' } });
    });

    it('resolves undefined for 202 and 204 answers, and JSON for a 202 with a body', async () => {
      worker.use(
        http.post('/api/kb/articles/:id/feedback', () => new HttpResponse(null, { status: 204 })),
        http.post('/api/auth/magic-link/start', () => new HttpResponse(null, { status: 202 })),
        http.post('/api/auth/otp/start', () => HttpResponse.json({ resendAfterSeconds: 30, codeLength: 6 }, { status: 202 })),
      );
      const api = client();
      expect(await api.sendArticleFeedback('a1', { helpful: true })).to.equal(undefined);
      expect(await api.startMagicLink({ email: 'a@example.com', redirectUrl: 'https://x.test/' })).to.equal(undefined);
      expect(await api.startOtp({ email: 'a@example.com' })).to.deep.equal({ resendAfterSeconds: 30, codeLength: 6 });
    });

    it('returns the members export as a CSV Blob', async () => {
      const csv = 'name,email,role,status,invitedAt,lastSeenAt\nBo,bo@example.com,customer,invited,,\n';
      worker.use(http.get('/api/members/export', () => HttpResponse.text(csv, { headers: { 'Content-Type': 'text/csv' } })));
      const blob = await client().exportMembers();
      expect(blob).to.be.instanceOf(Blob);
      expect(blob.type).to.contain('text/csv');
      expect(await blob.text()).to.equal(csv);
    });
  });

  describe('auth', () => {
    it('sends the bearer token only while one is set', async () => {
      const seen: (string | null)[] = [];
      worker.use(
        http.get('/api/me', ({ request }) => {
          seen.push(request.headers.get('Authorization'));
          return HttpResponse.json({ user: {}, organization: {} });
        }),
      );
      const events: ClientAuthEvent[] = [];
      const api = client({ token: 'abc' });
      api.onAuthEvent((event) => events.push(event));
      await api.getMe();
      api.setToken(null);
      await api.getMe();
      api.setToken('def');
      await api.getMe();
      expect(seen).to.deep.equal(['Bearer abc', null, 'Bearer def']);
      expect(events).to.deep.equal([
        { type: 'token', token: null },
        { type: 'token', token: 'def' },
      ]);
    });

    it('in cookie mode sends credentials and the CSRF header on unsafe requests, never a token', async () => {
      const seen: { method: string; csrf: string | null; auth: string | null }[] = [];
      const record = ({ request }: { request: Request }) => {
        seen.push({ method: request.method, csrf: request.headers.get('X-Portal-CSRF'), auth: request.headers.get('Authorization') });
        return HttpResponse.json(ticket);
      };
      worker.use(http.get('/api/tickets/t1', record), http.patch('/api/tickets/t1', record), http.post('/api/tickets', record));
      const credentials: RequestCredentials[] = [];
      const spy: typeof fetch = (input, init) => {
        credentials.push((input as Request).credentials);
        return fetch(input, init);
      };
      const api = client({ credentials: 'include', token: 'ignored', fetch: spy });
      api.setToken('also-ignored');
      expect(api.token).to.equal(null);
      await api.getTicket('t1');
      await api.updateTicket('t1', { status: 'open' });
      await api.createTicket({ subject: 's', body: 'b', fields: {}, attachmentIds: [] });
      expect(seen).to.deep.equal([
        { method: 'GET', csrf: null, auth: null },
        { method: 'PATCH', csrf: '1', auth: null },
        { method: 'POST', csrf: '1', auth: null },
      ]);
      expect(credentials).to.deep.equal(['include', 'include', 'include']);
    });

    it('in bearer mode omits credentials', async () => {
      worker.use(http.get('/api/portal', () => HttpResponse.json({ name: 'Help' })));
      const credentials: RequestCredentials[] = [];
      const spy: typeof fetch = (input, init) => {
        credentials.push((input as Request).credentials);
        return fetch(input, init);
      };
      await client({ fetch: spy }).getPortalConfig();
      expect(credentials).to.deep.equal(['omit']);
    });

    it('expires the session once on concurrent 401s and clears the token', async () => {
      let calls = 0;
      worker.use(
        http.get('/api/*', async () => {
          calls++;
          await delay(20);
          return problem(401);
        }),
      );
      const events: ClientAuthEvent[] = [];
      const api = client({ token: 'old' });
      api.onAuthEvent((event) => events.push(event));
      const errors = await Promise.all([rejection(api.getMe()), rejection(api.listTicketForms()), rejection(api.listCollections())]);
      expect(errors.map((e) => (e as PortalError).status)).to.deep.equal([401, 401, 401]);
      expect(calls).to.equal(3);
      expect(events).to.deep.equal([{ type: 'expired' }]);
      expect(api.token).to.equal(null);
      await rejection(api.getMe());
      expect(events).to.have.length(1);
    });

    it('expires a new token again after it fails in turn', async () => {
      worker.use(http.get('/api/me', () => problem(401)));
      const events: string[] = [];
      const api = client({ token: 'one' });
      api.onAuthEvent((event) => events.push(event.type));
      await rejection(api.getMe());
      api.setToken('two');
      await rejection(api.getMe());
      expect(events).to.deep.equal(['expired', 'token', 'expired']);
    });

    it('in cookie mode expires the session once on concurrent 401s', async () => {
      worker.use(
        http.get('/api/*', async () => {
          await delay(20);
          return problem(401);
        }),
      );
      const events: ClientAuthEvent[] = [];
      const api = client({ credentials: 'include' });
      api.onAuthEvent((event) => events.push(event));
      await Promise.all([rejection(api.getMe()), rejection(api.listTicketForms())]);
      expect(events).to.deep.equal([{ type: 'expired' }]);
    });

    it('does not let a late 401 for an old token expire the new one', async () => {
      worker.use(
        http.get('/api/me', async ({ request }) => {
          if (request.headers.get('Authorization') === 'Bearer old') {
            await delay(50);
            return problem(401);
          }
          return HttpResponse.json({ user: {}, organization: {} });
        }),
      );
      const events: string[] = [];
      const api = client({ token: 'old' });
      api.onAuthEvent((event) => events.push(event.type));
      const stale = rejection(api.getMe());
      api.setToken('new');
      await api.getMe();
      expect((await stale) as PortalError).to.have.property('status', 401);
      expect(events).to.deep.equal(['token']);
      expect(api.token).to.equal('new');
    });

    it('does not expire the session on a 401 or 422 from a sign-in endpoint', async () => {
      worker.use(
        http.post('/api/auth/otp/verify', () => problem(401, { code: 'otp_invalid' })),
        http.post('/api/auth/code/exchange', () =>
          problem(422, { code: 'code_expired', errors: [{ field: 'code', message: 'Expired' }] }),
        ),
      );
      const events: ClientAuthEvent[] = [];
      const api = client({ token: 'keep' });
      api.onAuthEvent((event) => events.push(event));
      const wrongCode = await portalError(api.verifyOtp({ email: 'a@example.com', code: '000000' }));
      expect(wrongCode.code).to.equal('otp_invalid');
      const expired = await portalError(api.exchangeCode('old'));
      expect(expired.fieldError('code')).to.equal('Expired');
      expect(events).to.deep.equal([]);
      expect(api.token).to.equal('keep');
    });
  });

  describe('errors', () => {
    it('turns a problem document into a PortalError with its fields', async () => {
      worker.use(
        http.post('/api/members/invitations', () =>
          problem(422, {
            type: 'https://portal.test/problems/validation',
            title: 'Check the form',
            detail: 'One field is wrong',
            code: 'validation',
            errors: [{ field: 'email', message: 'Not an email address' }],
          }),
        ),
      );
      const error = await portalError(client().inviteMember({ email: 'nope', role: 'customer' }));
      expect(error.status).to.equal(422);
      expect(error.code).to.equal('validation');
      expect(error.type).to.equal('https://portal.test/problems/validation');
      expect(error.title).to.equal('Check the form');
      expect(error.detail).to.equal('One field is wrong');
      expect(error.fieldErrors).to.deep.equal([{ field: 'email', message: 'Not an email address' }]);
      expect(error.isValidation).to.be.true;
    });

    it('reads a plain JSON error body with a title as a problem', async () => {
      worker.use(http.patch('/api/members/:id', () => HttpResponse.json({ title: 'Conflict', code: 'last_admin' }, { status: 409 })));
      const error = await portalError(client().updateMember('m1', { role: 'customer' }));
      expect([error.status, error.code, error.title]).to.deep.equal([409, 'last_admin', 'Conflict']);
    });

    it('gives a non-JSON error body a generic title and an http_ code', async () => {
      worker.use(http.patch('/api/tickets/:id', () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
      const error = await portalError(client().updateTicket('t1', {}));
      expect([error.status, error.code]).to.deep.equal([502, 'http_502']);
      expect(error.title).to.equal('Request failed with status 502');
    });

    it('exposes Retry-After of a 429 and does not wait longer than maxDelayMs', async () => {
      let calls = 0;
      worker.use(http.get('/api/kb/articles', () => (calls++, problem(429, { code: 'rate_limited' }, { 'Retry-After': '30' }))));
      const { waits, sleep } = fastSleep();
      const error = await portalError(client({ sleep }).listArticles({ q: 'reset' }));
      expect([error.status, error.code, error.retryAfter, error.isRateLimited]).to.deep.equal([429, 'rate_limited', 30, true]);
      expect(calls).to.equal(1);
      expect(waits).to.deep.equal([]);
    });

    it('reports a network failure as status 0, code network, after the retries', async () => {
      let calls = 0;
      worker.use(http.get('/api/portal', () => (calls++, HttpResponse.error())));
      const { waits, sleep } = fastSleep();
      const error = await portalError(client({ sleep }).getPortalConfig());
      expect([error.status, error.code, error.isNetworkError]).to.deep.equal([0, 'network', true]);
      expect(calls).to.equal(3);
      expect(waits).to.have.length(2);
    });

    it('fails a GET with the 500 after the retries, and a 403 at once without ending the session', async () => {
      let calls = 0;
      worker.use(
        http.get('/api/tickets', () => (calls++, problem(500, { code: 'server_error' }))),
        http.get('/api/members', () => problem(403, { code: 'forbidden' })),
      );
      const { sleep } = fastSleep();
      const api = client({ sleep, token: 'tok' });
      const events: ClientAuthEvent[] = [];
      api.onAuthEvent((event) => events.push(event));
      const failed = await portalError(api.listTickets());
      expect([failed.status, failed.code, calls]).to.deep.equal([500, 'server_error', 3]);
      const forbidden = await portalError(api.listMembers());
      expect([forbidden.status, forbidden.code, forbidden.isForbidden]).to.deep.equal([403, 'forbidden', true]);
      expect(events).to.deep.equal([]);
      expect(api.token).to.equal('tok');
    });

    it('reports a success whose body is not JSON as invalid_response', async () => {
      worker.use(http.get('/api/portal', () => new HttpResponse('<html>login page</html>', { headers: { 'Content-Type': 'text/html' } })));
      const error = await portalError(client().getPortalConfig());
      expect([error.status, error.code]).to.deep.equal([200, 'invalid_response']);
    });

    it('reports a timeout as status 0, code timeout, without waiting for the answer', async () => {
      const server = holdGet('/api/portal');
      try {
        const error = await portalError(client({ timeout: 50 }).getPortalConfig());
        expect([error.status, error.code]).to.deep.equal([0, 'timeout']);
        expect(server.answered, 'the client gave up before the server answered').to.be.false;
      } finally {
        server.release();
      }
    });

    it('cancels the timed-out request itself, and does not retry it', async () => {
      const server = holdGet('/api/me');
      const { sent, spy } = recordingFetch();
      try {
        const error = await portalError(client({ timeout: 50, fetch: spy }).getMe());
        expect(error.code).to.equal('timeout');
        expect(sent).to.have.length(1);
        expect(sent[0]?.signal.aborted, 'the request was aborted').to.be.true;
      } finally {
        server.release();
      }
    });

    it('rejects with the caller’s AbortError, not a timeout, when the caller aborts while the timeout runs', async () => {
      const server = holdGet('/api/me');
      const { sent, spy } = recordingFetch();
      try {
        const controller = new AbortController();
        const pending = client({ timeout: 10_000, fetch: spy }).getMe({ signal: controller.signal });
        await server.reached;
        controller.abort();
        const error = await rejection(pending);
        expect(isAbortError(error)).to.be.true;
        expect(isPortalError(error)).to.be.false;
        expect(sent[0]?.signal.aborted).to.be.true;
      } finally {
        server.release();
      }
    });
  });

  describe('retries', () => {
    it('retries a GET on 503 with exponential backoff and full jitter, then succeeds', async () => {
      let calls = 0;
      worker.use(http.get('/api/tickets/t1', () => (++calls < 3 ? problem(503) : HttpResponse.json(ticket))));
      const { waits, sleep } = fastSleep();
      const result = await client({ sleep, retry: { baseDelayMs: 100 } }).getTicket('t1');
      expect(result).to.deep.equal(ticket);
      expect(calls).to.equal(3);
      expect(waits).to.have.length(2);
      expect(waits[0]).to.be.within(0, 100);
      expect(waits[1]).to.be.within(0, 200);
    });

    it('waits with the real timer between retries', async () => {
      let calls = 0;
      worker.use(http.get('/api/tickets/t1', () => (++calls < 2 ? problem(500) : HttpResponse.json(ticket))));
      expect((await client({ retry: { baseDelayMs: 5 } }).getTicket('t1')).id).to.equal('t1');
      expect(calls).to.equal(2);
    });

    it('stops after limit retries and fails with the last error', async () => {
      let calls = 0;
      worker.use(http.get('/api/me', () => (calls++, problem(504))));
      const { sleep } = fastSleep();
      const error = await portalError(client({ sleep, retry: { limit: 1 } }).getMe());
      expect(error.status).to.equal(504);
      expect(calls).to.equal(2);
    });

    it('honours Retry-After in seconds and as an HTTP date', async () => {
      let calls = 0;
      const later = new Date(Date.now() + 3000).toUTCString();
      worker.use(
        http.get('/api/kb/collections', () => {
          calls++;
          if (calls === 1) return problem(429, {}, { 'Retry-After': '1' });
          if (calls === 2) return problem(503, {}, { 'Retry-After': later });
          return HttpResponse.json({ items: [] });
        }),
      );
      const { waits, sleep } = fastSleep();
      expect(await client({ sleep }).listCollections()).to.deep.equal({ items: [] });
      expect(waits[0]).to.equal(1000);
      expect(waits[1]).to.be.within(2000, 3000);
    });

    it('does not retry a 4xx other than 408 and 429', async () => {
      let calls = 0;
      worker.use(http.get('/api/tickets/t1', () => (calls++, problem(404))));
      expect((await portalError(client().getTicket('t1'))).status).to.equal(404);
      expect(calls).to.equal(1);
    });

    it('does not retry an unsafe request without an idempotency key', async () => {
      let patches = 0;
      let ratings = 0;
      worker.use(
        http.patch('/api/tickets/:id', () => (patches++, problem(503))),
        http.post('/api/tickets/:id/satisfaction', () => (ratings++, HttpResponse.error())),
      );
      const { sleep, waits } = fastSleep();
      const api = client({ sleep });
      expect((await portalError(api.updateTicket('t1', { status: 'closed' }))).status).to.equal(503);
      expect((await portalError(api.rateTicket('t1', { rating: 'good' }))).code).to.equal('network');
      expect([patches, ratings, waits.length]).to.deep.equal([1, 1, 0]);
    });

    it('retries POST /tickets on network error and 503 with the same Idempotency-Key', async () => {
      const keys: (string | null)[] = [];
      worker.use(
        http.post('/api/tickets', ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key'));
          if (keys.length === 1) return HttpResponse.error();
          if (keys.length === 2) return problem(503);
          return HttpResponse.json(ticket, { status: 201 });
        }),
      );
      const { sleep } = fastSleep();
      const created = await client({ sleep }).createTicket({ subject: 's', body: 'b', fields: {}, attachmentIds: [] });
      expect(created.id).to.equal('t1');
      expect(keys).to.have.length(3);
      expect(keys[0]).to.match(/^[0-9a-f-]{32,36}$/);
      expect(new Set(keys).size).to.equal(1);
    });

    it('uses the caller’s idempotency key, a fresh one per call otherwise, and does not retry a 500 of a create', async () => {
      const keys: (string | null)[] = [];
      worker.use(
        http.post('/api/tickets/:id/messages', ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key'));
          return problem(500);
        }),
      );
      const api = client();
      const body = { body: 'hi', attachmentIds: [], clientId: 'c1' };
      await portalError(api.createMessage('t1', body, { idempotencyKey: 'my-key-123456' }));
      await portalError(api.createMessage('t1', body));
      await portalError(api.createMessage('t1', body));
      expect(keys).to.have.length(3);
      expect(keys[0]).to.equal('my-key-123456');
      expect(keys[1]).to.not.equal(keys[2]);
    });
  });

  describe('abort', () => {
    it('rejects with the AbortError without a request when already aborted', async () => {
      let calls = 0;
      worker.use(http.get('/api/me', () => (calls++, HttpResponse.json({}))));
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(client().getMe({ signal: controller.signal }));
      expect(isAbortError(error)).to.be.true;
      expect(isPortalError(error)).to.be.false;
      expect(calls).to.equal(0);
    });

    it('rejects with the AbortError when aborted during a request', async () => {
      const server = hold();
      worker.use(
        http.patch('/api/tickets/:id', async () => {
          await server.wait();
          return HttpResponse.json(ticket);
        }),
      );
      try {
        const controller = new AbortController();
        const pending = client().updateTicket('t1', { status: 'closed' }, { signal: controller.signal });
        await server.reached;
        controller.abort();
        const error = await rejection(pending);
        expect(isAbortError(error)).to.be.true;
        expect(server.answered, 'rejected before the server answered').to.be.false;
      } finally {
        server.release();
      }
    });

    it('stops a pending retry wait at once', async () => {
      let calls = 0;
      const controller = new AbortController();
      worker.use(
        http.post('/api/tickets', () => {
          calls++;
          return problem(503, {}, { 'Retry-After': '5' });
        }),
      );
      // A wait that never ends by itself: only the abort can end the call.
      const waits: number[] = [];
      const sleep = (ms: number) => {
        waits.push(ms);
        setTimeout(() => controller.abort(), 0);
        return new Promise<void>(() => {});
      };
      const pending = client({ sleep }).createTicket({ subject: 's', body: 'b', fields: {}, attachmentIds: [] }, { signal: controller.signal });
      const error = await rejection(pending);
      expect(isAbortError(error)).to.be.true;
      expect(waits).to.deep.equal([5000]);
      expect(calls).to.equal(1);
    });
  });

  describe('de-duplication', () => {
    it('shares one request between identical GETs and gives each caller its own copy', async () => {
      let calls = 0;
      worker.use(
        http.get('/api/tickets/t1', async () => {
          calls++;
          await delay(30);
          return HttpResponse.json(ticket);
        }),
      );
      const api = client();
      const [a, b] = await Promise.all([api.getTicket('t1'), api.getTicket('t1')]);
      expect(calls).to.equal(1);
      a.subject = 'changed';
      (a.fields.tags as string[]).push('b');
      expect(b).to.deep.equal(ticket);
      await api.getTicket('t1');
      expect(calls).to.equal(2);
    });

    it('does not share GETs across different queries or tokens', async () => {
      let calls = 0;
      worker.use(
        http.get('/api/members', async () => {
          calls++;
          await delay(20);
          return HttpResponse.json({ items: [member], nextCursor: null });
        }),
      );
      const api = client({ token: 'a' });
      const first = api.listMembers({ q: 'bo' });
      const second = api.listMembers({ q: 'al' });
      api.setToken('b');
      const third = api.listMembers({ q: 'bo' });
      await Promise.all([first, second, third]);
      expect(calls).to.equal(3);
    });

    it('lets one caller abort its wait without cancelling the shared request for the other', async () => {
      let calls = 0;
      const server = hold();
      worker.use(
        http.get('/api/tickets/t1', async () => {
          calls++;
          await server.wait();
          return HttpResponse.json(ticket);
        }),
      );
      const api = client();
      const controller = new AbortController();
      const aborted = api.getTicket('t1', { signal: controller.signal });
      const kept = api.getTicket('t1');
      await server.reached;
      controller.abort();
      expect(isAbortError(await rejection(aborted))).to.be.true;
      expect(server.answered).to.be.false;
      server.release();
      expect(await kept).to.deep.equal(ticket);
      expect(calls).to.equal(1);
    });

    it('aborts the shared request once every caller has aborted, and starts afresh afterwards', async () => {
      worker.use(
        http.get('/api/tickets/t1', async () => {
          await delay(200);
          return HttpResponse.json(ticket);
        }),
      );
      const { sent, spy } = recordingFetch();
      const api = client({ fetch: spy });
      const one = new AbortController();
      const two = new AbortController();
      const a = api.getTicket('t1', { signal: one.signal });
      const b = api.getTicket('t1', { signal: two.signal });
      await delay(10);
      one.abort();
      expect(sent[0]?.signal.aborted).to.be.false;
      two.abort();
      expect(sent[0]?.signal.aborted).to.be.true;
      expect(isAbortError(await rejection(a))).to.be.true;
      expect(isAbortError(await rejection(b))).to.be.true;
      expect(await api.getTicket('t1')).to.deep.equal(ticket);
      expect(sent).to.have.length(2);
    });
  });

  describe('uploadAttachment', () => {
    const file = new File(['x'.repeat(256 * 1024)], 'log.txt', { type: 'text/plain' });

    it('sends the file as multipart field "file" with auth and an idempotency key, reporting progress', async () => {
      let seen: { name: string | undefined; size: number | undefined; auth: string | null; key: string | null } | undefined;
      worker.use(
        http.post('/api/attachments', async ({ request }) => {
          const sentFile = (await request.formData()).get('file');
          seen = {
            name: sentFile instanceof File ? sentFile.name : undefined,
            size: sentFile instanceof File ? sentFile.size : undefined,
            auth: request.headers.get('Authorization'),
            key: request.headers.get('Idempotency-Key'),
          };
          return HttpResponse.json(
            { id: 'a1', name: 'log.txt', size: file.size, contentType: 'text/plain', url: '/files/a1' },
            { status: 201 },
          );
        }),
      );
      const progress: [number, number][] = [];
      const attachment = await client({ token: 'tok' }).uploadAttachment(file, {
        idempotencyKey: 'upload-key-1',
        onProgress: (loaded, total) => progress.push([loaded, total]),
      });
      expect(attachment.id).to.equal('a1');
      expect(seen).to.deep.equal({ name: 'log.txt', size: file.size, auth: 'Bearer tok', key: 'upload-key-1' });
      expect(progress.length).to.be.greaterThan(0);
      const [loaded, total] = progress[progress.length - 1]!;
      expect(loaded).to.equal(total);
      expect(total).to.be.at.least(file.size);
    });

    it('uploads through fetch where there is no XMLHttpRequest (Node, workers)', async () => {
      let seenName: string | undefined;
      worker.use(
        http.post('/api/attachments', async ({ request }) => {
          const sentFile = (await request.formData()).get('file');
          seenName = sentFile instanceof File ? sentFile.name : undefined;
          return HttpResponse.json({ id: 'a2', name: 'log.txt', size: file.size, contentType: 'text/plain', url: '/files/a2' }, { status: 201 });
        }),
      );
      const xhr = globalThis.XMLHttpRequest;
      const progress: [number, number][] = [];
      Reflect.deleteProperty(globalThis, 'XMLHttpRequest');
      try {
        const attachment = await client({ token: 'tok' }).uploadAttachment(file, { onProgress: (l, t) => progress.push([l, t]) });
        expect(attachment.id).to.equal('a2');
      } finally {
        globalThis.XMLHttpRequest = xhr;
      }
      expect(seenName).to.equal('log.txt');
      expect(progress).to.deep.equal([[file.size, file.size]]);
    });

    it('retries a 503 with the same key, and maps a 413 problem', async () => {
      const keys: (string | null)[] = [];
      worker.use(
        http.post('/api/attachments', ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key'));
          return keys.length === 1 ? problem(503) : problem(413, { code: 'too_large', title: 'File too large' });
        }),
      );
      const { sleep } = fastSleep();
      const error = await portalError(client({ sleep }).uploadAttachment(file));
      expect([error.status, error.code, error.title]).to.deep.equal([413, 'too_large', 'File too large']);
      expect(keys).to.have.length(2);
      expect(keys[0]).to.be.a('string').and.equal(keys[1]);
    });

    it('sends the CSRF header in cookie mode and expires the session on 401', async () => {
      let csrf: string | null = null;
      worker.use(
        http.post('/api/attachments', ({ request }) => {
          csrf = request.headers.get('X-Portal-CSRF');
          return problem(401);
        }),
      );
      const events: ClientAuthEvent[] = [];
      const api = client({ credentials: 'include' });
      api.onAuthEvent((event) => events.push(event));
      expect((await portalError(api.uploadAttachment(file))).status).to.equal(401);
      expect(csrf).to.equal('1');
      expect(events).to.deep.equal([{ type: 'expired' }]);
    });

    it('reports a network failure, an abort and a timeout like every other call', async () => {
      worker.use(http.post('/api/attachments', () => HttpResponse.error()));
      const { sleep } = fastSleep();
      expect((await portalError(client({ sleep, retry: { limit: 0 } }).uploadAttachment(file))).code).to.equal('network');

      const server = hold();
      worker.use(
        http.post('/api/attachments', async () => {
          await server.wait();
          return HttpResponse.json({});
        }),
      );
      try {
        const controller = new AbortController();
        const pending = client().uploadAttachment(file, { signal: controller.signal });
        await server.reached;
        controller.abort();
        expect(isAbortError(await rejection(pending))).to.be.true;
        expect((await portalError(client({ timeout: 50 }).uploadAttachment(file))).code).to.equal('timeout');
        expect(server.answered, 'gave up before the server answered').to.be.false;
      } finally {
        server.release();
      }
    });
  });
});
