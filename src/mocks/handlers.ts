import { http, HttpResponse, type HttpHandler } from 'msw';
import type {
  Article,
  ArticleSummary,
  AuthProvider,
  FieldError,
  FieldValue,
  Member,
  Message,
  Ticket,
  TicketPriority,
  TicketStatus,
} from '../api/types.js';
import type { MockAuth, MockBackend } from './backend.js';
import { toUser } from './backend.js';
import { MockProblem, validationProblem } from './problems.js';
import { decodeCursor, encodeCursor, markdownToText, truncate, type TicketRecord, type UserRecord } from './store.js';
import { isEmail, validateFieldValue, validateFields } from './validation.js';

type Json = Record<string, unknown>;
type Method = 'get' | 'post' | 'patch';

interface RouteContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  cookies: Record<string, string>;
}

const DAY = 86_400_000;
const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const MAX_MESSAGE_LENGTH = 65_536;

function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return HttpResponse.json(body as Json, { status, headers });
}

async function readJson(request: Request): Promise<Json> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new MockProblem(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationProblem([{ field: 'body', message: 'The request body must be a JSON object.' }], 'invalid_body');
  }
  return body as Json;
}

function isFieldValue(value: unknown): value is FieldValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every((v) => typeof v === 'string'))
  );
}

function fieldValues(value: unknown, errors: FieldError[]): Record<string, FieldValue> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ field: 'fields', message: 'fields must be an object.' });
    return {};
  }
  const out: Record<string, FieldValue> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isFieldValue(v)) out[key] = v;
    else errors.push({ field: key, message: 'Not a valid field value.' });
  }
  return out;
}

function parseLimit(url: URL): number {
  const raw = url.searchParams.get('limit');
  if (raw === null) return 25;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw validationProblem([{ field: 'limit', message: 'limit must be an integer from 1 to 100.' }]);
  }
  return limit;
}

function parseOffset(url: URL, kind: string): number {
  const cursor = url.searchParams.get('cursor');
  if (cursor === null || cursor === '') return 0;
  const offset = decodeCursor(kind, cursor);
  if (offset === null) throw validationProblem([{ field: 'cursor', message: 'This cursor is not valid.' }]);
  return offset;
}

function page<T>(items: T[], offset: number, limit: number, kind: string): { items: T[]; nextCursor: string | null } {
  const slice = items.slice(offset, offset + limit);
  return { items: slice, nextCursor: offset + limit < items.length ? encodeCursor(kind, offset + limit) : null };
}

function commaList<T extends string>(url: URL, name: string, allowed: readonly T[]): T[] | null {
  const raw = url.searchParams.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (raw.length === 0) return null;
  const bad = raw.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length) throw validationProblem([{ field: name, message: `Unknown ${name}: ${bad.join(', ')}.` }]);
  return raw as T[];
}

function oneOf<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw validationProblem([{ field: name, message: `${name} must be one of ${allowed.join(', ')}.` }]);
  }
  return raw as T;
}

function toMember(user: UserRecord): Member {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    invitedAt: user.invitedAt,
    lastSeenAt: user.lastSeenAt,
  };
}

function csvCell(value: string | null): string {
  let text = value ?? '';
  // Cells starting with a formula character are neutralized (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function snippet(text: string, terms: string[]): string {
  const lower = text.toLowerCase();
  const index = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (index === undefined) return truncate(text, 160);
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - 60)) + 1);
  const body = truncate(text.slice(start), 160);
  return start > 0 ? `…${body}` : body;
}

function typeAllowed(contentType: string, allowed: string[]): boolean {
  const type = (contentType.toLowerCase().split(';')[0] ?? '').trim();
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    return p === '*/*' || p === type || (p.endsWith('/*') && type.startsWith(p.slice(0, -1)));
  });
}

/**
 * The msw handlers for every endpoint of the REST contract (plus `GET {base}/files/:id`, which
 * serves attachments, and `GET {base}/sso/:provider/authorize`, the mock identity provider), all
 * answered from `backend`. A final catch-all answers unknown paths below the base with a 404
 * problem. Used by `MockBackend`; call it yourself only to build handlers for a second base path.
 */
