#!/usr/bin/env node
// `npm run e2e`: end-to-end checks of the built CDN bundle on plain host pages (e2e/), served over
// real HTTP by scripts/host-server.mjs with the mock backend behind /api. Needs `npm run build`.
//   - one-tag install: e2e/one-tag.html has exactly one script tag (the CDN loader) and a
//     provider; a visitor signs in with an emailed code.
//   - strict CSP: e2e/strict-csp.html, served with STRICT_CSP (Trusted Types included), holds
//     every element the loader knows; after signing in as a customer admin, every element has
//     rendered and the page saw no `securitypolicyviolation` event and no console error.
//   - one element: e2e/only-ticket-form.html holds only <portal-ticket-form>; it renders, the
//     elements of its chunk (ticket list, thread) are defined with it and no others, a ticket list
//     added later renders without another script request, and `loadAll()` defines the rest.
//   - React: e2e/react (built here with Vite into dist/e2e-react) renders the provider and login
//     from `portal-elements/react`; a visitor signs in and React's `onPortal…` props hear it.
// Exit 1 when a check fails. CHROME_PATH=/path/to/chrome to use another browser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from './engines.mjs';
import { STRICT_CSP, startHostServer } from './host-server.mjs';
import { loaderElements } from './shared.mjs';

const TIMEOUT = 20_000;
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures.push(what);
};

/** Every tag the CDN loader knows, read once from src/cdn/loader.ts. */
const tags = loaderElements().map((element) => element.tag);

const browser = await launchChromium();

