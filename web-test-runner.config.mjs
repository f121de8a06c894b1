// Runs every test/**/*.test.ts in real browsers. Chromium comes from Debian (`/usr/bin/chromium`)
// or CHROME_PATH; scripts/test.mjs finds it and explains how to install one when none is found.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

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
