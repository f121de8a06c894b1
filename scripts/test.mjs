#!/usr/bin/env node
// `npm test`: runs the web-test-runner suite in every engine installed here (Chromium, Firefox,
// WebKit) and says which ran and which were skipped, and why.
//   --engine chromium|firefox|webkit   run one engine (repeatable)
//   PORTAL_REQUIRE_ALL_ENGINES=1        fail when any engine is missing (CI sets it)
// Other arguments go to web-test-runner (e.g. --files test/client.test.ts).
import { spawnSync } from 'node:child_process';
import { availableEngines, enginePaths } from './engines.mjs';

const ALL = ['chromium', 'firefox', 'webkit'];
const args = process.argv.slice(2);
const asked = [];
const rest = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--engine') asked.push(args[++i]);
  else if (args[i].startsWith('--engine=')) asked.push(args[i].slice('--engine='.length));
  else rest.push(args[i]);
}
for (const engine of asked) {
  if (!ALL.includes(engine)) {
    console.error(`Unknown engine "${engine}": use one of ${ALL.join(', ')}.`);
    process.exit(2);
  }
}

const available = availableEngines();
const wanted = asked.length ? asked : ALL;
const run = wanted.filter((e) => available[e].ok);
const skipped = wanted.filter((e) => !available[e].ok);

console.log(`Engines run: ${run.map((e) => `${e} (${available[e].detail})`).join(', ') || 'none'}`);
for (const e of skipped) console.log(`Engine skipped: ${e}: ${available[e].why}. Install: ${available[e].install}`);

if (!run.length) {
  console.error('\nNo browser engine to run the tests in. Install Chromium at least, then run npm test again.');
  process.exit(1);
}
const requireAll = process.env.PORTAL_REQUIRE_ALL_ENGINES === '1' || process.env.PORTAL_REQUIRE_ALL_ENGINES === 'true';
if (requireAll && skipped.length) {
  console.error(`\nPORTAL_REQUIRE_ALL_ENGINES is set and ${skipped.join(', ')} cannot run: failing.`);
  process.exit(1);
}

const bin = new URL('../node_modules/.bin/web-test-runner', import.meta.url).pathname;
let command = bin;
let commandArgs = ['--config', 'web-test-runner.config.mjs', ...rest];
// WebKitGTK has no headless mode: give it a virtual display when there is none.
if (run.includes('webkit') && !process.env.DISPLAY) {
  command = enginePaths().xvfbRun;
  commandArgs = ['-a', bin, ...commandArgs];
}
const result = spawnSync(command, commandArgs, {
  stdio: 'inherit',
  env: { ...process.env, PORTAL_ENGINES: run.join(','), CHROME_PATH: enginePaths().chromium ?? '' },
});
console.log(`Engines run: ${run.join(', ')}${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}.`);
process.exit(result.status ?? 1);
