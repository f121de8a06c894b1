// Small helpers the project's scripts and the test-runner config share.
import { readFileSync } from 'node:fs';
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
