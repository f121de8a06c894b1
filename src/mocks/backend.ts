import { delay, HttpResponse, type HttpHandler } from 'msw';
import type { FieldError, Message, PortalConfig, Session, User } from '../api/types.js';
import { createHandlers } from './handlers.js';
import { MockProblem, problemResponse, validationProblem } from './problems.js';
import { createSeed, DEMO_OTP_CODE, SEED_USERS } from './seed.js';
import { cycle, type MockStore, type UserRecord } from './store.js';
import { isEmail, isHttpUrl } from './validation.js';

const MINUTE = 60_000;
/** How long an emailed one-time code stays valid. */
export const OTP_TTL_MS = 10 * MINUTE;
/** Wrong one-time codes allowed before verification is locked. */
export const OTP_MAX_ATTEMPTS = 5;
/** How long verification stays locked after too many wrong codes. */
export const OTP_LOCK_MS = 5 * MINUTE;
/** How long a magic link or SSO return code stays valid. */
export const EXCHANGE_CODE_TTL_MS = 15 * MINUTE;
/** The name of the session cookie set in cookie mode. */
export const SESSION_COOKIE = 'portal_session';

/** Options of `createMockBackend`; each has a runtime setter as well. */
export interface MockBackendOptions {
  /** Where the API lives: a path (`/api`, the default) or an absolute URL. */
  basePath?: string;
  /** The backend clock. Every time the backend reasons about (expiry, replies, seed dates) comes from it. */
  now?: () => Date;
  /** PRNG seed of the data; the same seed gives identical data. */
  seed?: number;
  /** Delay before every response, in ms (real time). Default 0. */
  latency?: number;
  /** Whether an agent answers a customer's message after `agentReplyDelayMs`. Default false. */
  agentReplies?: boolean;
  /** Backend-clock ms between a customer message and the simulated agent reply. Default 4000. */
  agentReplyDelayMs?: number;
  /** Session lifetime in ms. Default 8 hours. */
  sessionTtlMs?: number;
  /** Overrides of the portal configuration. */
  config?: Partial<PortalConfig>;
  /** Who SSO signs in as when the authorize URL has no `login_hint`. Default: the seeded admin. */
  ssoEmail?: string;
  /**
   * Keeps sessions, sign-in codes and members across page loads (the demo passes
   * `sessionStorage`, so a reload or an SSO round trip stays signed in). Default: none.
   */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** What a fault's `match` predicate is given. */
export interface FaultRequest {
  method: string;
  /** The path below the base path, such as `/tickets/tkt_1001`. */
  path: string;
  url: URL;
  request: Request;
}

/**
 * A failure to inject. Examples:
 * `{ match: 'GET /tickets', status: 500, times: 1 }`, `{ status: 429, retryAfter: 3 }`,
 * `{ network: true, match: 'POST /tickets/:id/messages' }`.
 */
export interface FaultSpec {
  /** HTTP status of the problem to answer with (default 500; ignored when `network`). */
  status?: number;
  /** Fail like a dropped connection (`HttpResponse.error()`, fetch rejects with a TypeError). */
  network?: boolean;
  /** How many matching requests fail; unlimited when omitted. */
  times?: number;
  /**
   * Which requests: `'METHOD /path'` or `'/path'` below the base path (`:param` matches one
   * segment, a trailing `*` the rest; `'*'` matches all), or a predicate. Default: all.
   */
  match?: string | ((request: FaultRequest) => boolean);
  /** `Retry-After` seconds; 429 and 503 get 1 when omitted. */
  retryAfter?: number;
  /** Problem `code`; default `fault_<status>`. */
  code?: string;
  /** Problem `detail`. */
  detail?: string;
  /**
   * `before` (default): the request fails without effect. `after`: the request takes effect
   * and then the response fails, as when a response is lost (the idempotency case).
   */
  phase?: 'before' | 'after';
}

/** A live injected fault. */
export interface FaultHandle {
  /** Stops the fault. */
  remove(): void;
  /** How many requests it failed so far. */
  readonly hits: number;
  /** Whether it still fails requests. */
  readonly active: boolean;
}

/** One handled request, for assertions. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The status answered; 0 for a simulated network failure. */
  status: number;
  /** Backend-clock time, ISO 8601. */
  at: string;
}

