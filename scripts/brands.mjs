#!/usr/bin/env node
// `npm run brands`: the screenshots of docs/theming.md. <portal-app> on its tickets view, signed
// in as the customer admin, in three brands made only of CSS (tokens and ::part from the host's
// stylesheet, e2e/visual.css), each light and dark, written to docs/theming/. Needs `npm run build`.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './engines.mjs';
import { openVisualPage } from './visual-page.mjs';

const outDir = fileURLToPath(new URL('../docs/theming/', import.meta.url));
const BRANDS = ['harbor', 'orchard', 'ember'];
mkdirSync(outDir, { recursive: true });

const browser = await launchChromium();
for (const brand of BRANDS) {
  for (const theme of ['light', 'dark']) {
    const { page, close } = await openVisualPage(browser, {
      tag: 'portal-app',
      theme,
      brand,
      attrs: { home: 'tickets' },
      as: 'admin',
      viewport: { width: 912, height: 700 },
    });
    await page.screenshot({ path: `${outDir}${brand}-${theme}.png`, clip: { x: 0, y: 0, width: 912, height: 640 } });
    console.log(`docs/theming/${brand}-${theme}.png`);
    await close();
  }
}
await browser.close();
