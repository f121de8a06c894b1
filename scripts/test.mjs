#!/usr/bin/env node
// `npm test`: runs the web-test-runner suite in Chromium. Finds the browser first and, when there
// is none, says how to get one instead of failing with a launcher stack trace.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);
const chrome = candidates.find((p) => existsSync(p));
if (!chrome) {
  console.error(`No Chromium or Chrome found (looked at: ${candidates.join(', ')}).
Install one, then run npm test again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  macOS:          install Google Chrome
  anywhere:       set CHROME_PATH to a Chromium or Chrome binary`);
  process.exit(1);
}
console.log(`Engines: chromium (${chrome}).`);
const bin = new URL('../node_modules/.bin/web-test-runner', import.meta.url).pathname;
const args = ['--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)];
const run = spawnSync(bin, args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } });
process.exit(run.status ?? 1);
