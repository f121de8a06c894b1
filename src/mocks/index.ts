/**
 * `portal-elements/mocks`: an in-memory portal backend behind msw handlers, for the demo and for
 * tests. Never imported by the library itself.
 *
 * ```ts
 * import { createMockBackend, startMockWorker, SEED_USERS, DEMO_OTP_CODE } from 'portal-elements/mocks';
 * const backend = createMockBackend({ agentReplies: true, storage: sessionStorage });
 * await startMockWorker(backend, { quiet: true });
 * backend.injectFault({ match: 'GET /tickets', status: 500, times: 1 });
 * ```
 */
export {
  createMockBackend,
  defaultPortalConfig,
  MockBackend,
  EXCHANGE_CODE_TTL_MS,
  OTP_LOCK_MS,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_MS,
  SESSION_COOKIE,
  type FaultHandle,
  type FaultRequest,
  type FaultSpec,
  type MockAuth,
  type MockBackendOptions,
  type RequestLogEntry,
} from './backend.js';
export { startMockWorker, type StartMockWorkerOptions } from './browser.js';
export { createHandlers } from './handlers.js';
export { createIdentityToken, createManualClock, type ManualClock } from './helpers.js';
export { MockProblem } from './problems.js';
export {
  createRandom,
  createSeed,
  DEMO_OTP_CODE,
  HOSTILE_STRINGS,
  LONG_THREAD_TICKET_ID,
  SEED_ORGANIZATION,
  SEED_USERS,
  type SeedOptions,
} from './seed.js';
export type { CollectionRecord, FileRecord, MockStore, TicketRecord, UserRecord } from './store.js';
export { isEmail, isHttpUrl, validateFields, validateFieldValue, visibleFieldKeys } from './validation.js';
