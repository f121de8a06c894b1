#!/usr/bin/env node
// Checks the demo site like a visitor would and saves screenshots to screenshots/.
// Starts the demo dev server (vite.demo.config.ts) on a free port, opens every page in Debian's
// Chromium through playwright-core, in light and dark, at 1280 and 360 px, and fails (exit 1)
// when a page does not answer 200, logs a console error, or the portal config does not load.
// Also opens the demo panel, signs in through it, and follows the mock SSO round trip.
//
//   node scripts/screenshots.mjs            CHROME_PATH=/path/to/chrome to use another browser
import { mkdir } from 'node:fs/promises';
import { freePort } from './shared.mjs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './engines.mjs';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

const PAGES = [
  { name: 'index', path: '/index.html' },
  { name: 'tickets', path: '/tickets.html' },
  { name: 'new-ticket', path: '/new-ticket.html' },
  { name: 'ticket', path: '/ticket.html?ticket=tkt_1001' },
  { name: 'team', path: '/team.html' },
  { name: 'sign-in', path: '/sign-in.html' },
  { name: 'portal', path: '/portal.html?portal=tickets' },
];
const SCHEMES = ['light', 'dark'];
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];
const TIMEOUT = 20_000;

/** Waits up to 10 s for the page's session to be signed in; returns who, and the address hash. */
function waitForSignIn(page) {
  return page.evaluate(async () => {
    const services = document.querySelector('portal-provider').services;
    const deadline = Date.now() + 10_000;
    while (services.session.value.status !== 'signed-in' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const state = services.session.value;
    const user = state.status === 'signed-in' ? state.user : null;
    return { status: state.status, name: user?.name ?? '', email: user?.email ?? '', hash: location.hash };
  });
}

/**
 * A message naming what sticks out when the page is wider than its viewport (a phone user would
 * have to scroll sideways), or '' when it fits.
 */
function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return '';
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.site-nav'))
      .map((el) => `${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`);
    return `page is ${document.documentElement.scrollWidth}px wide in a ${width}px viewport (${[...new Set(wide)].slice(0, 5).join(', ')})`;
  });
}

/** Resolves when the mock worker controls the page, the loader ran and the provider is defined. */
async function waitForDemo(page) {
  await page.waitForFunction(
    () => document.documentElement.dataset.demoReady === 'true' && navigator.serviceWorker.controller !== null,
    undefined,
    { timeout: TIMEOUT },
  );
  await page.evaluate(() => customElements.whenDefined('portal-provider'));
  // The config request goes out when the provider connects; give it time to come back.
  await page
    .waitForFunction(
      () => {
        const provider = document.querySelector('portal-provider');
        return provider?.services.config.value.status !== 'loading';
      },
      undefined,
      { timeout: TIMEOUT },
    )
    .catch(() => undefined);
  return page.evaluate(() => {
    const provider = document.querySelector('portal-provider');
    const state = provider?.services.config.value;
    return { status: state?.status ?? 'no provider', name: state?.status === 'ready' ? state.config.name : '' };
  });
}

function watchConsole(page, errors) {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
}

const failures = [];
let server;
let browser;

