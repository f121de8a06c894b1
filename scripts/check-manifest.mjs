#!/usr/bin/env node
// Regenerates custom-elements.json into a temporary folder and fails when the committed one
// differs: the manifest must describe the code as it is (`npm run analyze` updates it).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
// The analyzer resolves outdir against the working directory, so the scratch folder is in the repo.
const tmp = mkdtempSync(join(root, '.cem-check-'));
try {
  const cem = join(root, 'node_modules/.bin/cem');
  const run = spawnSync(cem, ['analyze'], { cwd: root, stdio: 'inherit', env: { ...process.env, CEM_OUTDIR: tmp.slice(root.length) } });
  if (run.status !== 0) throw new Error(`cem analyze exited with ${run.status}`);
  const fresh = readFileSync(join(tmp, 'custom-elements.json'), 'utf8');
  let committed = '';
  try {
    committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('custom-elements.json matches the code.');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
