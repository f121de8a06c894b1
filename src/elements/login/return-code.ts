import { Store } from '../../context/store.js';

/**
 * The `#portal_code=…` a magic link, an SSO return or an invitation brought to this page, and
 * what became of it. One per page (shared by every `<portal-login>`, and by a second copy of the
 * library), so the single-use code is exchanged exactly once however many login elements there
 * are: the first to connect takes it out of the address bar; the first that has a client starts
 * the exchange; all of them show the outcome.
 */
export type ReturnCodeState =
  | { status: 'none' }
  | { status: 'claimed'; code: string }
  | { status: 'pending' }
  /** `code` is kept when the failure did not use it up (server or network), for a retry. */
  | { status: 'failed'; error: unknown; code?: string }
  | { status: 'done' };

class ReturnCodeStore extends Store<ReturnCodeState> {
  update(value: ReturnCodeState): void {
    this.set(value);
  }
}

const KEY = Symbol.for('portal-elements.return-code');
type GlobalWithReturnCode = typeof globalThis & { [KEY]?: ReturnCodeStore };

/** The page's return-code store. */
export function returnCode(): ReturnCodeStore {
  const g = globalThis as GlobalWithReturnCode;
  return (g[KEY] ??= new ReturnCodeStore({ status: 'none' }));
}

/**
 * Takes `portal_code` out of the address (keeping any other hash parameters) with
 * `history.replaceState`, so a reload, a bookmark or a shared URL never carries the code, and
 * records it. Synchronous: a second caller finds the address already clean.
 */
export function claimReturnCode(): void {
  const { hash } = location;
  if (!hash.includes('portal_code=')) return;
  const params = new URLSearchParams(hash.slice(1));
  const code = params.get('portal_code');
  params.delete('portal_code');
  const rest = params.toString();
  const url = `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`;
  history.replaceState(history.state, '', url);
  if (code) returnCode().update({ status: 'claimed', code });
}

/** Marks the page's code as taken by one exchanger; returns it, or null when another has it. */
export function takeReturnCode(): string | null {
  const store = returnCode();
  const state = store.value;
  if (state.status !== 'claimed') return null;
  store.update({ status: 'pending' });
  return state.code;
}
