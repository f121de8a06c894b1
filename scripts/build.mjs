#!/usr/bin/env node
// `npm run build`: the npm build (dist/, dependencies external), its type declarations
// (dist/types/) and the CDN build (dist/cdn/, entry dist/cdn/portal-elements.js).
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
function run(cmd, args) {
  console.log(`> ${[cmd.split('/').pop(), ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
run(bin('vite'), ['build', '--mode', 'npm', '--logLevel', 'warn']);
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('vite'), ['build', '--mode', 'cdn', '--logLevel', 'warn']);
console.log('Built dist/ (npm) and dist/cdn/portal-elements.js (CDN).');
