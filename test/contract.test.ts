// Every handler of the mock backend answers as openapi.yaml says: each operation of the spec is
// driven (success and error paths), each status is one the operation declares (or `default`),
// each JSON body validates against the declared schema, and errors are application/problem+json.
import { expect } from '@open-wc/testing';
import { Validator, type Schema } from '@cfworker/json-schema';
import type { SetupWorker } from 'msw/browser';
import { parse } from 'yaml';
import {
  createIdentityToken,
  createManualClock,
  createMockBackend,
  DEMO_OTP_CODE,
  SEED_USERS,
  startMockWorker,
  type MockBackend,
} from '../src/mocks/index.js';

type JsonObject = Record<string, unknown>;
interface Spec {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, JsonObject> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const covered = new Map<string, Set<number>>();
let spec: Spec;
let defs: Record<string, unknown>;
let worker: SetupWorker;
let backend: MockBackend;
const clock = createManualClock('2025-06-02T09:00:00Z');

function rewriteRefs(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(/#\/components\/schemas\//g, '#/$defs/')) as unknown;
}

function deref(value: JsonObject): JsonObject {
  const ref = value['$ref'];
  if (typeof ref !== 'string') return value;
  const name = ref.replace('#/components/responses/', '');
  const target = spec.components.responses[name];
  if (!target) throw new Error(`Unresolved ${ref}`);
  return target;
}

interface CallOptions {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  form?: FormData;
  token?: string;
  headers?: Record<string, string>;
}

/** Calls one operation by its spec path template and checks the answer against the spec. */
async function call(method: string, template: string, options: CallOptions = {}): Promise<{ status: number; body: unknown; res: Response }> {
  let path = template;
  for (const [k, v] of Object.entries(options.params ?? {})) path = path.replace(`{${k}}`, encodeURIComponent(v));
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (['POST'].includes(method) && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', crypto.randomUUID());
  const res = await fetch(`/api${path}${options.query ? `?${options.query}` : ''}`, {
    method,
    headers,
    body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const operation = spec.paths[template]?.[method.toLowerCase()] as JsonObject | undefined;
  expect(operation, `${method} ${template} is in the spec`).to.exist;
  const responses = operation!['responses'] as Record<string, JsonObject>;
  const declared = responses[String(res.status)] ?? responses['default'];
  expect(declared, `${method} ${template} declares ${res.status} or default`).to.exist;
  const response = deref(declared!);
  const content = response['content'] as Record<string, { schema: unknown }> | undefined;
  const contentType = (res.headers.get('Content-Type') ?? '').split(';')[0]!.trim();
  const text = await res.text();
  let body: unknown = text;
  if (!content) {
    expect(text, `${method} ${template} ${res.status} has no body`).to.equal('');
  } else {
    const media = content[contentType];
    expect(media, `${method} ${template} ${res.status} declares ${contentType}`).to.exist;
    if (res.status >= 400) expect(contentType).to.equal('application/problem+json');
    if (contentType.endsWith('json')) body = JSON.parse(text) as unknown;
    const schema = { $defs: defs, ...(rewriteRefs(media!.schema) as JsonObject) } as Schema;
    const result = new Validator(schema, '2020-12', false).validate(body);
    expect(result.valid, `${method} ${template} ${res.status}: ${JSON.stringify(result.errors.slice(0, 3))}`).to.be.true;
  }
  if (res.status === 429 || res.status === 503) expect(res.headers.get('Retry-After')).to.match(/^\d+$/);
  const key = `${method.toLowerCase()} ${template}`;
  if (!covered.has(key)) covered.set(key, new Set());
  covered.get(key)!.add(res.status);
  return { status: res.status, body, res };
}

describe('mock backend conforms to openapi.yaml', () => {
  let admin: string;
  let customer: string;

  before(async () => {
    spec = parse(await (await fetch('/src/api/openapi.yaml')).text()) as Spec;
    defs = rewriteRefs(spec.components.schemas) as Record<string, unknown>;
    backend = createMockBackend({ now: clock.now });
    worker = await startMockWorker(backend, { quiet: true });
  });

  after(() => worker.stop());

  beforeEach(() => {
    clock.set('2025-06-02T09:00:00Z');
    backend.reset();
    admin = backend.signIn(SEED_USERS.admin.email).token;
    customer = backend.signIn(SEED_USERS.customer.email).token;
  });

  it('has a validator that rejects bodies that break the schema', () => {
    const ticket = { $defs: defs, $ref: '#/$defs/Ticket' } as Schema;
    expect(new Validator(ticket, '2020-12', false).validate({ id: 1 }).valid).to.be.false;
    const provider = { $defs: defs, $ref: '#/$defs/AuthProvider' } as Schema;
    expect(new Validator(provider, '2020-12', false).validate({ id: 'g', name: 'G', authorizeUrl: 'not a uri' }).valid).to.be.false;
  });

  it('GET /portal', async () => {
    expect((await call('GET', '/portal')).status).to.equal(200);
    backend.injectFault({ match: 'GET /portal', status: 503, times: 1 });
    expect((await call('GET', '/portal')).status).to.equal(503);
  });

  it('otp start and verify', async () => {
    expect((await call('POST', '/auth/otp/start', { body: { email: SEED_USERS.customer.email } })).status).to.equal(202);
    expect((await call('POST', '/auth/otp/start', { body: { email: 'not an email' } })).status).to.equal(422);
    backend.injectFault({ match: 'POST /auth/otp/start', status: 429, retryAfter: 30, times: 1 });
    expect((await call('POST', '/auth/otp/start', { body: { email: SEED_USERS.customer.email } })).status).to.equal(429);
    expect((await call('POST', '/auth/otp/verify', { body: { email: SEED_USERS.customer.email, code: '000000' } })).status).to.equal(422);
    expect((await call('POST', '/auth/otp/verify', { body: { email: SEED_USERS.customer.email, code: DEMO_OTP_CODE } })).status).to.equal(200);
    await call('POST', '/auth/otp/start', { body: { email: SEED_USERS.customer2.email } });
    for (let i = 0; i < 5; i += 1) await call('POST', '/auth/otp/verify', { body: { email: SEED_USERS.customer2.email, code: '999999' } });
    expect((await call('POST', '/auth/otp/verify', { body: { email: SEED_USERS.customer2.email, code: DEMO_OTP_CODE } })).status).to.equal(429);
  });

  it('magic link, providers, code exchange, identity', async () => {
    const redirectUrl = `${location.origin}/demo/`;
    expect((await call('POST', '/auth/magic-link/start', { body: { email: SEED_USERS.customer.email, redirectUrl } })).status).to.equal(202);
    expect((await call('POST', '/auth/magic-link/start', { body: { email: 'x', redirectUrl: 'nope' } })).status).to.equal(422);
    const code = backend.lastMagicLinkCode(SEED_USERS.customer.email)!;
    expect((await call('POST', '/auth/code/exchange', { body: { code } })).status).to.equal(200);
    expect((await call('POST', '/auth/code/exchange', { body: { code } })).status).to.equal(422);
    const providers = await call('GET', '/auth/providers');
    expect(providers.status).to.equal(200);
    expect((providers.body as unknown[]).length).to.equal(2);
    const token = createIdentityToken({ email: 'host.user@northwind-labs.example', name: 'Host User' });
    expect((await call('POST', '/auth/identity', { body: { token } })).status).to.equal(200);
    expect((await call('POST', '/auth/identity', { body: { token: 'not-a-jwt' } })).status).to.equal(401);
  });

  it('me and logout', async () => {
    expect((await call('GET', '/me', { token: customer })).status).to.equal(200);
    expect((await call('GET', '/me')).status).to.equal(401);
    expect((await call('POST', '/auth/logout', { token: customer })).status).to.equal(204);
    expect((await call('GET', '/me', { token: customer })).status).to.equal(401);
  });

  it('ticket forms and ticket list', async () => {
    expect((await call('GET', '/ticket-forms', { token: customer })).status).to.equal(200);
    expect((await call('GET', '/ticket-forms')).status).to.equal(401);
    const list = await call('GET', '/tickets', { token: admin, query: 'scope=organization&limit=100' });
    expect(list.status).to.equal(200);
    expect((list.body as { items: unknown[] }).items.length).to.be.greaterThan(20);
    expect((await call('GET', '/tickets', { token: customer, query: 'scope=organization' })).status).to.equal(403);
    expect((await call('GET', '/tickets', { token: customer, query: 'status=bogus' })).status).to.equal(422);
    expect((await call('GET', '/tickets')).status).to.equal(401);
  });

  it('create, read and update a ticket', async () => {
    const created = await call('POST', '/tickets', {
      token: customer,
      body: { formId: 'form_billing', subject: 'Refund please', body: 'Charged twice', fields: { billing_topic: 'refund', refund_amount: 20 }, attachmentIds: [] },
    });
    expect(created.status).to.equal(201);
    const id = (created.body as { id: string }).id;
    expect((await call('POST', '/tickets', { token: customer, body: { subject: '', body: '', fields: {}, attachmentIds: [] } })).status).to.equal(422);
    expect((await call('POST', '/tickets', { token: customer, headers: { 'Idempotency-Key': 'short' }, body: { subject: 'x', body: 'y', fields: {}, attachmentIds: [] } })).status).to.equal(400);
    expect((await call('GET', '/tickets/{id}', { token: customer, params: { id } })).status).to.equal(200);
    expect((await call('GET', '/tickets/{id}', { token: customer, params: { id: 'tkt_nope' } })).status).to.equal(404);
    expect((await call('GET', '/tickets/{id}', { token: customer2(), params: { id } })).status).to.equal(403);
    expect((await call('PATCH', '/tickets/{id}', { token: customer, params: { id }, body: { status: 'closed' } })).status).to.equal(200);
    expect((await call('PATCH', '/tickets/{id}', { token: customer, params: { id }, body: { status: 'solved' } })).status).to.equal(422);
  });

  it('messages and satisfaction', async () => {
    const mine = backend.store.tickets.find((t) => t.requesterId === SEED_USERS.customer.id && t.status === 'solved')!;
    const page = await call('GET', '/tickets/{id}/messages', { token: customer, params: { id: mine.id }, query: 'limit=5' });
    expect(page.status).to.equal(200);
    expect((await call('GET', '/tickets/{id}/messages', { token: customer, params: { id: 'tkt_nope' } })).status).to.equal(404);
    expect((await call('POST', '/tickets/{id}/satisfaction', { token: customer, params: { id: mine.id }, body: { rating: 'good', comment: 'Thanks' } })).status).to.equal(200);
    expect((await call('POST', '/tickets/{id}/messages', { token: customer, params: { id: mine.id }, body: { body: 'Hi again', attachmentIds: [], clientId: 'c-1' } })).status).to.equal(201);
    expect((await call('POST', '/tickets/{id}/messages', { token: customer, params: { id: mine.id }, body: { body: '', attachmentIds: [], clientId: 'c-2' } })).status).to.equal(422);
    // The reply reopened it, so it can no longer be rated.
    expect((await call('POST', '/tickets/{id}/satisfaction', { token: customer, params: { id: mine.id }, body: { rating: 'bad' } })).status).to.equal(409);
  });

  it('attachments', async () => {
    const form = () => {
      const data = new FormData();
      data.append('file', new File(['hello'], 'hello.txt', { type: 'text/plain' }));
      return data;
    };
    expect((await call('POST', '/attachments', { token: customer, form: form() })).status).to.equal(201);
    const bad = new FormData();
    bad.append('file', new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }));
    expect((await call('POST', '/attachments', { token: customer, form: bad })).status).to.equal(422);
    backend.setConfig({ attachments: { maxBytes: 2, allowedTypes: ['text/plain'] } });
    expect((await call('POST', '/attachments', { token: customer, form: form() })).status).to.equal(413);
    expect((await call('POST', '/attachments', { form: form() })).status).to.equal(401);
  });

  it('members', async () => {
    expect((await call('GET', '/members', { token: admin })).status).to.equal(200);
    expect((await call('GET', '/members', { token: customer })).status).to.equal(403);
    expect((await call('POST', '/members/invitations', { token: admin, body: { email: 'new.person@northwind-labs.example', role: 'customer' } })).status).to.equal(201);
    expect((await call('POST', '/members/invitations', { token: admin, body: { email: SEED_USERS.customer.email, role: 'customer' } })).status).to.equal(409);
    expect((await call('POST', '/members/invitations', { token: admin, body: { email: 'bad', role: 'boss' } })).status).to.equal(422);
    expect((await call('POST', '/members/{id}/reinvite', { token: admin, params: { id: 'usr_tomas' } })).status).to.equal(200);
    expect((await call('POST', '/members/{id}/reinvite', { token: admin, params: { id: 'usr_priya' } })).status).to.equal(409);
    expect((await call('PATCH', '/members/{id}', { token: admin, params: { id: 'usr_marcus' }, body: { role: 'customer_admin' } })).status).to.equal(200);
    expect((await call('PATCH', '/members/{id}', { token: admin, params: { id: SEED_USERS.admin.id }, body: { status: 'deactivated' } })).status).to.equal(409);
    expect((await call('PATCH', '/members/{id}', { token: admin, params: { id: 'usr_nobody' }, body: { role: 'customer' } })).status).to.equal(404);
    expect((await call('PATCH', '/members/{id}', { token: admin, params: { id: 'usr_marcus' }, body: { status: 'invited' } })).status).to.equal(422);
    const csv = await call('GET', '/members/export', { token: admin });
    expect(csv.status).to.equal(200);
    expect(String(csv.body).split('\r\n')[0]).to.equal('name,email,role,status,invitedAt,lastSeenAt');
    expect((await call('GET', '/members/export', { token: customer })).status).to.equal(403);
  });

  it('knowledge base', async () => {
    expect((await call('GET', '/kb/collections')).status).to.equal(200);
    expect((await call('GET', '/kb/articles', { query: 'q=api' })).status).to.equal(200);
    expect((await call('GET', '/kb/articles/{id}', { params: { id: 'art_001' } })).status).to.equal(200);
    expect((await call('GET', '/kb/articles/{id}', { params: { id: 'art_nope' } })).status).to.equal(404);
    expect((await call('POST', '/kb/articles/{id}/feedback', { params: { id: 'art_001' }, body: { helpful: true } })).status).to.equal(204);
    expect((await call('POST', '/kb/articles/{id}/feedback', { params: { id: 'art_001' }, body: { helpful: 'yes' } })).status).to.equal(422);
    backend.setConfig({ kbVisibility: 'authenticated' });
    expect((await call('GET', '/kb/collections')).status).to.equal(401);
    expect((await call('GET', '/kb/articles')).status).to.equal(401);
  });

  it('answers a network-level fault and a 500 on any operation', async () => {
    backend.injectFault({ match: 'GET /tickets/:id', status: 500, times: 1 });
    expect((await call('GET', '/tickets/{id}', { token: admin, params: { id: 'tkt_1001' } })).status).to.equal(500);
  });

  it('covers every operation of the spec', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of Object.keys(item).filter((m) => METHODS.includes(m))) {
        const statuses = covered.get(`${method} ${path}`);
        if (!statuses) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing, 'operations never exercised').to.deep.equal([]);
    const withoutError = [...covered].filter(([, s]) => ![...s].some((status) => status >= 400)).map(([k]) => k);
    expect(withoutError, 'operations without an error path exercised').to.deep.equal(['get /auth/providers', 'post /auth/logout']);
  });
});

function customer2(): string {
  return backend.signIn(SEED_USERS.customer2.email).token;
}
