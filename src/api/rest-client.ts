import type { ClientAuthEvent, PortalClient } from './client.js';
import { PortalError, isPortalError } from './errors.js';
import type {
  Article,
  ArticlePage,
  Attachment,
  AuthProvider,
  CollectionList,
  CreateMessageRequest,
  CreateOptions,
  CreateTicketRequest,
  FeedbackRequest,
  InvitationRequest,
  ListArticlesQuery,
  ListMembersQuery,
  ListMessagesQuery,
  ListTicketsQuery,
  MagicLinkStartRequest,
  Me,
  Member,
  MemberPage,
  Message,
  MessagePage,
  OtpStartRequest,
  OtpStartResponse,
  OtpVerifyRequest,
  PortalConfig,
  FieldError,
  RequestOptions,
  SatisfactionRequest,
  Session,
  Ticket,
  TicketForm,
  TicketPage,
  UpdateMemberRequest,
  UpdateTicketRequest,
  UploadOptions,
} from './types.js';

/** How failed requests are retried. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** The first backoff window; it doubles on each retry. Default 300. */
  baseDelayMs?: number;
  /** The longest wait, backoff or `Retry-After`; a longer `Retry-After` is not waited for. Default 10000. */
  maxDelayMs?: number;
}

/** Options of `createRestClient`. */
export interface RestClientOptions {
  /** Where the contract's paths live, absolute or relative: `/api`, `https://help.example.com/api`. */
  baseUrl: string;
  /**
   * `omit` (default): bearer mode, the token goes in `Authorization`. `include`: cookie mode, the
   * session is an HttpOnly cookie, unsafe requests carry `X-Portal-CSRF: 1` and no token is sent.
   */
  credentials?: 'omit' | 'include';
  /** The bearer token to start with. */
  token?: string | null;
  /** Milliseconds to wait for an answer before failing with code `timeout`. Default 15000. */
  timeout?: number;
  retry?: RetryOptions;
  /** The fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** Waits between retries; a seam for tests. Defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
}

type QueryValue = string | number | boolean | readonly string[] | undefined;

/** One call of the contract, as the retry loop needs it. */
interface Call {
  method: 'GET' | 'POST' | 'PATCH';
  /** Relative to the base URL, without a leading slash. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  json?: unknown;
  /** Sent as `Idempotency-Key`; its presence makes a POST safe to retry. */
  idempotencyKey?: string;
  /** A sign-in endpoint: its 401 is a wrong code or token, not an expired session. */
  signIn?: boolean;
  /** Read the body as a Blob (the CSV export) instead of JSON. */
  as?: 'blob';
  upload?: { file: File; onProgress: ((loaded: number, total: number) => void) | undefined };
}

interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

const RETRY_SAFE = new Set([408, 429, 500, 502, 503, 504]);
// The Idempotency-Key makes a repeated create harmless, but only these answers say "nothing happened, try again".
const RETRY_IDEMPOTENT = new Set([429, 503]);

/** The `PortalClient` for the REST contract in openapi.yaml, over fetch (XMLHttpRequest for uploads). */
export class RestPortalClient implements PortalClient {
  readonly #fetch: (request: Request) => Promise<Response>;
  readonly #baseUrl: string;
  readonly #cookieMode: boolean;
  readonly #timeout: number;
  readonly #retry: RetryOptions;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #listeners = new Set<(event: ClientAuthEvent) => void>();
  readonly #inFlight = new Map<string, InFlight>();
  #token: string | null;
  /** Bumped whenever the session changes, so a 401 expires only the session it was sent with. */
  #epoch = 0;

  constructor(options: RestClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#cookieMode = options.credentials === 'include';
    this.#token = this.#cookieMode ? null : (options.token ?? null);
    this.#timeout = options.timeout ?? 15_000;
    this.#retry = options.retry ?? {};
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    // Looked up per call, so a fetch wrapped after the client was made (a test, an APM agent) is used.
    this.#fetch = options.fetch ?? ((request) => fetch(request));
  }

  /** The bearer token in use; always null in cookie mode, where the session lives in a cookie. */
  get token(): string | null {
    return this.#token;
  }

