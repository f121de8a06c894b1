import type { PortalClient } from '../api/client.js';
import { isPortalError } from '../api/errors.js';
import type { Me, Organization, Session, User } from '../api/types.js';
import { Store } from './store.js';

/** Where the session token is kept between page loads. */
export type TokenStorage = 'memory' | 'session' | 'local';

/**
 * The session every element shares.
 * - `signed-out`: nobody is signed in.
 * - `signing-in`: a sign-in or a restore after reload is under way.
 * - `signed-in`: `user` and `organization` are known.
 * - `expired`: the server rejected the session (401); `user` is who was signed in, so an element
 *   can ask them to sign in again without losing what they typed.
 */
export type SessionState =
  | { status: 'signed-out' }
  | { status: 'signing-in' }
  | { status: 'signed-in'; user: User; organization: Organization; expiresAt: string | null }
  | { status: 'expired'; user: User | null };

interface Persisted {
  token: string | null;
  expiresAt: string | null;
  user: User;
  organization: Organization;
}

export interface SessionStoreOptions {
  client: PortalClient;
  tokenStorage?: TokenStorage;
  /** Separates the sessions of two portals on one origin; the provider passes its api-base. */
  storageKey?: string;
  /** Cookie mode: the token lives in an HttpOnly cookie, so only who is signed in is kept. */
  cookieMode?: boolean;
}

const PREFIX = 'portal-elements:session:';

/**
 * The session as a reactive store: restored on creation from `tokenStorage`, updated by sign-in
 * and sign-out, and marked expired when the client sees a 401.
 */
export class SessionStore extends Store<SessionState> {
  readonly client: PortalClient;
  readonly #storage: Storage | null;
  readonly #key: string;
  readonly #cookieMode: boolean;
  #restore: Promise<void> | null = null;
  /** The kept session when no Web Storage is usable (memory mode, or storage blocked). */
  #memory: string | null = null;
  /** Bumped by every sign-in, restore, sign-out and expiry, so a slow answer to an older one is ignored. */
  #generation = 0;
  #busyGeneration: number | null = null;
  /** The state to go back to if the sign-in under way fails. */
  #beforeSignIn: SessionState | null = null;
  readonly #unsubscribe: () => void;
  readonly #onStorage = (event: StorageEvent): void => {
    if (event.key !== this.#key || event.storageArea !== this.#storage) return;
    // Another tab signed in or out: follow it.
    if (event.newValue === null) this.#signedOut();
    else void this.restore(true);
  };

  constructor(options: SessionStoreOptions) {
    super({ status: 'signed-out' });
    this.client = options.client;
    this.#cookieMode = options.cookieMode ?? false;
    this.#key = PREFIX + (options.storageKey ?? 'default');
    this.#storage = pickStorage(options.tokenStorage ?? 'session');
    this.#unsubscribe = this.client.onAuthEvent((event) => {
      // A 401 inside a sign-in or restore is that operation's failure, handled there; only a
      // live session expires.
      if (event.type === 'expired' && !this.#busy && this.value.status === 'signed-in') this.#expire();
    });
    this.attach();
    if (this.#read()) void this.restore();
  }

  /** Resolves when a restore from storage (if any) has finished. */
  get ready(): Promise<void> {
    return this.#restore ?? Promise.resolve();
  }

  get user(): User | null {
    const state = this.value;
    return state.status === 'signed-in' || state.status === 'expired' ? state.user : null;
  }

  get isAdmin(): boolean {
    return this.value.status === 'signed-in' && this.value.user.role === 'customer_admin';
  }