/** How a request was authenticated. */
export interface MockAuth {
  user: UserRecord;
  token: string;
  via: 'bearer' | 'cookie';
}

interface SessionRecord {
  token: string;
  userId: string;
  expiresAt: number;
  revoked: boolean;
}

interface OtpRecord {
  requestedAt: number;
  attempts: number;
  lockedUntil: number | null;
  signupName: string | null;
}

interface ExchangeCodeRecord {
  email: string;
  expiresAt: number;
  usedAt: number | null;
  redirectUrl: string;
}

interface PendingReply {
  ticketId: string;
  dueAt: number;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  hits: number;
  method: string | null;
  pattern: string[] | null;
}

interface StoredResponse {
  status: number;
  body: string;
  headers: [string, string][];
}

/** A default portal configuration that names real form fields. */
export function defaultPortalConfig(): PortalConfig {
  return {
    name: 'Fernwood Support',
    logoUrl: null,
    loginMethods: ['otp', 'magic_link', 'google', 'microsoft'],
    selfSignup: true,
    ticketCreation: true,
    kbVisibility: 'public',
    visibleTicketFields: ['product', 'environment', 'affected_version', 'billing_topic', 'invoice_number', 'request_type'],
    editableTicketFields: ['environment', 'affected_version'],
    ticketHistoryDays: 365,
    attachments: {
      maxBytes: 10 * 1024 * 1024,
      allowedTypes: ['image/*', 'application/pdf', 'text/plain', 'text/csv', 'application/zip'],
    },
    csat: true,
    locales: ['en'],
  };
}

function randomToken(prefix: string): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function parseMatch(match: string): { method: string | null; pattern: string[] | null } {
  const trimmed = match.trim();
  if (trimmed === '*') return { method: null, pattern: null };
  const space = trimmed.indexOf(' ');
  const method = space > 0 ? trimmed.slice(0, space).toUpperCase() : null;
  const path = (space > 0 ? trimmed.slice(space + 1) : trimmed).trim().split('?')[0] ?? '';
  return { method: method === '*' ? null : method, pattern: path.split('/').filter(Boolean) };
}

function pathMatches(pattern: string[], path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  for (let i = 0; i < pattern.length; i += 1) {
    const part = pattern[i] ?? '';
    if (part === '*' && i === pattern.length - 1) return true;
    const segment = segments[i];
    if (segment === undefined) return false;
    if (!part.startsWith(':') && part !== segment) return false;
  }
  return segments.length === pattern.length;
}

/**
 * An in-memory portal backend behind msw handlers for every endpoint of the REST contract, with
 * deterministic seed data and knobs for tests and the demo (clock, latency, faults, config,
 * simulated agent replies). Create one with `createMockBackend`; hand `backend.handlers` to
 * `setupWorker` (or use `startMockWorker`) in a browser, or to `setupServer` from `msw/node`.
 */
export class MockBackend {
  /** The base path (or URL) the handlers answer under, without a trailing slash. */
  readonly basePath: string;
  /** The msw request handlers; add overrides in front of them with `worker.use(...)`. */
  readonly handlers: HttpHandler[];
  /** Every request answered, oldest first (cleared by `reset()` and `clearRequestLog()`). */
  readonly requestLog: RequestLogEntry[] = [];

  #options: MockBackendOptions;
  #now: () => Date;
  #store!: MockStore;
  #config!: PortalConfig;
  #latency: number;
  #agentReplies: boolean;
  #agentReplyDelayMs: number;
  #faults: ActiveFault[] = [];
  #sessions = new Map<string, SessionRecord>();
  #otps = new Map<string, OtpRecord>();
  #codes = new Map<string, ExchangeCodeRecord>();
  #magicLinks = new Map<string, string>();
  #idempotency = new Map<string, StoredResponse>();
  #pendingReplies: PendingReply[] = [];
  #replySeq = 0;

  constructor(options: MockBackendOptions = {}) {
    this.#options = options;
    this.basePath = (options.basePath ?? '/api').replace(/\/+$/, '');
    this.#now = options.now ?? (() => new Date());
    this.#latency = options.latency ?? 0;
    this.#agentReplies = options.agentReplies ?? false;
    this.#agentReplyDelayMs = options.agentReplyDelayMs ?? 4000;
    this.#seed();
    this.#restore();
    this.handlers = createHandlers(this);
  }