  /** Sets or clears the bearer token (ignored for requests in cookie mode) and tells the listeners. */
  setToken(token: string | null): void {
    if (!this.#cookieMode) this.#token = token;
    this.#epoch++;
    this.#emit({ type: 'token', token });
  }

  /** Listens for `token` changes and for `expired` (a 401 outside sign-in, once per session). */
  onAuthEvent(listener: (event: ClientAuthEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  getPortalConfig(options?: RequestOptions): Promise<PortalConfig> {
    return this.#call('GET', 'portal', options);
  }

  startOtp(body: OtpStartRequest, options?: RequestOptions): Promise<OtpStartResponse> {
    return this.#call('POST', 'auth/otp/start', options, { json: body, signIn: true });
  }

  verifyOtp(body: OtpVerifyRequest, options?: RequestOptions): Promise<Session> {
    return this.#call('POST', 'auth/otp/verify', options, { json: body, signIn: true });
  }

  startMagicLink(body: MagicLinkStartRequest, options?: RequestOptions): Promise<void> {
    return this.#call('POST', 'auth/magic-link/start', options, { json: body, signIn: true });
  }

  listAuthProviders(options?: RequestOptions): Promise<AuthProvider[]> {
    return this.#call('GET', 'auth/providers', options);
  }

  exchangeCode(code: string, options?: RequestOptions): Promise<Session> {
    return this.#call('POST', 'auth/code/exchange', options, { json: { code }, signIn: true });
  }

  signInWithIdentity(token: string, options?: RequestOptions): Promise<Session> {
    return this.#call('POST', 'auth/identity', options, { json: { token }, signIn: true });
  }

  getMe(options?: RequestOptions): Promise<Me> {
    return this.#call('GET', 'me', options);
  }

  logout(options?: RequestOptions): Promise<void> {
    return this.#call('POST', 'auth/logout', options);
  }

  listTicketForms(options?: RequestOptions): Promise<TicketForm[]> {
    return this.#call('GET', 'ticket-forms', options);
  }

  listTickets(query?: ListTicketsQuery, options?: RequestOptions): Promise<TicketPage> {
    return this.#call('GET', 'tickets', options, { query });
  }

  createTicket(body: CreateTicketRequest, options?: CreateOptions): Promise<Ticket> {
    return this.#call('POST', 'tickets', options, { json: body, idempotencyKey: keyOf(options) });
  }

  getTicket(id: string, options?: RequestOptions): Promise<Ticket> {
    return this.#call('GET', path`tickets/${id}`, options);
  }

  updateTicket(id: string, body: UpdateTicketRequest, options?: RequestOptions): Promise<Ticket> {
    return this.#call('PATCH', path`tickets/${id}`, options, { json: body });
  }

  listMessages(ticketId: string, query?: ListMessagesQuery, options?: RequestOptions): Promise<MessagePage> {
    return this.#call('GET', path`tickets/${ticketId}/messages`, options, { query });
  }

  createMessage(ticketId: string, body: CreateMessageRequest, options?: CreateOptions): Promise<Message> {
    return this.#call('POST', path`tickets/${ticketId}/messages`, options, { json: body, idempotencyKey: keyOf(options) });
  }

  rateTicket(ticketId: string, body: SatisfactionRequest, options?: RequestOptions): Promise<Ticket> {
    return this.#call('POST', path`tickets/${ticketId}/satisfaction`, options, { json: body });
  }

  /** Sends `file` as the multipart field `file`, reporting progress to `options.onProgress`. */
  uploadAttachment(file: File, options?: UploadOptions): Promise<Attachment> {
    const upload = { file, onProgress: options?.onProgress };
    return this.#call('POST', 'attachments', options, { idempotencyKey: keyOf(options), upload });
  }

  listMembers(query?: ListMembersQuery, options?: RequestOptions): Promise<MemberPage> {
    return this.#call('GET', 'members', options, { query });
  }

  inviteMember(body: InvitationRequest, options?: CreateOptions): Promise<Member> {
    return this.#call('POST', 'members/invitations', options, { json: body, idempotencyKey: keyOf(options) });
  }

  reinviteMember(id: string, options?: RequestOptions): Promise<Member> {
    return this.#call('POST', path`members/${id}/reinvite`, options);
  }

  updateMember(id: string, body: UpdateMemberRequest, options?: RequestOptions): Promise<Member> {
    return this.#call('PATCH', path`members/${id}`, options, { json: body });
  }

  exportMembers(options?: RequestOptions): Promise<Blob> {
    return this.#call('GET', 'members/export', options, { as: 'blob' });
  }

  listCollections(options?: RequestOptions): Promise<CollectionList> {
    return this.#call('GET', 'kb/collections', options);
  }

  listArticles(query?: ListArticlesQuery, options?: RequestOptions): Promise<ArticlePage> {
    return this.#call('GET', 'kb/articles', options, { query });
  }

  getArticle(id: string, options?: RequestOptions): Promise<Article> {
    return this.#call('GET', path`kb/articles/${id}`, options);
  }

  sendArticleFeedback(id: string, body: FeedbackRequest, options?: RequestOptions): Promise<void> {
    return this.#call('POST', path`kb/articles/${id}/feedback`, options, { json: body });
  }

  /**
   * Runs a call. GETs in flight for the same URL and session are shared: each caller waits with
   * its own signal and gets its own copy; the shared request is aborted once every caller has.
   */
  async #call<T>(method: Call['method'], path: string, options: RequestOptions | undefined, rest?: Partial<Call>): Promise<T> {
    const call: Call = { method, path, ...rest };
    const signal = options?.signal;
    signal?.throwIfAborted();
    const url = `${this.#baseUrl}/${path}${queryString(call.query)}`;
    if (method !== 'GET') return (await this.#withRetries(call, url, signal)) as T;

    const key = `${url} #${this.#epoch}`;
    const entry = this.#inFlight.get(key) ?? this.#share(key, call, url);
    entry.waiters++;
    const onAbort = (): void => {
      if (--entry.waiters) return;
      this.#inFlight.delete(key);
      entry.controller.abort(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return structuredClone(await abortable(entry.promise, signal)) as T;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Starts a GET that callers can share until it settles. */
  #share(key: string, call: Call, url: string): InFlight {
    const controller = new AbortController();
    const entry: InFlight = { controller, waiters: 0, promise: this.#withRetries(call, url, controller.signal) };
    const forget = (): void => {
      if (this.#inFlight.get(key) === entry) this.#inFlight.delete(key);
    };
    entry.promise.then(forget, forget);
    this.#inFlight.set(key, entry);
    return entry;
  }

  /** Sends a call, retrying what the policy allows; resolves to the parsed body. */
  async #withRetries(call: Call, url: string, signal: AbortSignal | undefined): Promise<unknown> {
    const { limit = 2, baseDelayMs = 300, maxDelayMs = 10_000 } = this.#retry;
    const retryOn = call.method === 'GET' ? RETRY_SAFE : call.idempotencyKey ? RETRY_IDEMPOTENT : undefined;
    for (let attempt = 0; ; attempt++) {
      const epoch = this.#epoch;
      let error: PortalError;
      let retryable: boolean;
      try {
        const response = await this.#send(call, url, signal);
        const { ok, status } = response;
        let body: unknown;
        try {
          body = ok && call.as ? await response.blob() : await response.text();
          if (typeof body === 'string') body = body ? JSON.parse(body) : undefined;
        } catch (cause) {
          // A body cut off by an abort is the abort; an error body that is not JSON is still the error.
          signal?.throwIfAborted();
          if (ok) throw new PortalError({ status, code: 'invalid_response', title: 'Unreadable response', cause });
        }
        if (ok) return body;
        error = toPortalError(response, body);
        retryable = retryOn?.has(status) ?? false;
        if (status === 401 && !call.signIn) this.#expire(epoch);
      } catch (cause) {
        // Timeouts are not retried: each one already cost the whole timeout.
        if (!isPortalError(cause) || cause.code !== 'network') throw cause;
        error = cause;
        retryable = retryOn !== undefined;
      }
      const waitMs =
        error.retryAfter !== undefined
          ? error.retryAfter * 1000
          : Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      // Reading an error body may race an abort, which must win over the error it left behind.
      signal?.throwIfAborted();
      // A Retry-After beyond the cap fails at once with retryAfter set, so the UI can say how long.
      if (!retryable || attempt >= limit || waitMs > maxDelayMs) throw error;
      await abortable(this.#sleep(waitMs), signal);
    }
  }

  /**
   * One attempt: resolves to any HTTP answer, rejects with a status-0 PortalError or the abort
   * reason. The timeout covers the wait for the answer's headers, as a fetch timeout usually does;
   * an upload restarts it on each progress event, so a slow upload that is still moving goes on.
   */
  async #send(call: Call, url: string, signal: AbortSignal | undefined): Promise<Response> {
    const headers = new Headers({ Accept: call.as === 'blob' ? '*/*' : 'application/json, application/problem+json' });
    // Always null in cookie mode.
    if (this.#token) headers.set('Authorization', `Bearer ${this.#token}`);
    if (this.#cookieMode && call.method !== 'GET') headers.set('X-Portal-CSRF', '1');
    if (call.idempotencyKey) headers.set('Idempotency-Key', call.idempotencyKey);
    const deadline = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restartTimeout = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => deadline.abort(), this.#timeout);
    };
    restartTimeout();
    const stop = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    try {
      const { upload } = call;
      let body: BodyInit | undefined;
      if (upload) {
        const form = new FormData();
        form.append('file', upload.file, upload.file.name);
        if (typeof XMLHttpRequest !== 'undefined') {
          return await sendWithXhr(url, headers, form, upload, this.#cookieMode, stop, restartTimeout);
        }
        // No XHR (Node, workers): the form goes through fetch; progress is reported once, at the end.
        body = form;
      } else if (call.json !== undefined) {
        body = JSON.stringify(call.json);
        headers.set('Content-Type', 'application/json');
      }
      const init = { method: call.method, headers, body, credentials: this.#cookieMode ? 'include' : 'omit', signal: stop } as const;
      const response = await this.#fetch(new Request(url, init));
      upload?.onProgress?.(upload.file.size, upload.file.size);
      return response;
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw new PortalError(
        deadline.signal.aborted
          ? { status: 0, code: 'timeout', title: 'The request timed out', cause }
          : { status: 0, code: 'network', title: 'Network error', cause },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  #expire(epoch: number): void {
    // Once per session: a later 401 of a request sent with the same (now cleared) token is old news.
    if (epoch !== this.#epoch || (!this.#cookieMode && this.#token === null)) return;
    this.#epoch++;
    this.#token = null;
    this.#emit({ type: 'expired' });
  }

  #emit(event: ClientAuthEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

/** Creates the REST client for the contract at `options.baseUrl`. */
export function createRestClient(options: RestClientOptions): RestPortalClient {
  return new RestPortalClient(options);
}

/** Joins a path template, encoding each interpolated id. */
function path(strings: TemplateStringsArray, ...ids: string[]): string {
  return String.raw({ raw: strings }, ...ids.map((id) => encodeURIComponent(id)));
}

/** Serializes a query per the contract: arrays comma-joined (`form`, `explode: false`), blanks left out. */
function queryString(query: Record<string, QueryValue> | undefined): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    const items = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [String(value)];
    if (items.length) pairs.push(`${encodeURIComponent(name)}=${items.map((item) => encodeURIComponent(item)).join(',')}`);
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function keyOf(options: CreateOptions | undefined): string {
  return (
    options?.idempotencyKey ||
    // randomUUID exists only in secure contexts; a host page may still be served over plain http.
    (crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''))
  );
}

/** Rejects with the signal's reason as soon as it aborts, whatever `promise` does. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The error for an HTTP answer: a JSON body with a title is read as a problem document (RFC 9457). */
function toPortalError({ status, headers }: Response, body: unknown): PortalError {
  const problem = (body ?? {}) as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const title = text(problem.title);
  const retryAfter = parseRetryAfter(headers.get('Retry-After'));
  if (!title) return new PortalError({ status, title: `Request failed with status ${status}`, retryAfter });
  const fieldErrors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : undefined;
  return new PortalError({ status, title, retryAfter, fieldErrors, type: text(problem.type), detail: text(problem.detail), code: text(problem.code) });
}

/** Seconds from a `Retry-After` of delay-seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
}

/**
 * Uploads go through XMLHttpRequest rather than fetch: fetch reports upload progress only for a
 * streaming request body (`duplex: 'half'`), which Chromium allows only over HTTP/2 and Firefox
 * and Safari not at all. The answer is wrapped in a Response so that errors, retries and session
 * expiry go through the same code as every other call. Chromium fires no upload progress on a page
 * a service worker controls (a host's PWA, msw), so completion is always reported on load.
 */
function sendWithXhr(
  url: string,
  headers: Headers,
  form: FormData,
  upload: NonNullable<Call['upload']>,
  withCredentials: boolean,
  signal: AbortSignal,
  restartTimeout: () => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let total = upload.file.size;
    const onAbort = (): void => {
      xhr.abort();
      reject(signal.reason);
    };
    xhr.addEventListener('loadend', () => signal.removeEventListener('abort', onAbort));
    xhr.addEventListener('load', () => {
      upload.onProgress?.(total, total);
      // The one response header the client reads.
      const retryAfter = xhr.getResponseHeader('Retry-After');
      const body = xhr.status === 204 ? null : xhr.responseText;
      resolve(new Response(body, { status: xhr.status, headers: retryAfter ? { 'Retry-After': retryAfter } : {} }));
    });
    xhr.addEventListener('error', () => reject(new TypeError('Network error')));
    xhr.upload.addEventListener('progress', (event) => {
      restartTimeout();
      if (event.lengthComputable) total = event.total;
      upload.onProgress?.(event.loaded, total);
    });

    xhr.open('POST', url);
    // Same-origin requests carry cookies whatever this says; it matters for a cross-origin baseUrl.
    xhr.withCredentials = withCredentials;
    headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    signal.addEventListener('abort', onAbort, { once: true });
    xhr.send(form);
  });
}