/** Collects console errors, page errors and CSP violations of a page. */
async function watch(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

/** Signs in through the page's <portal-login> with the mock's one-time code. */
async function signIn(page, email, code) {
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in code' }).click();
  await page.getByLabel('Sign-in code').fill(code);
  await page.waitForFunction(
    () => document.querySelector('portal-provider')?.services.session.value.status === 'signed-in',
    undefined,
    { timeout: TIMEOUT },
  );
}

async function oneTagInstall() {
  console.log('\none-tag install (e2e/one-tag.html)');
  const html = readFileSync(new URL('../e2e/one-tag.html', import.meta.url), 'utf8');
  check((html.match(/<script\b/g) ?? []).length === 1, 'the page has exactly one script tag');
  const host = await startHostServer();
  const page = await browser.newPage();
  try {
    const problems = await watch(page);
    await page.goto(`${host.url}/one-tag.html`);
    const { DEMO_OTP_CODE, SEED_USERS } = host.mocks;
    await signIn(page, SEED_USERS.customer.email, DEMO_OTP_CODE);
    const heading = await page.getByRole('heading', { name: 'You’re signed in' }).isVisible();
    check(heading, `signed in as ${SEED_USERS.customer.email} and the login says so`);
    check(problems.length === 0, `no console errors${problems.length ? `: ${problems.join('; ')}` : ''}`);
  } catch (error) {
    check(false, `one-tag sign-in: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
    await host.close();
  }
}

async function strictCsp() {
  console.log(`\nstrict CSP (e2e/strict-csp.html)\n  ${STRICT_CSP}`);
  const html = readFileSync(new URL('../e2e/strict-csp.html', import.meta.url), 'utf8');
  const missing = tags.filter((tag) => !html.includes(`<${tag}`));
  check(missing.length === 0, `the page holds every element the loader knows${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`);
  const host = await startHostServer({ csp: STRICT_CSP });
  const page = await browser.newPage();
  try {
    const problems = await watch(page);
    const response = await page.goto(`${host.url}/strict-csp.html`);
    check((await response.headerValue('content-security-policy')) === STRICT_CSP, 'the page is served with the strict policy');
    const { DEMO_OTP_CODE, SEED_USERS } = host.mocks;
    await signIn(page, SEED_USERS.admin.email, DEMO_OTP_CODE);
    // Let every element fetch and render what the admin sees.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const rendered = await page.evaluate(
      (names) =>
        names.map((tag) => {
          const element = document.querySelector(tag);
          return { tag, defined: Boolean(customElements.get(tag)), text: element?.shadowRoot?.textContent?.trim().length ?? 0 };
        }),
      tags.filter((tag) => tag !== 'portal-provider'),
    );
    for (const { tag, defined, text } of rendered) check(defined && text > 0, `<${tag}> is defined and rendered`);
    const violations = await page.evaluate(() => window.__cspViolations);
    check(violations.length === 0, `no securitypolicyviolation events${violations.length ? `: ${violations.join('; ')}` : ''}`);
    check(problems.length === 0, `no console errors${problems.length ? `: ${problems.join('; ')}` : ''}`);
  } catch (error) {
    const violations = await page.evaluate(() => window.__cspViolations).catch(() => []);
    check(false, `strict CSP page: ${error.message.split('\n')[0]}${violations.length ? `; violations: ${violations.join('; ')}` : ''}`);
  } finally {
    await page.close();
    await host.close();
  }
}

async function oneElement() {
  console.log('\none element (e2e/only-ticket-form.html): the chunks it loads');
  const host = await startHostServer();
  const page = await browser.newPage();
  try {
    const problems = await watch(page);
    const scripts = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${host.url}/only-ticket-form.html`);
    const rendered = (tag) =>
      page.waitForFunction((name) => document.querySelector(name)?.shadowRoot?.textContent?.trim(), tag, { timeout: TIMEOUT });
    await rendered('portal-ticket-form');
    check(true, '<portal-ticket-form> rendered');
    const defined = () => page.evaluate((names) => names.filter((tag) => customElements.get(tag)), tags);
    const first = await defined();
    const expected = ['portal-provider', 'portal-ticket-form', 'portal-thread', 'portal-ticket-list'];
    check(
      expected.every((tag) => first.includes(tag)) && first.length === expected.length,
      `defined with it: the provider and its chunk's elements, nothing else (${first.join(', ')})`,
    );
    const before = scripts.length;
    await page.evaluate(() => document.querySelector('portal-provider')?.append(document.createElement('portal-ticket-list')));
    await rendered('portal-ticket-list');
    check(scripts.length === before, `a <portal-ticket-list> added later rendered with no new script request (${scripts.slice(before).join(', ') || 'none'})`);
    await page.evaluate(async () => {
      const loader = await import('/cdn/portal-elements.js');
      await loader.loadAll();
    });
    const all = await defined();
    check(all.length === tags.length, `loadAll() defined every element (${all.length} of ${tags.length})`);
    check(problems.length === 0, `no console errors${problems.length ? `: ${problems.join('; ')}` : ''}`);
  } catch (error) {
    check(false, `one-element page: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
    await host.close();
  }
}

async function react() {
  console.log('\nReact (e2e/react, portal-elements/react)');
  const outDir = fileURLToPath(new URL('../dist/e2e-react/', import.meta.url));
  await build({
    root: fileURLToPath(new URL('../e2e/react/', import.meta.url)),
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
  });
  const host = await startHostServer({ pages: outDir });
  const page = await browser.newPage();
  try {
    const problems = await watch(page);
    await page.goto(`${host.url}/index.html`);
    const { DEMO_OTP_CODE, SEED_USERS } = host.mocks;
    await signIn(page, SEED_USERS.customer.email, DEMO_OTP_CODE);
    const log = page.locator('#react-log');
    await log.getByText('signed in:').waitFor({ timeout: TIMEOUT });
    const text = await log.textContent();
    check(text.includes(`signed in: ${SEED_USERS.customer.name}`), `onPortalSignedIn received the user (${JSON.stringify(text)})`);
    check(text.includes('session: signed-in'), 'onPortalSessionChange received the signed-in session');
    const apiBase = await page.evaluate(() => document.querySelector('portal-provider')?.apiBase);
    check(apiBase === '/api', 'the apiBase prop reached the element as a property');
    check(problems.length === 0, `no console errors${problems.length ? `: ${problems.join('; ')}` : ''}`);
  } catch (error) {
    check(false, `React page: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
    await host.close();
  }
}

await oneTagInstall();
await oneElement();
await react();
await strictCsp();
await browser.close();
if (failures.length) {
  console.log(`\n${failures.length} check(s) failed.`);
  process.exit(1);
}
console.log('\nAll end-to-end checks passed.');
