// Small helpers the project's scripts and the test-runner config share.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

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