try {
  await mkdir(outDir, { recursive: true });
  const port = await freePort();
  server = await createServer({
    configFile: fileURLToPath(new URL('../vite.demo.config.ts', import.meta.url)),
    root: `${root}demo`,
    logLevel: 'warn',
    server: { port, strictPort: true, host: '127.0.0.1' },
  });
  await server.listen();
  const base = `http://127.0.0.1:${port}`;
  console.log(`Demo server at ${base}`);

  browser = await launchChromium();

  // ----- every page, both colour schemes, both widths -----
  for (const scheme of SCHEMES) {
    for (const viewport of WIDTHS) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      for (const { name, path } of PAGES) {
        const page = await context.newPage();
        const errors = [];
        watchConsole(page, errors);
        const response = await page.goto(base + path, { waitUntil: 'load' });
        const status = response?.status() ?? 0;
        let config = { status: 'not checked', name: '' };
        try {
          config = await waitForDemo(page);
        } catch (error) {
          errors.push(`not ready: ${error.message.split('\n')[0]}`);
        }
        // Let late requests and fonts settle before the picture.
        await page.evaluate(() => document.fonts.ready);
        await page.waitForTimeout(150);
        const file = `${name}-${scheme}-${viewport.width}.png`;
        await page.screenshot({ path: outDir + file, fullPage: true });
        const overflow = await horizontalOverflow(page);
        if (overflow) errors.push(overflow);
        const ok = status === 200 && config.status === 'ready' && errors.length === 0;
        console.log(
          `${ok ? 'ok  ' : 'FAIL'} ${path.padEnd(30)} ${scheme.padEnd(5)} ${String(viewport.width).padStart(4)}px  ` +
            `HTTP ${status}  config ${config.status}${config.name ? ` (${config.name})` : ''}  ` +
            `console errors ${errors.length}  → screenshots/${file}`,
        );
        for (const error of errors) console.log(`       ${error}`);
        if (!ok) failures.push(`${path} ${scheme} ${viewport.width}px`);
        await page.close();
      }
      await context.close();
    }
  }

  // ----- the demo panel: open it by keyboard, sign in through it -----
  for (const { scheme, viewport } of [
    { scheme: 'light', viewport: WIDTHS[0] },
    { scheme: 'dark', viewport: WIDTHS[1] },
  ]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    const errors = [];
    watchConsole(page, errors);
    await page.goto(`${base}/tickets.html`);
    await waitForDemo(page);
    const toggle = page.getByRole('button', { name: 'Demo', exact: true });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /controls/i });
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Sign in as customer admin' }).click();
    await dialog.getByText('Customer admin ·').waitFor({ timeout: TIMEOUT });
    const who = await page.evaluate(() => {
      const state = document.querySelector('portal-provider')?.services.session.value;
      return state?.status === 'signed-in' ? `${state.user.name} (${state.user.role})` : (state?.status ?? 'none');
    });
    await page.waitForTimeout(1100); // one refresh of the request log
    const file = `panel-${scheme}-${viewport.width}.png`;
    await page.screenshot({ path: outDir + file });
    // Escape closes it and gives focus back to the toggle.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
    const focusBack = await page.evaluate(
      () => document.activeElement?.localName === 'demo-panel' && document.activeElement.shadowRoot?.activeElement?.classList.contains('toggle'),
    );
    const ok = who.startsWith('Dana') && focusBack && errors.length === 0;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} demo panel ${scheme} ${viewport.width}px: signed in as ${who}; Escape closes, focus back on toggle: ${focusBack}  → screenshots/${file}`,
    );
    for (const error of errors) console.log(`       ${error}`);
    if (!ok) failures.push(`demo panel ${scheme} ${viewport.width}px`);

    if (scheme === 'light') {
      // Theme the site through the panel, then check the choice follows to another page.
      await toggle.click();
      await dialog.getByRole('radio', { name: 'Dark' }).check();
      await dialog.getByLabel('Brand colour').fill('#7c3aed');
      await dialog.getByLabel('Corner radius').fill('16');
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${outDir}panel-themed-1280.png` });
      await page.goto(`${base}/index.html`);
      await waitForDemo(page);
      const applied = await page.evaluate(() => ({
        theme: document.documentElement.dataset.theme,
        provider: document.querySelector('portal-provider')?.getAttribute('theme'),
        accent: document.documentElement.style.getPropertyValue('--portal-color-accent'),
        radius: document.documentElement.style.getPropertyValue('--portal-radius-md'),
      }));
      await page.screenshot({ path: `${outDir}index-themed-1280.png`, fullPage: true });
      const kept = applied.theme === 'dark' && applied.provider === 'dark' && applied.accent === '#7c3aed' && applied.radius === '16px';
      console.log(
        `${kept ? 'ok  ' : 'FAIL'} demo panel theming survives navigation: ${JSON.stringify(applied)}  → screenshots/panel-themed-1280.png, index-themed-1280.png`,
      );
      if (!kept) failures.push('demo panel theming');
    }
    await context.close();
  }

  // ----- the one-time code sign-in, as a person would do it on the sign-in page -----
  {
    const context = await browser.newContext({ viewport: WIDTHS[1] });
    const page = await context.newPage();
    const errors = [];
    watchConsole(page, errors);
    await page.goto(`${base}/sign-in.html`);
    await waitForDemo(page);
    const login = page.locator('main portal-login');
    await login.locator('[part~="email-input"]').fill('priya.raman@northwind-labs.example');
    await login.locator('[part~="submit"]').first().click();
    const code = login.locator('[part~="code-input"]');
    await code.waitFor({ timeout: TIMEOUT });
    await page.screenshot({ path: `${outDir}sign-in-code-360.png`, fullPage: true });
    await code.fill('000000');
    // The message sits next to the code input (aria-describedby), which keeps what was typed.
    const fieldError = login.locator('[part~="field-error"]');
    await fieldError.waitFor({ timeout: TIMEOUT });
    const wrongCodeShown = (await fieldError.textContent())?.trim() ?? '';
    const keptTyped = (await code.inputValue()) === '000000';
    await page.screenshot({ path: `${outDir}sign-in-wrong-code-360.png`, fullPage: true });
    await code.fill('123456');
    const signedIn = await waitForSignIn(page);
    const status = signedIn.status === 'signed-in' ? `signed-in as ${signedIn.name}` : signedIn.status;
    await page.screenshot({ path: `${outDir}sign-in-signed-in-360.png`, fullPage: true });
    // Signed in, the header carries the account chip: the page must still fit the phone width.
    const overflow = await horizontalOverflow(page);
    if (overflow) errors.push(overflow);
    // The wrong code's 422 is expected; the browser logs every failed response.
    const unexpected = errors.filter((e) => !/status of 422/.test(e));
    const ok = status.startsWith('signed-in') && wrongCodeShown.length > 0 && keptTyped && unexpected.length === 0;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} one-time code: wrong code → "${wrongCodeShown}" (typed code kept: ${keptTyped}); right code → ${status}`,
    );
    for (const error of unexpected) console.log(`       ${error}`);
    if (!ok) failures.push('one-time code sign-in');
    await context.close();
  }

  // ----- the SSO round trip through the mock identity provider -----
  {
    const context = await browser.newContext({ viewport: WIDTHS[0] });
    const page = await context.newPage();
    const errors = [];
    watchConsole(page, errors);
    const back = `${base}/tickets.html`;
    const response = await page.goto(`${base}/api/sso/google/authorize?redirect_uri=${encodeURIComponent(back)}`);
    const authorizeStatus = response?.status() ?? 0;
    await page.waitForURL((url) => url.pathname === '/tickets.html', { timeout: TIMEOUT });
    await waitForDemo(page);
    // <portal-login> (in the header of every page) exchanges #portal_code by itself and removes
    // it from the address bar.
    const result = await waitForSignIn(page);
    const landed = new URL(page.url());
    const codeLeft = result.hash.includes('portal_code');
    const ok = authorizeStatus === 200 && result.status === 'signed-in' && !codeLeft && errors.length === 0;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} SSO: /api/sso/google/authorize → HTTP ${authorizeStatus} → ${landed.pathname}; ` +
        `<portal-login> exchanged the code → ${result.status}${result.email ? ` as ${result.email}` : ''}; ` +
        `${codeLeft ? 'code still in the address bar' : 'code removed from the address bar'}`,
    );
    for (const error of errors) console.log(`       ${error}`);
    if (!ok) failures.push('SSO round trip');
    await context.close();
  }
} catch (error) {
  console.error(error);
  failures.push(`crashed: ${error.message}`);
} finally {
  await browser?.close();
  await server?.close();
}

if (failures.length) {
  console.log(`\n${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nAll demo checks passed.');
