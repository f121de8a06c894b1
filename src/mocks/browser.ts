import type { SetupWorker } from 'msw/browser';
import type { MockBackend } from './backend.js';

/** Options of `startMockWorker`. */
export interface StartMockWorkerOptions {
  /** Where msw's worker script is served (default `/mockServiceWorker.js`, at the origin root). */
  serviceWorkerUrl?: string;
  /** Silences msw's console log of each mocked request. Default false. */
  quiet?: boolean;
  /** What to do with requests no handler answers. Default `bypass`. */
  onUnhandledRequest?: 'bypass' | 'warn' | 'error';
}

/**
 * msw never sees page navigations, so when the browser lands on the mock identity provider
 * (`{base}/sso/:provider/authorize`, served by a dev server that answers unknown paths with the
 * demo page), finish the SSO round trip here: mint a return code and go back to `redirect_uri`
 * with `#portal_code=…`. Needs the backend's `storage` option so the next page knows the code.
 */
function completeSsoNavigation(backend: MockBackend): boolean {
  if (typeof location === 'undefined') return false;
  const here = new URL(location.href);
  const base = new URL(backend.basePath, here).pathname.replace(/\/+$/, '');
  if (!new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/sso/(google|microsoft|saml)/authorize$`).test(here.pathname)) {
    return false;
  }
  const target = new URL(here.searchParams.get('redirect_uri') ?? '/', here);
  if (target.origin !== here.origin) return false;
  const code = backend.mintExchangeCode(backend.ssoUser(here.searchParams.get('login_hint')).email, target.href);
  target.hash = `portal_code=${encodeURIComponent(code)}`;
  location.replace(target.href);
  return true;
}

/**
 * Starts msw's service worker with the backend's handlers (browser only; in Node use
 * `setupServer(...backend.handlers)` from `msw/node`). Await it before any element fetches.
 * Returns the worker: `worker.stop()` ends mocking, `worker.use(...)` adds overrides.
 */
export async function startMockWorker(backend: MockBackend, options: StartMockWorkerOptions = {}): Promise<SetupWorker> {
  // Loaded on demand so that importing `portal-elements/mocks` in Node never loads msw/browser.
  const { setupWorker } = await import('msw/browser');
  const worker = setupWorker(...backend.handlers);
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    quiet: options.quiet ?? false,
    onUnhandledRequest: options.onUnhandledRequest ?? 'bypass',
  });
  completeSsoNavigation(backend);
  return worker;
}
