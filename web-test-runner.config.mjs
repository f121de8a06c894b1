// Runs every test/**/*.test.ts in real browsers: Chromium, Firefox and WebKit (WebKitGTK), each
// from Debian's packages. scripts/test.mjs decides which engines run (PORTAL_ENGINES) and says
// which were skipped and why; this file only builds the launchers it is asked for.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { CHROME_FLAGS, enginePaths } from './scripts/engines.mjs';
import { freePort } from './scripts/shared.mjs';

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

/**
 * Runs a webdriver launcher's files one at a time, each as the top-level page. With a concurrency
 * above 1, @web/test-runner-webdriver puts every test file in an iframe of one shared page: the
 * files then share one window's service-worker clients (msw answered one file's requests with
 * another file's handlers, or never, and reloaded a page that started while another registered
 * the worker), keyboard and mouse commands are refused, and `sendKeys` leaves the driver switched
 * into a frame. A top-level page per file is what a host page is.
 */
function oneTopLevelPage(launcher) {
  const initialize = launcher.initialize.bind(launcher);
  launcher.initialize = (config, ...rest) => initialize({ ...config, concurrency: 1 }, ...rest);
  launcher.concurrency = 1;
  return launcher;
}

/**
 * Every test page first makes sure msw's service worker controls it, then loads the tests.
 * msw's `worker.start()` reloads a page that is not controlled while a registration of its worker
 * exists (its answer to a hard reload); when two test files start together on a fresh profile,
 * the second sees the first's registration before it is active and reloads itself, which the
 * runner reports as "Tests were interrupted because the page was reloaded". Registering here and
 * waiting for the worker to claim the page (it calls clients.claim() on activate) narrows that
 * race; it is not enough on its own with two pages per browser (Chromium still reloaded now and
 * then), which is one reason the concurrency below is 1.
 */
function testRunnerHtml(testFramework) {
  return `<!DOCTYPE html><html><head></head><body><script type="module">
const sw = navigator.serviceWorker;
if (sw && !sw.controller) {
  const controlled = new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  try {
    const registration = await sw.register('/mockServiceWorker.js', { scope: '/' });
    const active = registration.active;
    const pending = registration.installing ?? registration.waiting ?? (active && active.state !== 'activated' ? active : null);
    if (pending && !sw.controller) await Promise.race([controlled, new Promise((resolve) => setTimeout(resolve, 10000))]);
  } catch (error) {
    console.warn('Could not register the msw worker before the tests:', String(error));
  }
}
await import(${JSON.stringify(testFramework)});
</script></body></html>`;
}

/**
 * A test page that cannot stall the run: a JS dialog (alert, confirm, prompt, beforeunload) blocks
 * its page until answered, so dismiss it and say so; report a renderer crash at once.
 */
async function watchedPage({ context }) {
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    console.error(`[${page.url()}] dismissed a ${dialog.type()} dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('error', (error) => console.error(`[${page.url()}] page crashed: ${error.message}`));
  return page;
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
      launchOptions: { executablePath: paths.chromium, headless: true, args: CHROME_FLAGS },
      createPage: watchedPage,
    }),
  );
}
if (engines.includes('firefox')) {
  // Firefox through puppeteer-core over WebDriver BiDi: real headless Firefox, no geckodriver.
  browsers.push(
    chromeLauncher({
      puppeteer: puppeteerCore,
      createPage: watchedPage,
      launchOptions: {
        browser: 'firefox',
        executablePath: paths.firefox,
        headless: true,
        // Test files run in tabs side by side; like Chromium's launcher flags, keep the tabs in the
        // background from having their timers clamped to one a second.
        extraPrefsFirefox: {
          'dom.min_background_timeout_value': 4,
          'dom.min_background_timeout_value_without_budget_throttling': 4,
          'dom.timeout.enable_budget_timer_throttling': false,
        },
      },
    }),
  );
}
if (engines.includes('webkit')) {
  const port = await startWebKitDriver();
  browsers.push(
    oneTopLevelPage(
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
    ),
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
  testRunnerHtml,
  // One page per browser at a time, three browsers side by side. Two pages per browser on this
  // 2-core machine was no faster (Chromium alone: ~21 s either way) and was flaky: pages of one
  // browser share msw's service worker (reloads, requests answered by the other file's worker),
  // Firefox clamps timers in background tabs, and CDP media emulation and a markdown page stalled
  // in a background Chromium tab. PORTAL_TEST_CONCURRENCY overrides it for experiments.
  concurrency: Number(process.env.PORTAL_TEST_CONCURRENCY ?? 1),
  concurrentBrowsers: 3,
  testFramework: { config: { timeout: 10000 } },
  // A crashed or hung page fails its file within these bounds instead of stalling the run.
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 120000,
  browsers,
};
