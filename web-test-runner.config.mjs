// Runs every test/**/*.test.ts in real browsers: Chromium, Firefox and WebKit (WebKitGTK), each
// from Debian's packages. scripts/test.mjs decides which engines run (PORTAL_ENGINES) and says
// which were skipped and why; this file only builds the launchers it is asked for.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { enginePaths } from './scripts/engines.mjs';

const workerPath = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));
const engines = (process.env.PORTAL_ENGINES ?? 'chromium').split(',').filter(Boolean);
const paths = enginePaths();

/** msw's service worker must be served from the origin root to control every test page. */
function mswWorker() {
  return async (ctx, next) => {
    if (ctx.path === '/mockServiceWorker.js') {
      ctx.type = 'application/javascript';
      ctx.set('Service-Worker-Allowed', '/');
      ctx.body = readFileSync(workerPath, 'utf8');
      return;
    }
    await next();
  };
}

/** The engine a session ran in, from its launcher's name. */
function engineOf(browserName) {
  const name = browserName.toLowerCase();
  if (name.includes('firefox')) return 'firefox';
  if (name.includes('chrom')) return 'chromium';
  return 'webkit';
}

/** Prints a plain "engine: N passed, N failed, N skipped" line per engine at the end. */
function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const byEngine = new Map(engines.map((e) => [e, { passed: 0, failed: 0, skipped: 0 }]));
      const walk = (suite, counts) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else counts.failed++;
        }
        for (const child of suite?.suites ?? []) walk(child, counts);
      };
      for (const session of sessions) {
        const counts = byEngine.get(engineOf(session.browser.name)) ?? { passed: 0, failed: 0, skipped: 0 };
        walk(session.testResults, counts);
        // A file whose page crashed or never loaded reports no tests: count it as a failure.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) counts.failed++;
        byEngine.set(engineOf(session.browser.name), counts);
      }
      for (const [engine, c] of byEngine) console.log(`${engine}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    },
  };
}

const chromeFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
];

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not open port ${port} within ${timeoutMs} ms`);
}

/** Starts Debian's WebKitWebDriver for this run and stops it when the run ends. */
async function startWebKitDriver() {
  const port = await freePort();
  const driver = spawn(paths.webkitDriver, [`--port=${port}`], { stdio: 'ignore' });
  const stop = () => driver.kill();
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => (stop(), process.exit(1)));
  await waitForPort(port);
  return port;
}

const browsers = [];
if (engines.includes('chromium')) {
  browsers.push(
    chromeLauncher({
      launchOptions: { executablePath: paths.chromium, headless: true, args: chromeFlags },
    }),
  );
}
if (engines.includes('firefox')) {
  // Firefox through puppeteer-core over WebDriver BiDi: real headless Firefox, no geckodriver.
  browsers.push(
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: paths.firefox, headless: true },
    }),
  );
}
if (engines.includes('webkit')) {
  const port = await startWebKitDriver();
  browsers.push(
    webdriverLauncher({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        // Without this, webdriverio asks for BiDi and the session fails to match capabilities.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: paths.webkit, args: ['--automation'] },
      },
    }),
  );
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: '.',
  middleware: [mswWorker()],
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  reporters: [defaultReporter(), countsReporter()],
  // Coverage comes from Chromium only (Firefox and WebKit report none).
  coverageConfig: { include: ['src/**/*.ts'], exclude: ['src/mocks/**', 'src/api/contract.gen.ts'] },
  concurrency: 2,
  concurrentBrowsers: 3,
  testFramework: { config: { timeout: 10000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 10 * 60 * 1000,
  browsers,
};