  /** Follows sign-in and sign-out in other tabs (local storage only). The provider calls it on connect. */
  attach(): void {
    if (this.#storage && this.#storage === globalThis.localStorage) {
      globalThis.addEventListener?.('storage', this.#onStorage);
    }
  }

  /** Stops following other tabs (the provider calls it when it leaves the page). */
  detach(): void {
    globalThis.removeEventListener?.('storage', this.#onStorage);
  }

  /**
   * Marks a sign-in as under way (the login element calls this while it talks to the server),
   * remembering the state to go back to if it fails.
   */
  beginSignIn(): void {
    if (this.value.status === 'signing-in') return;
    this.#beforeSignIn = this.value;
    if (this.value.status !== 'signed-in') this.set({ status: 'signing-in' });
  }

  /** Abandons a sign-in that failed: back to the state before it (signed out, or expired). */
  cancelSignIn(previous?: SessionState): void {
    const back = previous ?? this.#beforeSignIn ?? { status: 'signed-out' };
    this.#beforeSignIn = null;
    if (this.value.status === 'signing-in') this.set(back);
  }

  /**
   * Completes a sign-in with the session the server returned and loads the organization. On
   * failure the state goes back to what it was (an expired session stays expired; a signed-in
   * person renewing their session stays signed in) and the error is rethrown.
   */
  async signIn(session: Session, options: { signal?: AbortSignal } = {}): Promise<Me> {
    const previous: SessionState =
      this.#beforeSignIn ?? (this.value.status === 'signing-in' ? { status: 'signed-out' } : this.value);
    const previousToken = this.client.token;
    const generation = ++this.#generation;
    this.#busyGeneration = generation;
    // A renewal (already signed in) does not flicker every element through "signing in".
    if (previous.status !== 'signed-in') this.set({ status: 'signing-in' });
    if (!this.#cookieMode) this.client.setToken(session.token);
    try {
      const me = await this.client.getMe(options);
      if (generation === this.#generation) {
        this.#beforeSignIn = null;
        this.#signedIn(me, session.expiresAt, session.token);
      }
      return me;
    } catch (error) {
      if (generation === this.#generation) {
        this.#beforeSignIn = null;
        if (!this.#cookieMode) this.client.setToken(previous.status === 'signed-in' ? previousToken : null);
        this.set(previous);
      }
      throw error;
    } finally {
      if (this.#busyGeneration === generation) this.#busyGeneration = null;
    }
  }

  /** Signs out here and on the server (best effort: the local session ends either way). */
  async signOut(): Promise<void> {
    const hadSession = this.value.status === 'signed-in' || this.value.status === 'signing-in';
    this.#signedOut();
    if (hadSession || this.#cookieMode) {
      try {
        await this.client.logout();
      } catch {
        // The server may already consider the session gone; locally it is.
      }
    }
  }

  /**
   * Restores the kept session: sets the token and asks the server who it belongs to. A rejected
   * token ends as `expired` (someone was signed in) rather than silently signed out; a network
   * failure keeps the person signed in as they were. A sign-in or sign-out that happens while
   * the restore is under way wins over it.
   */
  restore(force = false): Promise<void> {
    if (this.#restore && !force) return this.#restore;
    const kept = this.#read();
    if (!kept) return Promise.resolve();
    const generation = ++this.#generation;
    this.#busyGeneration = generation;
    this.set({ status: 'signing-in' });
    if (!this.#cookieMode) this.client.setToken(kept.token);
    this.#restore = this.client
      .getMe()
      .then(
        (me) => {
          if (generation === this.#generation) this.#signedIn(me, kept.expiresAt, kept.token);
        },
        (error: unknown) => {
          if (generation !== this.#generation) return;
          if (isPortalError(error) && error.status === 401) this.#expire(kept.user);
          else this.set({ status: 'signed-in', user: kept.user, organization: kept.organization, expiresAt: kept.expiresAt });
        },
      )
      .finally(() => {
        if (this.#busyGeneration === generation) this.#busyGeneration = null;
      });
    return this.#restore;
  }

  /** Stops listening to the client and other tabs. */
  dispose(): void {
    this.#unsubscribe();
    this.detach();
  }

  /** True while a sign-in or restore of the current generation is waiting for the server. */
  get #busy(): boolean {
    return this.#busyGeneration !== null && this.#busyGeneration === this.#generation;
  }

  #signedIn(me: Me, expiresAt: string | null, token: string | null): void {
    this.#write({ token: this.#cookieMode ? null : token, expiresAt, user: me.user, organization: me.organization });
    this.set({ status: 'signed-in', user: me.user, organization: me.organization, expiresAt });
  }

  #signedOut(): void {
    this.#generation++;
    this.#beforeSignIn = null;
    this.client.setToken(null);
    this.#clear();
    this.set({ status: 'signed-out' });
  }

  #expire(user: User | null = this.user): void {
    if (this.value.status === 'signed-out') return;
    this.#generation++;
    this.client.setToken(null);
    this.#clear();
    this.set({ status: 'expired', user });
  }

  /** The kept session, if there is one still valid; an unreadable or expired one is removed. */
  #read(): Persisted | null {
    const raw = this.#storage?.getItem(this.#key) ?? this.#memory;
    if (!raw) return null;
    let kept: unknown;
    try {
      kept = JSON.parse(raw);
    } catch {
      // Damaged: dropped below like any other unusable value.
    }
    if (isPersisted(kept) && !(kept.expiresAt && Date.parse(kept.expiresAt) <= Date.now())) return kept;
    this.#clear();
    return null;
  }

  #write(value: Persisted): void {
    const raw = JSON.stringify(value);
    if (this.#storage) {
      try {
        this.#storage.setItem(this.#key, raw);
        return;
      } catch {
        // Storage full or blocked (private mode): keep it for this page only.
      }
    }
    this.#memory = raw;
  }

  #clear(): void {
    this.#memory = null;
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // Blocked storage: nothing was kept there.
    }
  }
}

/** Whether a kept value has the shape this version writes (an older or damaged one is dropped). */
function isPersisted(value: unknown): value is Persisted {
  const kept = value as Partial<Persisted> | null;
  const nullableString = (field: unknown): boolean => field === null || typeof field === 'string';
  return (
    typeof kept?.user?.id === 'string' &&
    typeof kept.user.name === 'string' &&
    typeof kept.user.email === 'string' &&
    typeof kept.organization?.id === 'string' &&
    nullableString(kept.token) &&
    nullableString(kept.expiresAt)
  );
}

function pickStorage(kind: TokenStorage): Storage | null {
  try {
    if (kind === 'local') return globalThis.localStorage ?? null;
    if (kind === 'session') return globalThis.sessionStorage ?? null;
  } catch {
    // Access to storage can throw (sandboxed iframes, blocked cookies).
  }
  return null;
}
