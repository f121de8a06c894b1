// The `portal-elements/api` entry: the PortalClient seam, its REST implementation, errors and types.
export type { AuthMode, ClientAuthEvent, PortalClient } from './client.js';
export { RestPortalClient, createRestClient } from './rest-client.js';
export type { RestClientOptions, RetryOptions } from './rest-client.js';
export { PortalError, isAbortError, isPortalError } from './errors.js';
export type * from './types.js';
