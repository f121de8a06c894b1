// A plain host site for end-to-end checks: a Node HTTP server that serves static host pages
// (e2e/), the CDN build (dist/cdn at /cdn/), and the REST contract at /api/ answered by the same
// mock backend the demo uses (src/mocks), over real HTTP, so a page needs no bundler, no service
// worker and no script of ours but the one CDN tag. HTML can be sent with a Content-Security-Policy
// header, to check the elements under a strict host policy.
//
//   import { startHostServer } from './host-server.mjs';
//   const host = await startHostServer({ csp: "default-src 'self'; …" });
//   … host.url, host.backend (the MockBackend: setConfig, injectFault, lastOtpCode …) …
//   await host.close();
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { createServer as createViteServer } from 'vite';
import { freePort } from './shared.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** The strict policy from the README's "Strict CSP" section. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

let mocksModule;

/**
 * Loads src/mocks (TypeScript) in Node through Vite's SSR loader, once per process: every host
 * server makes its own backend from the same module. The Vite server is only a module loader
 * here; it is closed as soon as the module is evaluated.
 */
function loadMocks() {
  mocksModule ??= (async () => {
    const vite = await createViteServer({
      root,
      configFile: false,
      logLevel: 'error',
      server: { middlewareMode: true, hmr: false, ws: false, watch: null },
      appType: 'custom',
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    try {
      return await vite.ssrLoadModule('/src/mocks/index.ts');
    } finally {
      await vite.close();
    }
  })();
  return mocksModule;
}

/** Reads a Node request into a fetch `Request` (body included) for msw's `getResponse`. */
async function toFetchRequest(req, origin) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url, origin), { method: req.method, headers, body });
}

/** Writes a fetch `Response` to a Node response. */
async function sendResponse(res, response) {
  const headers = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Set-Cookie must stay separate lines.
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Resolves a URL path inside `dir`, or null when it would leave it or does not exist. */
function fileIn(dir, urlPath) {
  const path = normalize(join(dir, decodeURIComponent(urlPath)));
  if (!path.startsWith(dir)) return null;
  if (existsSync(path) && statSync(path).isDirectory()) return fileIn(dir, join(urlPath, 'index.html'));
  return existsSync(path) ? path : null;
}

/**
 * Starts the host server on a free loopback port.
 * @param {{ csp?: string, pages?: string, cdn?: string, backendOptions?: object }} [options]
 *   `pages`: folder of host pages (default e2e/); `cdn`: folder served at /cdn/ (default dist/cdn).
 */
export async function startHostServer(options = {}) {
  const pagesDir = options.pages ?? join(root, 'e2e');
  const cdnDir = options.cdn ?? join(root, 'dist/cdn');
  if (!existsSync(join(cdnDir, 'portal-elements.js'))) {
    throw new Error(`No CDN build at ${cdnDir}: run npm run build first.`);
  }
  const mocks = await loadMocks();
  const backend = mocks.createMockBackend({ basePath: '/api', ...options.backendOptions });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;

  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url, origin).pathname;
      if (path.startsWith('/api/')) {
        const request = await toFetchRequest(req, origin);
        const response = await getResponse(backend.handlers, request, { baseUrl: origin });
        if (response) return await sendResponse(res, response);
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('No mock handler for this request.');
      }
      const file = path.startsWith('/cdn/') ? fileIn(cdnDir, path.slice('/cdn'.length)) : fileIn(pagesDir, path);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Not found');
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-cache' };
      if (options.csp && type.startsWith('text/html')) headers['content-security-policy'] = options.csp;
      res.writeHead(200, headers);
      createReadStream(file).pipe(res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error?.stack ?? error));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: origin,
    backend,
    mocks,
    async close() {
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
