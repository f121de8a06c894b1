import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Named query-string values: a string, or null when the parameter is absent. */
export type UrlValues<K extends string> = Record<K, string | null>;

/** Options of a `UrlStateController`. */
export interface UrlStateOptions<K extends string> {
  /** The query-string parameters this element owns; all others are left as they are. */
  params: readonly K[];
  /** Called after back/forward (`popstate`) with the owned parameters' new values. */
  onChange?: (values: UrlValues<K>) => void;
}

/** How `write()` records a change in the session history. */
export interface UrlWriteOptions {
  /**
   * `replace` (default) rewrites the current entry: right for typing, where every key press
   * would otherwise become a step of the back button. `push` adds an entry, so back undoes it.
   */
  history?: 'push' | 'replace';
}

/**
 * Reads and writes named query-string parameters of the page address, and tells its element when
 * back/forward changed them. Parameters it does not own, the path, the hash and `history.state`
 * are kept. Shared by `<portal-ticket-list>` (filters, search, sort) and `<portal-thread>`.
 *
 * ```ts
 * readonly #url = new UrlStateController(this, { params: ['q', 'status'], onChange: (v) => this.#apply(v) });
 * this.#url.write({ q: 'export', status: null }, { history: 'push' });
 * ```
 */
export class UrlStateController<K extends string = string> implements ReactiveController {
  readonly #options: UrlStateOptions<K>;

  constructor(host: ReactiveControllerHost, options: UrlStateOptions<K>) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.#onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPopState);
  }

  /** The owned parameters' current values (null when absent). */
  read(): UrlValues<K> {
    const search = new URLSearchParams(location.search);
    const values = {} as UrlValues<K>;
    for (const name of this.#options.params) values[name] = search.get(name);
    return values;
  }

  /** One parameter's current value, or null; owned or not (`<portal-thread>` owns none and reads the one it is told). */
  get(name: K): string | null {
    return new URLSearchParams(location.search).get(name);
  }

  /**
   * Sets owned parameters: a string sets it, null/undefined/'' removes it; parameters not
   * named keep their value. Does nothing when the address would not change. Returns whether
   * it changed.
   */
  write(values: Partial<Record<K, string | null | undefined>>, options: UrlWriteOptions = {}): boolean {
    const url = new URL(location.href);
    for (const [name, value] of Object.entries(values) as [K, string | null | undefined][]) {
      if (!this.#options.params.includes(name)) continue;
      if (value === null || value === undefined || value === '') url.searchParams.delete(name);
      else url.searchParams.set(name, value);
    }
    if (url.href === location.href) return false;
    try {
      if (options.history === 'push') history.pushState(history.state, '', url.href);
      else history.replaceState(history.state, '', url.href);
    } catch {
      // Sandboxed frames and some origins refuse history changes: the view still works.
      return false;
    }
    return true;
  }

  readonly #onPopState = (): void => {
    this.#options.onChange?.(this.read());
  };
}
