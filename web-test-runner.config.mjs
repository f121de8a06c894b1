// Runs every test/**/*.test.ts in real browsers. Chromium comes from Debian (`/usr/bin/chromium`)
// or CHROME_PATH; scripts/test.mjs finds it and explains how to install one when none is found.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';

const workerPath = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

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

/** Counts test results per browser and prints a plain "name: N passed, N failed, N skipped" line. */
function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const byBrowser = new Map();
      const walk = (suite, counts) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else counts.failed++;
        }
        for (const child of suite?.suites ?? []) walk(child, counts);
      };
      for (const session of sessions) {
        const name = session.browser.name.toLowerCase().includes('chrom') ? 'chromium' : session.browser.name.toLowerCase();
        const counts = byBrowser.get(name) ?? { passed: 0, failed: 0, skipped: 0, files: 0, broken: 0 };
        counts.files++;
        walk(session.testResults, counts);
        // A file whose page crashed or failed to load reports no tests: count it as failed.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) counts.failed++;
        byBrowser.set(name, counts);
      }
      for (const [name, c] of byBrowser) {
        console.log(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
      }
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

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: '.',
  middleware: [mswWorker()],
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  reporters: [defaultReporter(), countsReporter()],
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 8000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromeFlags,
      },
    }),
  ],
};
