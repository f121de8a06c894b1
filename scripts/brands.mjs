#!/usr/bin/env node
// `npm run brands`: the screenshots of docs/theming.md. <portal-app> on its tickets view, signed
// in as the customer admin, in three brands made only of CSS (tokens and ::part from the host's
// stylesheet, e2e/visual.css), each light and dark, written to docs/theming/. Needs `npm run build`.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { enginePaths } from './engines.mjs';
import { startHostServer } from './host-server.mjs';

const outDir = fileURLToPath(new URL('../docs/theming/', import.meta.url));
const NOW = new Date('2026-11-20T15:00:00Z');
const BRANDS = ['harbor', 'orchard', 'ember'];
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || enginePaths().chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const brand of BRANDS) {
  for (const theme of ['light', 'dark']) {
    const host = await startHostServer({ backendOptions: { now: () => new Date(NOW) } });
    const context = await browser.newContext({ viewport: { width: 912, height: 700 }, reducedMotion: 'reduce', colorScheme: theme });
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    const session = host.backend.signIn(host.mocks.SEED_USERS.admin.email);
    await page.addInitScript((value) => {
      window.__portalSession = value;
    }, session);
    const query = new URLSearchParams({ tag: 'portal-app', theme, lang: 'en', brand, attrs: JSON.stringify({ home: 'tickets' }) });
    await page.goto(`${host.url}/visual.html?${query}`);
    await page.waitForFunction(() => document.documentElement.dataset.visualReady === 'true');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${outDir}${brand}-${theme}.png`, clip: { x: 0, y: 0, width: 912, height: 640 } });
    console.log(`docs/theming/${brand}-${theme}.png`);
    await context.close();
    await host.close();
  }
}
await browser.close();
