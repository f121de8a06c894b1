// Small helpers the project's scripts and the test-runner config share.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';

/**
 * The end of every generator (`npm run react:gen`, `docs`, `app-parts:gen`, `api:types`): writes
 * `text` to `file`, or with `check` compares them and exits 1 when the committed file differs.
 * @param {{ stale: string, fresh: string, wrote: string }} say what to print in each case
 */
export function writeGenerated(file, text, check, say) {
  if (check) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current !== text) {
      console.error(say.stale);
      process.exit(1);
    }
    console.log(say.fresh);
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(say.wrote);
  }
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The elements the CDN loader knows, read from src/cdn/loader.ts: each tag with its define
 * module's source path (`src/elements/<name>/define.ts`, the key Vite's manifest uses).
 */
export function loaderElements() {
  const source = readFileSync(new URL('../src/cdn/loader.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/'(portal-[a-z-]+)':\s*\(\)\s*=>\s*import\('\.\.\/(elements\/[^']+)\.js'\)/g)].map(([, tag, path]) => ({
    tag,
    key: `src/${path}.ts`,
  }));
}

/**
 * The typed event classes: event name → `{ className, file }`, from each
 * `static readonly eventName = 'portal-…'` in src/events.ts and src/elements/<name>/events.ts.
 */
export function eventClasses(root) {
  const files = [join(root, 'src/events.ts')];
  const elementsDir = join(root, 'src/elements');
  for (const folder of readdirSync(elementsDir)) {
    const file = join(elementsDir, folder, 'events.ts');
    if (existsSync(file)) files.push(file);
  }
  const found = new Map();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const [, className, body] of source.matchAll(/export class (\w+) extends Event \{([\s\S]*?)\n\}/g)) {
      const name = /static readonly eventName = '([^']+)'/.exec(body)?.[1];
      if (name) found.set(name, { className, file });
    }
  }
  return found;
}
