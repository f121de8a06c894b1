// Shared by every page of the demo site. A real host page would have one script tag for the
// portal (the CDN loader); the demo first starts the mock backend in the browser, and adds its
// demo panel. Order matters: the worker must be active before any portal element sends a request.
import { createMockBackend, startMockWorker } from '../src/mocks/index.js';
import { DemoPanel } from './panel.js';
import { applySettings, loadSettings } from './settings.js';

const settings = loadSettings();
applySettings(settings);

// sessionStorage keeps sessions, sign-in codes and members across pages and the SSO round trip.
const backend = createMockBackend({ agentReplies: true, storage: sessionStorage, latency: settings.latency });
await startMockWorker(backend, { quiet: true });

// What the host page's <script type="module" src=".../portal-elements.js"> does: define each
// portal element when its tag is on the page.
await import('../src/cdn/loader.js');

const panel = new DemoPanel();
panel.backend = backend;
document.body.append(panel);

// Lets scripts/screenshots.mjs (and anyone curious) know the mock backend is live.
document.documentElement.dataset['demoReady'] = 'true';
