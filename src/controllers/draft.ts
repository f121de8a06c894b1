import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Options of {@link DraftController}. */
export interface DraftOptions {
  /** How long after the last change the draft is written, in ms. Default 400. */
  delay?: number;
  /** Drafts older than this many days are ignored and removed. Default 30. */
  maxAgeDays?: number;
  /** The storage to use. Default `localStorage` (drafts survive reloads and closed tabs). */
  storage?: () => Storage | undefined;
}

interface Stored<T> {
  value: T;
  savedAt: number;
}

const PREFIX = 'portal-elements:draft:';

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Blocked storage (privacy settings, sandboxed iframes): drafts live for this page only.
    return undefined;
  }
}

/**
 * Keeps what a person types, per user and key (`ticket-form:form_billing`, `thread:tkt_12`), in
 * `localStorage` as they type: written after a short pause, and at once when the page is hidden
 * or the element removed. A reload, a crash or an expired session loses nothing; the draft is
 * cleared only when the host says so (after the server created the thing).
 *
 * ```ts
 * readonly #draft = new DraftController<MyDraft>(this);
 * // restore:           this.#draft.read(user.id, 'thread:' + id)
 * // on every input:    this.#draft.save(user.id, 'thread:' + id, { body })
 * // after the server:  this.#draft.clear(user.id, 'thread:' + id)
 * ```
 */
export class DraftController<T> implements ReactiveController {
  readonly #delay: number;
  readonly #maxAge: number;
  readonly #storage: () => Storage | undefined;
  /** Writes waiting for the pause to end, by storage key. */
  readonly #pending = new Map<string, T>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, options: DraftOptions = {}) {
    this.#delay = options.delay ?? 400;
    this.#maxAge = (options.maxAgeDays ?? 30) * 86_400_000;
    this.#storage = options.storage ?? defaultStorage;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', this.flush);
  }

  hostDisconnected(): void {
    this.flush();
    removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.flush);
  }

  /** The saved draft (including a write still waiting), or undefined. */
  read(user: string, key: string): T | undefined {
    const id = storageKey(user, key);
    if (this.#pending.has(id)) return this.#pending.get(id);
    try {
      const raw = this.#storage()?.getItem(id);
      if (!raw) return undefined;
      const stored = JSON.parse(raw) as Stored<T>;
      if (typeof stored.savedAt !== 'number' || Date.now() - stored.savedAt > this.#maxAge) {
        this.#storage()?.removeItem(id);
        return undefined;
      }
      return stored.value;
    } catch {
      return undefined;
    }
  }

  /** Saves `value` after a short pause; later saves within the pause replace it. */
  save(user: string, key: string, value: T): void {
    this.#pending.set(storageKey(user, key), value);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.flush, this.#delay);
  }

  /** Writes every waiting save now. */
  readonly flush = (): void => {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const storage = this.#storage();
    if (!storage) return; // No storage at all: drafts stay in memory for this page.
    for (const [id, value] of this.#pending) {
      try {
        storage.setItem(id, JSON.stringify({ value, savedAt: Date.now() } satisfies Stored<T>));
        this.#pending.delete(id);
      } catch {
        // Full or blocked storage: the draft stays in memory (read() returns it) and the next
        // flush tries again.
      }
    }
  };

  /** Forgets the draft (a waiting save too). Call it once the server has what was typed. */
  clear(user: string, key: string): void {
    const id = storageKey(user, key);
    this.#pending.delete(id);
    try {
      this.#storage()?.removeItem(id);
    } catch {
      // Nothing to forget.
    }
  }
}

function storageKey(user: string, key: string): string {
  return `${PREFIX}${user}:${key}`;
}