  /** The backend clock's current time. */
  now(): Date {
    return this.#now();
  }

  /** The data, for assertions and for tests that arrange a particular state. Mutate with care. */
  get store(): MockStore {
    return this.#store;
  }

  /** The current portal configuration (a copy). */
  get config(): PortalConfig {
    return structuredClone(this.#config);
  }

  /** The current latency in ms. */
  get latency(): number {
    return this.#latency;
  }

  /**
   * Rebuilds the seed data, forgets sessions, codes, faults, pending replies and the log, and puts
   * every knob (config, latency, agent replies) back to the constructor options.
   */
  reset(): void {
    this.#seed();
    this.#faults = [];
    this.#latency = this.#options.latency ?? 0;
    this.#agentReplies = this.#options.agentReplies ?? false;
    this.#agentReplyDelayMs = this.#options.agentReplyDelayMs ?? 4000;
    this.#options.storage?.removeItem(this.#storageKey());
  }

  /** Changes the portal configuration (shallow merge; `attachments` merges one level deeper). */
  setConfig(partial: Partial<PortalConfig>): void {
    this.#config = {
      ...this.#config,
      ...partial,
      attachments: { ...this.#config.attachments, ...partial.attachments },
    };
  }

  /** Delays every response by `ms` (real time). */
  setLatency(ms: number): void {
    this.#latency = Math.max(0, ms);
  }

  /** Turns simulated agent replies on or off, optionally with a new delay. */
  setAgentReplies(enabled: boolean, delayMs?: number): void {
    this.#agentReplies = enabled;
    if (delayMs !== undefined) this.#agentReplyDelayMs = delayMs;
  }

  /** Makes matching requests fail; see `FaultSpec`. Returns a handle to stop it. */
  injectFault(spec: FaultSpec): FaultHandle {
    const { method, pattern } =
      typeof spec.match === 'string' ? parseMatch(spec.match) : { method: null, pattern: null };
    const fault: ActiveFault = { spec, remaining: spec.times ?? Infinity, hits: 0, method, pattern };
    this.#faults.push(fault);
    const faults = () => this.#faults;
    return {
      remove: () => {
        this.#faults = faults().filter((f) => f !== fault);
      },
      get hits() {
        return fault.hits;
      },
      get active() {
        return fault.remaining > 0 && faults().includes(fault);
      },
    };
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.#faults = [];
  }

  /** Empties `requestLog`. */
  clearRequestLog(): void {
    this.requestLog.length = 0;
  }

  /** Expires every session now (the next request with one gets 401 `session_expired`). */
  expireSessions(): void {
    const now = this.#now().getTime();
    for (const session of this.#sessions.values()) session.expiresAt = Math.min(session.expiresAt, now - 1);
    this.#persist();
  }

  /**
   * Signs a member in without HTTP, for tests and the demo: returns a session whose token works
   * as `Authorization: Bearer`. Throws for an unknown or deactivated email.
   */
  signIn(email: string): Session {
    const user = this.findUser(email);
    if (!user || user.status === 'deactivated') throw new Error(`No active member with email ${email}`);
    return this.createSession(user);
  }

  /** The code of the last magic link sent to `email` (undefined when none was sent). */
  lastMagicLinkCode(email: string): string | undefined {
    return this.#magicLinks.get(email.trim().toLowerCase());
  }

  /** The full URL of the last magic link sent to `email`: `redirectUrl#portal_code=…`. */
  lastMagicLinkUrl(email: string): string | undefined {
    const code = this.lastMagicLinkCode(email);
    const record = code ? this.#codes.get(code) : undefined;
    return code && record ? `${record.redirectUrl.split('#')[0]}#portal_code=${encodeURIComponent(code)}` : undefined;
  }

  /** Materializes every scheduled agent reply now, whatever the clock says. */
  flushAgentReplies(): Message[] {
    const due = this.#pendingReplies.splice(0);
    return due.map((reply) => this.addAgentReply(reply.ticketId, undefined, this.#now()));
  }

  /** How many simulated agent replies are scheduled. */
  get pendingAgentReplies(): number {
    return this.#pendingReplies.length;
  }

  /**
   * Adds an agent message to a ticket, as an agent answering would: the ticket becomes
   * `pending` (unless closed) and unread. For live-update tests and the demo.
   */
  addAgentReply(ticketId: string, body?: string, at: Date = this.#now()): Message {
    const ticket = this.#store.tickets.find((t) => t.id === ticketId);
    if (!ticket) throw new Error(`No ticket ${ticketId}`);
    this.#replySeq += 1;
    const agent = cycle(this.#store.agents, this.#replySeq);
    const canned = [
      'Thanks for the details! I am checking this with the team and will get back to you shortly.',
      'I could reproduce it. Could you try this in the meantime?\n\n```bash\nfernwood agent restart --clear-cache\n```',
      'Good news: a fix is rolling out today. I will keep this open until you confirm it works.',
    ];
    const message: Message = {
      id: `msg_r${String(this.#replySeq).padStart(5, '0')}_${ticketId}`,
      ticketId,
      author: agent,
      body: body ?? cycle(canned, this.#replySeq),
      attachments: [],
      createdAt: at.toISOString(),
      clientId: null,
    };
    this.#store.messages.get(ticketId)?.push(message);
    ticket.updatedAt = message.createdAt;
    ticket.unread = true;
    if (ticket.status !== 'closed') ticket.status = 'pending';
    return message;
  }

  // ----- used by the handlers (not part of the documented API) -----

  /** @internal Schedules a simulated agent reply, when they are on. */
  scheduleAgentReply(ticketId: string): void {
    if (!this.#agentReplies) return;
    this.#pendingReplies.push({ ticketId, dueAt: this.#now().getTime() + this.#agentReplyDelayMs });
  }

  /** @internal Materializes the agent replies that are due by the backend clock. */
  tick(): void {
    const now = this.#now().getTime();
    const due = this.#pendingReplies.filter((r) => r.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    if (due.length === 0) return;
    this.#pendingReplies = this.#pendingReplies.filter((r) => r.dueAt > now);
    for (const reply of due) this.addAgentReply(reply.ticketId, undefined, new Date(reply.dueAt));
  }

  /** @internal The path below the base path. */
  relativePath(url: URL): string {
    const base = new URL(this.basePath, 'http://base.invalid').pathname.replace(/\/+$/, '');
    return url.pathname.startsWith(base) ? url.pathname.slice(base.length) || '/' : url.pathname;
  }

  /** @internal Runs one request through latency, faults, the resolver and the request log. */
  async run(request: Request, execute: () => Promise<Response> | Response): Promise<Response> {
    if (this.#latency > 0) await delay(this.#latency);
    this.tick();
    const url = new URL(request.url);
    const info: FaultRequest = { method: request.method.toUpperCase(), path: this.relativePath(url), url, request };
    let response = this.#faultResponse(info, 'before');
    if (!response) {
      try {
        response = await execute();
      } catch (error) {
        if (error instanceof MockProblem) response = problemResponse(error);
        else {
          console.error('[portal-elements/mocks] handler failed', error);
          response = problemResponse(new MockProblem(500, 'internal', error instanceof Error ? error.message : String(error)));
        }
      }
      response = this.#faultResponse(info, 'after') ?? response;
    }
    this.requestLog.push({
      method: info.method,
      path: info.path,
      status: response.type === 'error' ? 0 : response.status,
      at: this.#now().toISOString(),
    });
    return response;
  }

  /** @internal Finds a member by email (case-insensitive). */
  findUser(email: string): UserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    return this.#store.users.find((u) => u.email.toLowerCase() === wanted);
  }

  /** @internal Adds a member and persists the member list. */
  addUser(user: UserRecord): UserRecord {
    this.#store.users.push(user);
    this.#persist();
    return user;
  }

  /** @internal Persists after member changes. */
  usersChanged(): void {
    this.#persist();
  }

  /** @internal Starts a session for a member (marks an invited member active). */
  createSession(user: UserRecord): Session {
    const now = this.#now();
    if (user.status === 'invited') user.status = 'active';
    user.lastSeenAt = now.toISOString();
    const ttl = this.#options.sessionTtlMs ?? 8 * 60 * MINUTE;
    const record: SessionRecord = { token: randomToken('ses'), userId: user.id, expiresAt: now.getTime() + ttl, revoked: false };
    this.#sessions.set(record.token, record);
    this.#persist();
    return { token: record.token, expiresAt: new Date(record.expiresAt).toISOString(), user: toUser(user) };
  }

  /** @internal Ends every session of a member (deactivation). */
  revokeSessionsOf(userId: string): void {
    for (const session of this.#sessions.values()) if (session.userId === userId) session.revoked = true;
    this.#persist();
  }

  /** @internal Ends one session. */
  revokeSession(token: string): void {
    const session = this.#sessions.get(token);
    if (session) session.revoked = true;
    this.#persist();
  }

  /**
   * @internal Authenticates by `Authorization: Bearer` or the session cookie. Throws 401
   * (`unauthenticated`, `session_invalid`, `session_expired`) or, for a cookie-authenticated
   * unsafe request without `X-Portal-CSRF: 1`, 403 `csrf`. With `optional`, returns null when
   * no credentials came.
   */
  authenticate(request: Request, cookies: Record<string, string>, optional = false): MockAuth | null {
    const header = request.headers.get('Authorization');
    let token: string | null = null;
    let via: MockAuth['via'] = 'bearer';
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new MockProblem(401, 'session_invalid', 'The Authorization header is not a bearer token.');
      token = match[1];
    } else {
      const cookie = request.credentials === 'omit' ? undefined : cookies[SESSION_COOKIE];
      // A cookie this backend never issued (left by another backend instance) counts as none.
      if (cookie && this.#sessions.has(cookie)) {
        token = cookie;
        via = 'cookie';
      }
    }
    if (!token) {
      if (optional) return null;
      throw new MockProblem(401, 'unauthenticated', 'Sign in to continue.');
    }
    const session = this.#sessions.get(token);
    if (!session) throw new MockProblem(401, 'session_invalid', 'This session is not known. Sign in again.');
    const user = this.#store.users.find((u) => u.id === session.userId);
    if (session.revoked || session.expiresAt <= this.#now().getTime() || !user || user.status === 'deactivated') {
      throw new MockProblem(401, 'session_expired', 'Your session has expired. Sign in again.');
    }
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method.toUpperCase());
    if (via === 'cookie' && unsafe && request.headers.get('X-Portal-CSRF') !== '1') {
      throw new MockProblem(403, 'csrf', 'Cookie-authenticated requests that change something must send X-Portal-CSRF: 1.');
    }
    user.lastSeenAt = this.#now().toISOString();
    return { user, token, via };
  }

  /** @internal The `Set-Cookie` value for a session (or for clearing it). */
  sessionCookie(token: string | null): string {
    if (!token) return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    const ttl = Math.round((this.#options.sessionTtlMs ?? 8 * 60 * MINUTE) / 1000);
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${ttl}`;
  }

  /** @internal `POST /auth/otp/start`. Never reveals whether the email has an account. */
  startOtp(email: unknown, name: unknown, signup: unknown): void {
    const errors: FieldError[] = [];
    if (!isEmail(email)) errors.push({ field: 'email', message: 'Enter a valid email address.' });
    if (name !== undefined && typeof name !== 'string') errors.push({ field: 'name', message: 'Name must be text.' });
    if (signup !== undefined && typeof signup !== 'boolean') errors.push({ field: 'signup', message: 'signup must be true or false.' });
    if (errors.length) throw validationProblem(errors);
    const key = (email as string).trim().toLowerCase();
    const now = this.#now().getTime();
    const previous = this.#otps.get(key);
    const locked = previous?.lockedUntil != null && previous.lockedUntil > now;
    this.#otps.set(key, {
      requestedAt: now,
      attempts: locked ? previous.attempts : 0,
      lockedUntil: locked ? previous.lockedUntil : null,
      signupName: signup === true ? ((name as string | undefined)?.trim() || (key.split('@')[0] ?? key)) : null,
    });
  }

  /** @internal `POST /auth/otp/verify`. */
  verifyOtp(email: unknown, code: unknown): Session {
    const errors: FieldError[] = [];
    if (!isEmail(email)) errors.push({ field: 'email', message: 'Enter a valid email address.' });
    if (typeof code !== 'string' || code.trim() === '') errors.push({ field: 'code', message: 'Enter the code from the email.' });
    if (errors.length) throw validationProblem(errors);
    const key = (email as string).trim().toLowerCase();
    const now = this.#now().getTime();
    const record = this.#otps.get(key);
    const invalid = () =>
      validationProblem([{ field: 'code', message: 'That code is not right. Check the email and try again.' }], 'otp_invalid');
    if (record?.lockedUntil != null) {
      if (record.lockedUntil > now) {
        throw new MockProblem(429, 'otp_too_many_attempts', 'Too many wrong codes. Wait a moment, then try again.', undefined, Math.ceil((record.lockedUntil - now) / 1000));
      }
      record.lockedUntil = null;
      record.attempts = 0;
    }
    if (!record) throw invalid();
    if (now - record.requestedAt > OTP_TTL_MS) {
      throw validationProblem([{ field: 'code', message: 'That code has expired. Ask for a new one.' }], 'otp_expired');
    }
    let user = this.findUser(key);
    if (!user && record.signupName && this.#config.selfSignup) {
      user = this.addUser({
        id: randomToken('usr').slice(0, 16),
        email: key,
        name: record.signupName,
        role: 'customer',
        status: 'active',
        invitedAt: null,
        lastSeenAt: null,
      });
    }
    if ((code as string).trim() !== DEMO_OTP_CODE || !user || user.status === 'deactivated') {
      record.attempts += 1;
      if (record.attempts >= OTP_MAX_ATTEMPTS) record.lockedUntil = now + OTP_LOCK_MS;
      throw invalid();
    }
    this.#otps.delete(key);
    return this.createSession(user);
  }

  /** @internal `POST /auth/magic-link/start`: records a code when the email may sign in. */
  startMagicLink(email: unknown, redirectUrl: unknown): void {
    const errors: FieldError[] = [];
    if (!isEmail(email)) errors.push({ field: 'email', message: 'Enter a valid email address.' });
    if (!isHttpUrl(redirectUrl)) errors.push({ field: 'redirectUrl', message: 'redirectUrl must be an absolute http(s) URL.' });
    if (errors.length) throw validationProblem(errors);
    const user = this.findUser(email as string);
    if (!user || user.status === 'deactivated') return;
    const code = this.mintExchangeCode(user.email, redirectUrl as string);
    this.#magicLinks.set(user.email.toLowerCase(), code);
  }

  /** @internal Creates a one-use code for `POST /auth/code/exchange`. */
  mintExchangeCode(email: string, redirectUrl: string): string {
    const code = randomToken('code');
    this.#codes.set(code, { email, expiresAt: this.#now().getTime() + EXCHANGE_CODE_TTL_MS, usedAt: null, redirectUrl });
    this.#persist();
    return code;
  }

  /** @internal `POST /auth/code/exchange`. */
  exchangeCode(code: unknown): Session {
    if (typeof code !== 'string' || code === '') throw validationProblem([{ field: 'code', message: 'code is required.' }]);
    const record = this.#codes.get(code);
    const fail = (problemCode: string, message: string) => validationProblem([{ field: 'code', message }], problemCode);
    if (!record) throw fail('code_invalid', 'This sign-in link is not valid.');
    if (record.usedAt !== null) throw fail('code_used', 'This sign-in link was already used. Ask for a new one.');
    if (record.expiresAt <= this.#now().getTime()) throw fail('code_expired', 'This sign-in link has expired. Ask for a new one.');
    const user = this.findUser(record.email);
    if (!user || user.status === 'deactivated') throw fail('code_invalid', 'This sign-in link is not valid.');
    record.usedAt = this.#now().getTime();
    return this.createSession(user);
  }

  /** @internal The member SSO signs in as. */
  ssoUser(loginHint: string | null): UserRecord {
    const hinted = loginHint ? this.findUser(loginHint) : undefined;
    if (hinted && hinted.status !== 'deactivated') return hinted;
    const fallback = this.findUser(this.#options.ssoEmail ?? SEED_USERS.admin.email);
    if (!fallback) throw new MockProblem(500, 'sso_user_missing', 'The SSO user does not exist.');
    return fallback;
  }

  /**
   * @internal `POST /auth/identity`: accepts any JWT-shaped token (three base64url parts) whose
   * payload has `email` and `name`. THE SIGNATURE IS NOT VERIFIED: this is a mock. An `exp` in
   * the past is rejected. Unknown emails become new customers, as a host-site login would.
   */
  signInWithIdentity(token: unknown): Session {
    const invalid = () => new MockProblem(401, 'identity_invalid', 'The identity token is not valid.');
    if (typeof token !== 'string') throw invalid();
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) throw invalid();
    let payload: unknown;
    try {
      const b64 = (parts[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
      const binary = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='));
      payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    } catch {
      throw invalid();
    }
    if (typeof payload !== 'object' || payload === null) throw invalid();
    const { email, name, exp } = payload as { email?: unknown; name?: unknown; exp?: unknown };
    if (!isEmail(email) || typeof name !== 'string' || name.trim() === '') throw invalid();
    if (typeof exp === 'number' && exp * 1000 <= this.#now().getTime()) throw invalid();
    let user = this.findUser(email);
    if (user?.status === 'deactivated') throw invalid();
    user ??= this.addUser({
      id: randomToken('usr').slice(0, 16),
      email: email.trim().toLowerCase(),
      name: name.trim(),
      role: 'customer',
      status: 'active',
      invitedAt: null,
      lastSeenAt: null,
    });
    return this.createSession(user);
  }

  /** @internal Replays a stored response for an idempotency key, or undefined. */
  idempotentReplay(key: string): Response | undefined {
    const stored = this.#idempotency.get(key);
    if (!stored) return undefined;
    const headers = new Headers(stored.headers);
    headers.set('Idempotent-Replayed', 'true');
    return new HttpResponse(stored.body, { status: stored.status, headers });
  }

  /** @internal Stores a successful response under its idempotency key. */
  async idempotentStore(key: string, response: Response): Promise<void> {
    this.#idempotency.set(key, {
      status: response.status,
      body: await response.clone().text(),
      headers: [...response.headers.entries()].filter(([name]) => name.toLowerCase() !== 'set-cookie'),
    });
  }

  #faultResponse(info: FaultRequest, phase: 'before' | 'after'): Response | null {
    const fault = this.#faults.find((f) => {
      if ((f.spec.phase ?? 'before') !== phase || f.remaining <= 0) return false;
      if (typeof f.spec.match === 'function') return f.spec.match(info);
      if (f.method && f.method !== info.method) return false;
      return !f.pattern || pathMatches(f.pattern, info.path);
    });
    if (!fault) return null;
    fault.remaining -= 1;
    fault.hits += 1;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault);
    if (fault.spec.network) return HttpResponse.error();
    const status = fault.spec.status ?? 500;
    const retryAfter = fault.spec.retryAfter ?? (status === 429 || status === 503 ? 1 : undefined);
    return problemResponse(
      new MockProblem(status, fault.spec.code ?? `fault_${status}`, fault.spec.detail ?? 'Injected fault.', undefined, retryAfter),
    );
  }

  #seed(): void {
    this.#store = createSeed({ now: this.#now(), basePath: this.basePath, seed: this.#options.seed });
    this.#config = { ...defaultPortalConfig(), ...this.#options.config };
    this.#config.attachments = { ...defaultPortalConfig().attachments, ...this.#options.config?.attachments };
    this.#sessions.clear();
    this.#otps.clear();
    this.#codes.clear();
    this.#magicLinks.clear();
    this.#idempotency.clear();
    this.#pendingReplies = [];
    this.#replySeq = 0;
    this.requestLog.length = 0;
  }

  #storageKey(): string {
    return `portal-elements/mocks:${this.basePath}`;
  }

  #persist(): void {
    const storage = this.#options.storage;
    if (!storage) return;
    storage.setItem(
      this.#storageKey(),
      JSON.stringify({ sessions: [...this.#sessions.values()], codes: [...this.#codes.entries()], users: this.#store.users }),
    );
  }

  #restore(): void {
    const raw = this.#options.storage?.getItem(this.#storageKey());
    if (!raw) return;
    try {
      const saved = JSON.parse(raw) as { sessions: SessionRecord[]; codes: [string, ExchangeCodeRecord][]; users: UserRecord[] };
      for (const session of saved.sessions) this.#sessions.set(session.token, session);
      for (const [code, record] of saved.codes) this.#codes.set(code, record);
      if (Array.isArray(saved.users) && saved.users.length) this.#store.users = saved.users;
    } catch {
      this.#options.storage?.removeItem(this.#storageKey());
    }
  }
}

/** The `User` shape of a member. */
export function toUser(user: UserRecord): User {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Creates a mock backend with deterministic seed data. In a browser:
 * `await startMockWorker(createMockBackend())`; in Node: `setupServer(...backend.handlers)`.
 */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  return new MockBackend(options);
}
