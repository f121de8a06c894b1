import type { PortalClient } from '../api/client.js';
import { createRestClient } from '../api/rest-client.js';
import { ConfigStore } from './config-store.js';
import type { ThemeMode } from './keys.js';
import type { TokenStorage } from './session-store.js';
import { SessionStore } from './session-store.js';

/** What a provider (or `configure()`) hands every element. */
export interface PortalServices {
  client: PortalClient;
  session: SessionStore;
  config: ConfigStore;
  locale: string | undefined;
  theme: ThemeMode;
}

export interface PortalOptions {
  /** Base URL of the REST API, e.g. `/api` or `https://help.example.com/api`. */
  apiBase?: string;
  /** `include` for cookie sessions (HttpOnly cookie + `X-Portal-CSRF`), `omit` for bearer tokens. */
  credentials?: 'omit' | 'include';
  /** Where the session token is kept: `memory`, `session` (default) or `local`. */
  tokenStorage?: TokenStorage;
  /** Locale for every element; defaults to `<html lang>`. */
  lang?: string;
  theme?: ThemeMode;
  /** Any `PortalClient`; replaces the REST client (then apiBase and credentials are ignored). */
  client?: PortalClient;
}

export const DEFAULT_API_BASE = '/api';

/** Builds the client and stores for one provider or one `configure()` call. */
export function createServices(options: PortalOptions): PortalServices {
  const apiBase = options.apiBase || DEFAULT_API_BASE;
  const cookieMode = options.credentials === 'include';
  const client =
    options.client ?? createRestClient({ baseUrl: apiBase, credentials: cookieMode ? 'include' : 'omit' });
  const session = new SessionStore({
    client,
    tokenStorage: options.tokenStorage ?? 'session',
    storageKey: options.client ? 'custom' : apiBase,
    cookieMode,
  });
  return { client, session, config: new ConfigStore(client), locale: options.lang || undefined, theme: options.theme ?? 'auto' };
}
