// The demo host site (demo/): `npm start` serves it on port 5173, `vite build --config
// vite.demo.config.ts` writes it to dist/demo. It runs on the msw mock backend, so it needs two
// things a plain static server would not do:
// - msw's worker script at the origin root (`/mockServiceWorker.js`), taken from node_modules;
// - the demo page at `/api/sso/:provider/authorize`: msw never sees navigations, so the mock
//   identity provider is a page, and `startMockWorker` finishes the SSO round trip from there.
// Every page shares the site header and footer through `<!-- partial:name -->` comments.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Connect, Plugin, PreviewServer, ViteDevServer } from 'vite';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const demo = resolve(root, 'demo');
const workerFile = resolve(root, 'node_modules/msw/lib/mockServiceWorker.js');

/** Every page of the demo: each is a build input, so `vite build` writes all of them. */
const pages = ['index', 'tickets', 'new-ticket', 'ticket', 'team', 'sign-in', 'portal'];

/** Serves (and, in a build, emits) msw's worker script at the origin root. */
function mswWorker(): Plugin {
  const serve: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url?.split('?')[0] !== '/mockServiceWorker.js') return next();
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Service-Worker-Allowed', '/');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(readFileSync(workerFile, 'utf8'));
  };
  return {
    name: 'demo:msw-worker',
    configureServer(server: ViteDevServer) {
      server.middlewares.use(serve);
    },
    configurePreviewServer(server: PreviewServer) {
      server.middlewares.use(serve);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: readFileSync(workerFile, 'utf8') });
    },
  };
}

const SSO_PATH = /^\/api\/sso\/(google|microsoft|saml)\/authorize(?:\?|$)/;

function isSsoNavigation(req: IncomingMessage): boolean {
  return req.method === 'GET' && SSO_PATH.test(req.url ?? '');
}

/** Answers a navigation to the mock identity provider with the demo's home page. */
function ssoPage(): Plugin {
  return {
    name: 'demo:sso-page',
    configureServer(server: ViteDevServer) {
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
        if (!isSsoNavigation(req)) return next();
        const html = readFileSync(resolve(demo, 'index.html'), 'utf8');
        server
          .transformIndexHtml(req.url ?? '/', html, '/index.html')
          .then((page) => {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.setHeader('Cache-Control', 'no-store');
            res.end(page);
          })
          .catch(next);
      });
    },
    configurePreviewServer(server: PreviewServer) {
      const built = resolve(server.config.build.outDir, 'index.html');
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
        if (!isSsoNavigation(req)) return next();
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(readFileSync(built, 'utf8'));
      });
    },
  };
}

/**
 * Replaces `<!-- partial:header -->` and `<!-- partial:footer -->` with demo/partials/*.html,
 * and marks the nav link of the current page with `aria-current="page"`.
 */
function partials(): Plugin {
  return {
    name: 'demo:partials',
    transformIndexHtml: {
      order: 'pre',
      handler(html: string, context: { path: string }) {
        const current = context.path === '/' ? '/index.html' : context.path;
        return html
          .replace(/<!--\s*partial:([a-z-]+)\s*-->/g, (_match, name: string) =>
            readFileSync(resolve(demo, 'partials', `${name}.html`), 'utf8'),
          )
          .replace(/<a class="nav-link" href="([^"]+)"/g, (match, href: string) =>
            href === current ? `${match} aria-current="page"` : match,
          );
      },
    },
  };
}

export default defineConfig({
  root: demo,
  appType: 'mpa',
  publicDir: false,
  plugins: [mswWorker(), ssoPage(), partials()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: {
    outDir: resolve(root, 'dist/demo'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: Object.fromEntries(pages.map((page) => [page, resolve(demo, `${page}.html`)])),
    },
  },
});
