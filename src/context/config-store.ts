import type { PortalClient } from '../api/client.js';
import type { PortalError } from '../api/errors.js';
import { isAbortError, isPortalError, PortalError as PortalErrorClass } from '../api/errors.js';
import type { PortalConfig } from '../api/types.js';
import { Store } from './store.js';

export type ConfigState =
  | { status: 'loading' }
  | { status: 'ready'; config: PortalConfig }
  | { status: 'error'; error: PortalError };

/**
 * The portal config, fetched once per page however many elements ask for it. A failed fetch can
 * be retried with `load({ force: true })`.
 */
export class ConfigStore extends Store<ConfigState> {
  readonly #client: PortalClient;
  #pending: Promise<PortalConfig> | null = null;

  constructor(client: PortalClient) {
    super({ status: 'loading' });
    this.#client = client;
  }

  /** The config when ready, else undefined. */
  get config(): PortalConfig | undefined {
    return this.value.status === 'ready' ? this.value.config : undefined;
  }

  load(options: { force?: boolean } = {}): Promise<PortalConfig> {
    if (this.#pending && !(options.force && this.value.status === 'error')) return this.#pending;
    this.set({ status: 'loading' });
    this.#pending = this.#client.getPortalConfig().then(
      (config) => {
        this.set({ status: 'ready', config });
        return config;
      },
      (error: unknown) => {
        const portalError = isPortalError(error)
          ? error
          : new PortalErrorClass({ status: 0, title: isAbortError(error) ? 'Aborted' : 'Network error', cause: error });
        this.set({ status: 'error', error: portalError });
        throw portalError;
      },
    );
    // Callers that don't await still must not produce an unhandled rejection.
    this.#pending.catch(() => undefined);
    return this.#pending;
  }
}
