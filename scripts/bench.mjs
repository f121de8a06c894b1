#!/usr/bin/env node
// `npm run bench`: performance figures of the elements, measured in a real browser against a
// production build, printed as one table. It never passes or fails on a timing: it reports.
//
// How it works: every HTML file in bench/pages/ is built with Vite (production mode, minified,
// Lit without dev mode) into dist-bench/ (gitignored), served statically on a free port, and
// opened in Debian's Chromium through playwright-core (CHROME_PATH to use another browser).
//
// Adding a case: write bench/cases/<name>.mjs exporting
//   export const name = 'ticket list, 10,000 tickets';   // what the table calls it
//   export const page = 'ticket-list.html';             // its page, a path under bench/pages/
//   export async function run({ page, url }) { … }      // playwright Page (fresh, already at
//                                                        // about:blank) and the built page's URL
// and `run` returns rows: [{ case, variant, metrics: { [label]: number | string } }, …].
// Numbers are printed with at most one decimal; give units in the label ("first rows (ms)").
// A case may goto `url` with its own query string (`${url}?variant=repeat`) to measure several
// variants in one run. The page itself (bench/pages/<name>.html + its .ts) may use anything,
// including an in-page PortalClient or src/mocks: bench pages are not library code.
//
//   npm run bench                      every case
//   npm run bench -- ticket            only cases whose file name contains "ticket"
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './engines.mjs';
import { build } from 'vite';
import { freePort } from './shared.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pagesDir = join(root, 'bench/pages');
const casesDir = join(root, 'bench/cases');
const outDir = join(root, 'dist-bench');
const filter = process.argv[2] ?? '';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

async function buildPages() {
  const input = Object.fromEntries(
    readdirSync(pagesDir)
      .filter((file) => file.endsWith('.html'))
      .map((file) => [file.replace(/\.html$/, ''), join(pagesDir, file)]),
  );
  await rm(outDir, { recursive: true, force: true });
  await build({
    configFile: false,
    root: pagesDir,
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true, target: 'es2022', rolldownOptions: { input } },
  });
}

function serve(port) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(outDir, `.${path}`);
    if (!file.startsWith(outDir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

function format(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return String(value ?? '');
}

function printTable(rows) {
  const labels = [...new Set(rows.flatMap((row) => Object.keys(row.metrics)))];
  const header = ['case', 'variant', ...labels];
  const body = rows.map((row) => [row.case, row.variant, ...labels.map((label) => format(row.metrics[label]))]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const line = (cells) => `| ${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < 2 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const cells of body) console.log(line(cells));
}

const caseFiles = readdirSync(casesDir)
  .filter((file) => file.endsWith('.mjs') && file.includes(filter))
  .sort();
if (caseFiles.length === 0) {
  console.error(`No bench cases${filter ? ` matching "${filter}"` : ''} in bench/cases/.`);
  process.exit(1);
}

await buildPages();
const port = await freePort();
const server = await serve(port);
const browser = await launchChromium();
const version = browser.version();
const rows = [];
let failed = false;
try {
  for (const file of caseFiles) {
    const mod = await import(pathToFileURL(join(casesDir, file)).href);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`${file}: page error: ${error.message}`));
    try {
      rows.push(...(await mod.run({ page, url: `http://127.0.0.1:${port}/${mod.page}` })));
    } catch (error) {
      failed = true;
      console.error(`${file} (${mod.name}) failed: ${error instanceof Error ? error.stack : String(error)}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`\nChromium ${version}, ${availableParallelism()} CPUs (nproc), Node ${process.versions.node}\n`);
printTable(rows);
if (failed) process.exit(1);