export function createHandlers(backend: MockBackend): HttpHandler[] {
  const base = backend.basePath;
  const store = () => backend.store;
  const config = () => backend.config;
  const now = () => backend.now();

  function route(method: Method, path: string, resolve: (ctx: RouteContext) => Promise<Response> | Response): HttpHandler {
    return http[method](`${base}${path}`, ({ request, params, cookies }) =>
      backend.run(request, () => {
        const flat: Record<string, string> = {};
        for (const [key, value] of Object.entries(params)) if (typeof value === 'string') flat[key] = value;
        return resolve({ request, url: new URL(request.url), params: flat, cookies });
      }),
    );
  }

  function auth(ctx: RouteContext): MockAuth {
    const who = backend.authenticate(ctx.request, ctx.cookies);
    if (!who) throw new MockProblem(401, 'unauthenticated', 'Sign in to continue.');
    return who;
  }

  /** Requests that create something must carry an Idempotency-Key; a repeated key replays the first success. */
  async function idempotent(ctx: RouteContext, who: MockAuth, create: () => Promise<Response> | Response): Promise<Response> {
    const key = ctx.request.headers.get('Idempotency-Key');
    if (!key || key.length < 8 || key.length > 128) {
      throw new MockProblem(400, 'idempotency_key_required', 'Send an Idempotency-Key header of 8 to 128 characters.');
    }
    const storeKey = `${who.user.id} ${ctx.request.method} ${backend.relativePath(ctx.url)} ${key}`;
    const replay = backend.idempotentReplay(storeKey);
    if (replay) return replay;
    const response = await create();
    // Only successes are remembered: a request that failed may be retried with the same key.
    if (response.ok) await backend.idempotentStore(storeKey, response);
    return response;
  }

  function signedIn(session: ReturnType<MockBackend['createSession']>, request: Request): Response {
    // The cookie is set only for cookie-mode clients (credentials: 'include'), so bearer-mode
    // pages and tests never pick up cookie state from msw's cookie store.
    const headers: Record<string, string> = {};
    if (request.credentials === 'include') headers['Set-Cookie'] = backend.sessionCookie(session.token);
    return json(session, 200, headers);
  }

  function user(id: string): UserRecord | undefined {
    return store().users.find((u) => u.id === id);
  }

  function toTicket(ticket: TicketRecord): Ticket {
    const thread = store().messages.get(ticket.id) ?? [];
    const last = thread[thread.length - 1];
    const requester = user(ticket.requesterId);
    const shown = new Set([...config().visibleTicketFields, ...config().editableTicketFields]);
    const fields: Record<string, FieldValue> = {};
    for (const [key, value] of Object.entries(ticket.fields)) if (shown.has(key)) fields[key] = value;
    return {
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      requester: requester
        ? { id: requester.id, name: requester.name, email: requester.email }
        : { id: ticket.requesterId, name: 'Former member', email: 'former.member@invalid.example' },
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
      lastMessageAt: last?.createdAt ?? ticket.createdAt,
      preview: truncate(markdownToText(last?.body ?? ''), 160),
      fields,
      formId: ticket.formId,
      satisfaction: ticket.satisfaction ? { ...ticket.satisfaction } : null,
      unread: ticket.unread,
    };
  }

  function ticketFor(ctx: RouteContext, who: MockAuth): TicketRecord {
    const ticket = store().tickets.find((t) => t.id === ctx.params['id']);
    if (!ticket) throw new MockProblem(404, 'ticket_not_found', 'There is no such ticket.');
    if (ticket.requesterId !== who.user.id && who.user.role !== 'customer_admin') {
      throw new MockProblem(403, 'ticket_forbidden', 'Only the requester and customer admins can see this ticket.');
    }
    return ticket;
  }

  function addMessage(ticket: TicketRecord, message: Omit<Message, 'id' | 'ticketId' | 'createdAt'>): Message {
    const thread = store().messages.get(ticket.id) ?? [];
    const created: Message = {
      id: `msg_${ticket.number}_${String(thread.length + 1).padStart(4, '0')}_${now().getTime().toString(36)}`,
      ticketId: ticket.id,
      createdAt: now().toISOString(),
      ...message,
    };
    thread.push(created);
    store().messages.set(ticket.id, thread);
    ticket.updatedAt = created.createdAt;
    return created;
  }

  function takeAttachments(ids: unknown, who: MockAuth, usedBy: string, errors: FieldError[]) {
    if (ids === undefined) return [];
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      errors.push({ field: 'attachmentIds', message: 'attachmentIds must be a list of ids.' });
      return [];
    }
    const files = ids.map((id) => store().files.get(id)).filter((f) => f !== undefined);
    if (files.length !== ids.length || files.some((f) => f.ownerId !== who.user.id || (f.usedBy !== null && f.usedBy !== usedBy))) {
      errors.push({ field: 'attachmentIds', message: 'Upload each file first; a file can be attached once.' });
      return [];
    }
    return files;
  }

  function requireAdmin(who: MockAuth, code = 'members_forbidden'): void {
    if (who.user.role !== 'customer_admin') {
      throw new MockProblem(403, code, 'Only customer admins can do this. Ask an admin of your organization.');
    }
  }

  /** A public knowledge base needs no session (a stale token must not break it); otherwise 401. */
  function kbAuth(ctx: RouteContext): void {
    if (config().kbVisibility !== 'public') backend.authenticate(ctx.request, ctx.cookies);
  }

  function article(ctx: RouteContext): Article {
    const found = store().articles.find((a) => a.id === ctx.params['id']);
    if (!found) throw new MockProblem(404, 'article_not_found', 'There is no such article.');
    return found;
  }

  function member(ctx: RouteContext): UserRecord {
    const found = store().users.find((u) => u.id === ctx.params['id']);
    if (!found) throw new MockProblem(404, 'member_not_found', 'There is no such member.');
    return found;
  }

  return [
    // ----- portal and auth -----
    route('get', '/portal', () => json(config())),

    route('post', '/auth/otp/start', async ({ request }) => {
      const body = await readJson(request);
      backend.startOtp(body['email'], body['name'], body['signup']);
      return json({ resendAfterSeconds: 30, codeLength: 6 }, 202);
    }),

    route('post', '/auth/otp/verify', async ({ request }) => {
      const body = await readJson(request);
      return signedIn(backend.verifyOtp(body['email'], body['code']), request);
    }),

    route('post', '/auth/magic-link/start', async ({ request }) => {
      const body = await readJson(request);
      backend.startMagicLink(body['email'], body['redirectUrl']);
      return new HttpResponse(null, { status: 202 });
    }),

    route('get', '/auth/providers', ({ url }) => {
      const names: Record<string, string> = { google: 'Google', microsoft: 'Microsoft', saml: 'Company SSO' };
      const providers: AuthProvider[] = config()
        .loginMethods.filter((m) => m in names)
        .map((id) => ({ id, name: names[id] ?? id, authorizeUrl: new URL(`${base}/sso/${id}/authorize`, url).href }));
      return json(providers);
    }),

    route('get', '/sso/:provider/authorize', ({ url, params, request }) => {
      if (!['google', 'microsoft', 'saml'].includes(params['provider'] ?? '')) {
        throw new MockProblem(404, 'provider_not_found', 'There is no such sign-in provider.');
      }
      const fallback = request.referrer && request.referrer !== 'about:client' ? request.referrer : new URL('/', url).href;
      const target = new URL(url.searchParams.get('redirect_uri') ?? fallback, url);
      if (target.origin !== url.origin) throw validationProblem([{ field: 'redirect_uri', message: 'redirect_uri must be on this site.' }]);
      const code = backend.mintExchangeCode(backend.ssoUser(url.searchParams.get('login_hint')).email, target.href);
      target.hash = `portal_code=${encodeURIComponent(code)}`;
      return new HttpResponse(null, { status: 302, headers: { Location: target.href } });
    }),

    route('post', '/auth/code/exchange', async ({ request }) => {
      const body = await readJson(request);
      return signedIn(backend.exchangeCode(body['code']), request);
    }),

    route('post', '/auth/identity', async ({ request }) => {
      const body = await readJson(request);
      return signedIn(backend.signInWithIdentity(body['token']), request);
    }),

    route('get', '/me', (ctx) => {
      const who = auth(ctx);
      return json({ user: toUser(who.user), organization: store().organization });
    }),

    route('post', '/auth/logout', (ctx) => {
      let who: MockAuth | null = null;
      try {
        who = backend.authenticate(ctx.request, ctx.cookies, true);
      } catch (error) {
        // Signing out of an expired or unknown session is fine; a CSRF failure is not.
        if (error instanceof MockProblem && error.code === 'csrf') throw error;
      }
      if (who) backend.revokeSession(who.token);
      return new HttpResponse(null, { status: 204, headers: { 'Set-Cookie': backend.sessionCookie(null) } });
    }),

    // ----- tickets -----
    route('get', '/ticket-forms', (ctx) => {
      auth(ctx);
      return json(store().forms);
    }),

    route('get', '/tickets', (ctx) => {
      const who = auth(ctx);
      const { url } = ctx;
      const scope = oneOf(url, 'scope', ['mine', 'organization'] as const, 'mine');
      if (scope === 'organization' && who.user.role !== 'customer_admin') {
        throw new MockProblem(403, 'organization_scope_forbidden', "Only customer admins can see the organization's tickets.");
      }
      const statuses = commaList(url, 'status', STATUSES);
      const priorities = commaList(url, 'priority', PRIORITIES);
      const sort = oneOf(url, 'sort', ['updated', 'created'] as const, 'updated');
      const order = oneOf(url, 'order', ['asc', 'desc'] as const, 'desc');
      const sinceRaw = url.searchParams.get('since');
      const since = sinceRaw ? Date.parse(sinceRaw) : null;
      if (since !== null && Number.isNaN(since)) {
        throw validationProblem([{ field: 'since', message: 'since must be an ISO 8601 date-time.' }]);
      }
      const limit = parseLimit(url);
      const offset = parseOffset(url, 'tickets');
      // Without `since`, tickets not updated within ticketHistoryDays are not listed (they stay
      // reachable by id); an explicit `since` replaces that window, so older ones can be asked for.
      const cutoff = since ?? now().getTime() - config().ticketHistoryDays * DAY;
      const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
      const key = sort === 'created' ? 'createdAt' : 'updatedAt';
      const items = store()
        .tickets.filter((t) => scope === 'organization' || t.requesterId === who.user.id)
        .filter((t) => Date.parse(t.updatedAt) >= cutoff)
        .filter((t) => !statuses || statuses.includes(t.status))
        .filter((t) => !priorities || priorities.includes(t.priority))
        .filter((t) => since === null || Date.parse(t.updatedAt) >= since)
        .map(toTicket)
        .filter(
          (t) =>
            !q ||
            String(t.number) === q.replace(/^#/, '') ||
            t.subject.toLowerCase().includes(q) ||
            t.preview.toLowerCase().includes(q),
        )
        .sort((a, b) => {
          const diff = Date.parse(a[key]) - Date.parse(b[key]) || a.number - b.number;
          return order === 'asc' ? diff : -diff;
        });
      return json(page(items, offset, limit, 'tickets'));
    }),

    route('post', '/tickets', async (ctx) => {
      const who = auth(ctx);
      return idempotent(ctx, who, async () => {
        if (!config().ticketCreation) {
          throw new MockProblem(403, 'ticket_creation_disabled', 'Creating tickets is turned off for this portal.');
        }
        const body = await readJson(ctx.request);
        const errors: FieldError[] = [];
        const subject = typeof body['subject'] === 'string' ? body['subject'].trim() : '';
        if (!subject) errors.push({ field: 'subject', message: 'Subject is required.' });
        else if (subject.length > 200) errors.push({ field: 'subject', message: 'Subject must be at most 200 characters.' });
        const text = typeof body['body'] === 'string' ? body['body'] : '';
        if (!text.trim()) errors.push({ field: 'body', message: 'Describe the problem.' });
        else if (text.length > MAX_MESSAGE_LENGTH) errors.push({ field: 'body', message: 'The description is too long.' });
        const priority = body['priority'] ?? 'normal';
        if (!(PRIORITIES as readonly unknown[]).includes(priority)) {
          errors.push({ field: 'priority', message: `priority must be one of ${PRIORITIES.join(', ')}.` });
        }
        const formId = body['formId'];
        const form = typeof formId === 'string' ? store().forms.find((f) => f.id === formId) ?? null : null;
        if (formId !== undefined && formId !== null && !form) errors.push({ field: 'formId', message: 'Unknown ticket form.' });
        const submitted = fieldValues(body['fields'], errors);
        const checked = validateFields(form, submitted);
        errors.push(...checked.errors);
        const ticketId = `tkt_${store().nextTicketNumber}`;
        const files = takeAttachments(body['attachmentIds'], who, ticketId, errors);
        if (errors.length) throw validationProblem(errors);
        const number = store().nextTicketNumber++;
        const created = now().toISOString();
        const ticket: TicketRecord = {
          id: ticketId,
          number,
          subject,
          status: 'new',
          priority: priority as TicketPriority,
          requesterId: who.user.id,
          createdAt: created,
          updatedAt: created,
          fields: checked.values,
          formId: form?.id ?? null,
          satisfaction: null,
          unread: false,
        };
        store().tickets.push(ticket);
        for (const file of files) file.usedBy = ticketId;
        addMessage(ticket, {
          author: { id: who.user.id, name: who.user.name, kind: 'customer', avatarUrl: null },
          body: text,
          attachments: files.map((f) => ({ ...f.attachment })),
          clientId: null,
        });
        backend.scheduleAgentReply(ticket.id);
        return json(toTicket(ticket), 201);
      });
    }),

    route('get', '/tickets/:id', (ctx) => json(toTicket(ticketFor(ctx, auth(ctx))))),

    route('patch', '/tickets/:id', async (ctx) => {
      const who = auth(ctx);
      const ticket = ticketFor(ctx, who);
      const body = await readJson(ctx.request);
      const errors: FieldError[] = [];
      const status = body['status'];
      if (status !== undefined && status !== 'open' && status !== 'closed') {
        errors.push({ field: 'status', message: 'status can only be open or closed.' });
      }
      const submitted = fieldValues(body['fields'], errors);
      const form = store().forms.find((f) => f.id === ticket.formId);
      const editable = new Set(config().editableTicketFields);
      for (const [key, value] of Object.entries(submitted)) {
        const field = form?.fields.find((f) => f.key === key);
        if (!editable.has(key) || !field) {
          errors.push({ field: key, message: 'This field cannot be changed.' });
          continue;
        }
        const message = validateFieldValue(field, value);
        if (message) errors.push({ field: key, message });
      }
      if (errors.length) throw validationProblem(errors);
      const cleared = Object.entries(submitted).filter(([, v]) => v === null || v === '').map(([k]) => k);
      ticket.fields = Object.fromEntries(
        Object.entries({ ...ticket.fields, ...submitted }).filter(([k]) => !cleared.includes(k)),
      );
      const system = store().system;
      if (status === 'closed' && ticket.status !== 'closed') {
        ticket.status = 'closed';
        addMessage(ticket, { author: system, body: `${who.user.name} closed this ticket.`, attachments: [], clientId: null });
      } else if (status === 'open' && ticket.status !== 'open') {
        ticket.status = 'open';
        addMessage(ticket, { author: system, body: `${who.user.name} reopened this ticket.`, attachments: [], clientId: null });
      } else if (Object.keys(submitted).length) {
        ticket.updatedAt = now().toISOString();
      }
      return json(toTicket(ticket));
    }),

    route('get', '/tickets/:id/messages', (ctx) => {
      const who = auth(ctx);
      const ticket = ticketFor(ctx, who);
      const thread = store().messages.get(ticket.id) ?? [];
      const limit = parseLimit(ctx.url);
      const after = ctx.url.searchParams.get('after');
      const before = ctx.url.searchParams.get('before');
      if (after) {
        const index = thread.findIndex((m) => m.id === after);
        if (index < 0) throw validationProblem([{ field: 'after', message: 'No message with that id on this ticket.' }]);
        // The oldest `limit` messages after that one; ask again with the last id while pages are full.
        if (ticket.requesterId === who.user.id) ticket.unread = false;
        return json({ items: thread.slice(index + 1, index + 1 + limit), nextCursor: null });
      }
      let end = thread.length;
      if (before) {
        const decoded = decodeCursor('messages', before);
        if (decoded === null || decoded > thread.length) {
          throw validationProblem([{ field: 'before', message: 'This cursor is not valid.' }]);
        }
        end = decoded;
      } else if (ticket.requesterId === who.user.id) {
        ticket.unread = false;
      }
      const start = Math.max(0, end - limit);
      return json({ items: thread.slice(start, end), nextCursor: start > 0 ? encodeCursor('messages', start) : null });
    }),

    route('post', '/tickets/:id/messages', async (ctx) => {
      const who = auth(ctx);
      const ticket = ticketFor(ctx, who);
      return idempotent(ctx, who, async () => {
        const body = await readJson(ctx.request);
        const errors: FieldError[] = [];
        const text = typeof body['body'] === 'string' ? body['body'] : '';
        if (!text.trim()) errors.push({ field: 'body', message: 'Write a message.' });
        else if (text.length > MAX_MESSAGE_LENGTH) errors.push({ field: 'body', message: 'The message is too long.' });
        const clientId = body['clientId'];
        if (typeof clientId !== 'string' || clientId === '') errors.push({ field: 'clientId', message: 'clientId is required.' });
        const thread = store().messages.get(ticket.id) ?? [];
        const duplicate = thread.find((m) => m.clientId === clientId && m.author.id === who.user.id);
        if (duplicate && !errors.length) return json(duplicate, 201);
        const messageKey = `${ticket.id}:${String(clientId)}`;
        const files = takeAttachments(body['attachmentIds'], who, messageKey, errors);
        if (errors.length) throw validationProblem(errors);
        for (const file of files) file.usedBy = messageKey;
        const message = addMessage(ticket, {
          author: { id: who.user.id, name: who.user.name, kind: 'customer', avatarUrl: null },
          body: text,
          attachments: files.map((f) => ({ ...f.attachment })),
          clientId: clientId as string,
        });
        // A customer's reply puts the ticket back in the agents' court.
        if (['solved', 'closed', 'pending'].includes(ticket.status)) ticket.status = 'open';
        backend.scheduleAgentReply(ticket.id);
        return json(message, 201);
      });
    }),

    route('post', '/tickets/:id/satisfaction', async (ctx) => {
      const who = auth(ctx);
      const ticket = ticketFor(ctx, who);
      const body = await readJson(ctx.request);
      const errors: FieldError[] = [];
      const rating = body['rating'];
      if (rating !== 'good' && rating !== 'bad') errors.push({ field: 'rating', message: 'rating must be good or bad.' });
      const comment = body['comment'];
      if (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000)) {
        errors.push({ field: 'comment', message: 'The comment must be text of at most 2000 characters.' });
      }
      if (errors.length) throw validationProblem(errors);
      if (!config().csat) throw new MockProblem(409, 'csat_disabled', 'Satisfaction ratings are turned off.');
      if (ticket.status !== 'solved' && ticket.status !== 'closed') {
        throw new MockProblem(409, 'not_solved', 'Only solved or closed tickets can be rated.');
      }
      ticket.satisfaction = { rating: rating as 'good' | 'bad', comment: typeof comment === 'string' && comment.trim() ? comment : null };
      ticket.updatedAt = now().toISOString();
      return json(toTicket(ticket));
    }),

    route('post', '/attachments', async (ctx) => {
      const who = auth(ctx);
      return idempotent(ctx, who, async () => {
        let form: FormData;
        try {
          form = await ctx.request.formData();
        } catch {
          throw validationProblem([{ field: 'file', message: 'Send the file as multipart/form-data.' }]);
        }
        const file = form.get('file');
        if (!(file instanceof Blob)) throw validationProblem([{ field: 'file', message: 'Choose a file to upload.' }]);
        const { maxBytes, allowedTypes } = config().attachments;
        if (file.size > maxBytes) {
          throw new MockProblem(413, 'too_large', `Files can be at most ${Math.floor(maxBytes / 1048576)} MB.`);
        }
        const contentType = file.type || 'application/octet-stream';
        if (!typeAllowed(contentType, allowedTypes)) {
          throw validationProblem([{ field: 'file', message: `Files of type ${contentType} are not allowed.` }], 'type_not_allowed');
        }
        const id = `att_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
        const name = file instanceof File && file.name ? file.name : 'upload';
        const attachment = { id, name, size: file.size, contentType, url: `${base}/files/${id}` };
        store().files.set(id, { attachment, blob: file, ownerId: who.user.id, usedBy: null });
        return json(attachment, 201);
      });
    }),

    // Attachments are served without a session: img/a tags send no bearer token, and the id is
    // unguessable. Only images, PDF and plain text render inline; everything else downloads.
    route('get', '/files/:id', ({ params }) => {
      const file = store().files.get(params['id'] ?? '');
      if (!file) throw new MockProblem(404, 'file_not_found', 'There is no such file.');
      const type = file.attachment.contentType;
      const inline = /^(image\/(png|jpeg|gif|webp|svg\+xml)|application\/pdf|text\/plain)$/.test(type);
      return new HttpResponse(file.blob, {
        headers: {
          'Content-Type': type,
          'Content-Length': String(file.blob.size),
          'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.attachment.name.replace(/["\\\r\n]/g, '_')}"`,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        },
      });
    }),

    // ----- members -----
    route('get', '/members', (ctx) => {
      const who = auth(ctx);
      requireAdmin(who);
      const { url } = ctx;
      const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
      const roleParam = url.searchParams.get('role');
      const role = roleParam ? oneOf(url, 'role', ['customer', 'customer_admin'] as const, 'customer') : null;
      const statusParam = url.searchParams.get('status');
      const status = statusParam ? oneOf(url, 'status', ['active', 'invited', 'deactivated'] as const, 'active') : null;
      const limit = parseLimit(url);
      const offset = parseOffset(url, 'members');
      const items = store()
        .users.filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q))
        .filter((u) => !role || u.role === role)
        .filter((u) => !status || u.status === status)
        .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id))
        .map(toMember);
      return json(page(items, offset, limit, 'members'));
    }),

    route('post', '/members/invitations', async (ctx) => {
      const who = auth(ctx);
      requireAdmin(who);
      return idempotent(ctx, who, async () => {
        const body = await readJson(ctx.request);
        const errors: FieldError[] = [];
        const email = body['email'];
        if (!isEmail(email)) errors.push({ field: 'email', message: 'Enter a valid email address.' });
        const role = body['role'];
        if (role !== 'customer' && role !== 'customer_admin') errors.push({ field: 'role', message: 'Choose a role.' });
        const name = body['name'];
        if (name !== undefined && (typeof name !== 'string' || name.length > 200)) {
          errors.push({ field: 'name', message: 'The name must be text of at most 200 characters.' });
        }
        if (errors.length) throw validationProblem(errors);
        if (backend.findUser(email as string)) {
          throw new MockProblem(409, 'already_member', `${String(email)} is already a member of this organization.`);
        }
        const normalized = (email as string).trim().toLowerCase();
        const created = backend.addUser({
          id: `usr_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`,
          email: normalized,
          name: typeof name === 'string' && name.trim() ? name.trim() : (normalized.split('@')[0] ?? normalized),
          role: role as UserRecord['role'],
          status: 'invited',
          invitedAt: now().toISOString(),
          lastSeenAt: null,
        });
        return json(toMember(created), 201);
      });
    }),

    route('get', '/members/export', (ctx) => {
      requireAdmin(auth(ctx));
      const rows = [...store().users]
        .sort((a, b) => a.name.localeCompare(b.name, 'en'))
        .map((u) => [u.name, u.email, u.role, u.status, u.invitedAt, u.lastSeenAt].map(csvCell).join(','));
      const csv = ['name,email,role,status,invitedAt,lastSeenAt', ...rows].join('\r\n') + '\r\n';
      return new HttpResponse(csv, {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="members.csv"' },
      });
    }),

    route('post', '/members/:id/reinvite', (ctx) => {
      requireAdmin(auth(ctx));
      const target = member(ctx);
      if (target.status !== 'invited') throw new MockProblem(409, 'not_invited', 'Only pending invitations can be sent again.');
      target.invitedAt = now().toISOString();
      backend.usersChanged();
      return json(toMember(target));
    }),

    route('patch', '/members/:id', async (ctx) => {
      const who = auth(ctx);
      requireAdmin(who);
      const target = member(ctx);
      const body = await readJson(ctx.request);
      const errors: FieldError[] = [];
      const role = body['role'];
      const status = body['status'];
      if (role !== undefined && role !== 'customer' && role !== 'customer_admin') errors.push({ field: 'role', message: 'Choose a role.' });
      if (status !== undefined && status !== 'active' && status !== 'deactivated') {
        errors.push({ field: 'status', message: 'status must be active or deactivated.' });
      }
      if (errors.length) throw validationProblem(errors);
      if (target.id === who.user.id && ((role !== undefined && role !== target.role) || status === 'deactivated')) {
        throw new MockProblem(409, 'self_change', 'You cannot change your own role or deactivate yourself. Ask another admin.');
      }
      if (status === 'active' && target.status === 'invited') {
        throw new MockProblem(409, 'invitation_pending', 'This person has not accepted the invitation yet.');
      }
      if (role !== undefined) target.role = role as UserRecord['role'];
      if (status === 'deactivated' && target.status !== 'deactivated') {
        target.status = 'deactivated';
        backend.revokeSessionsOf(target.id);
      } else if (status === 'active') {
        target.status = 'active';
      }
      backend.usersChanged();
      return json(toMember(target));
    }),

    // ----- knowledge base -----
    route('get', '/kb/collections', (ctx) => {
      kbAuth(ctx);
      return json({
        items: store().collections.map((c) => ({
          ...c,
          articleCount: store().articles.filter((a) => a.collectionId === c.id).length,
        })),
      });
    }),

    route('get', '/kb/articles', (ctx) => {
      kbAuth(ctx);
      const { url } = ctx;
      const terms = (url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const collectionId = url.searchParams.get('collectionId');
      const limit = parseLimit(url);
      const offset = parseOffset(url, 'articles');
      const scored = store()
        .articles.filter((a) => !collectionId || a.collectionId === collectionId)
        .map((a) => {
          const text = markdownToText(a.body);
          const haystack = `${a.title} ${text}`.toLowerCase();
          const matches = terms.every((t) => haystack.includes(t));
          const score = terms.filter((t) => a.title.toLowerCase().includes(t)).length;
          const summary: ArticleSummary = {
            id: a.id,
            title: a.title,
            snippet: snippet(text, terms),
            collectionId: a.collectionId,
            updatedAt: a.updatedAt,
          };
          return { summary, matches, score };
        })
        .filter((s) => s.matches)
        .sort((a, b) => b.score - a.score || Date.parse(b.summary.updatedAt) - Date.parse(a.summary.updatedAt) || a.summary.id.localeCompare(b.summary.id));
      return json(page(scored.map((s) => s.summary), offset, limit, 'articles'));
    }),

    route('get', '/kb/articles/:id', (ctx) => {
      kbAuth(ctx);
      return json(article(ctx));
    }),

    route('post', '/kb/articles/:id/feedback', async (ctx) => {
      kbAuth(ctx);
      const found = article(ctx);
      const body = await readJson(ctx.request);
      if (typeof body['helpful'] !== 'boolean') throw validationProblem([{ field: 'helpful', message: 'helpful must be true or false.' }]);
      if (body['helpful']) found.votes.up += 1;
      else found.votes.down += 1;
      return new HttpResponse(null, { status: 204 });
    }),

    // Anything else below the base path is a 404 problem, so a typo never reaches the network.
    http.all(`${base}/*`, ({ request }) =>
      backend.run(request, () => {
        throw new MockProblem(404, 'not_found', `No such endpoint: ${request.method} ${backend.relativePath(new URL(request.url))}`);
      }),
    ),
  ];
}
