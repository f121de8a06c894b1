#!/usr/bin/env node
// `npm run visual`: screenshots every element in light, dark and right-to-left (Arabic) from the
// CDN build, on e2e/visual.html served by scripts/host-server.mjs with a mock backend frozen at
// one moment, and compares each with its reference in test/visual/. Fails (exit 1) when a
// screenshot differs from its reference in more than 0.5% of its pixels (pixelmatch, per-pixel
// threshold 0.1), or changed size; the difference images go to screenshots/visual-diff/.
//   npm run visual -- --update    writes the references anew (review them in git before committing)
// Needs `npm run build`. CHROME_PATH=/path/to/chrome to use another browser.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { launchChromium } from './engines.mjs';
import { loaderElements } from './shared.mjs';
import { openVisualPage } from './visual-page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const referenceDir = join(root, 'test/visual');
const diffDir = join(root, 'screenshots/visual-diff');
const update = process.argv.includes('--update');
const MAX_DIFF_RATIO = 0.005;

/**
 * Each element in one representative state: who is signed in (by seed role) and its attributes.
 * Every element the loader knows must be listed (the check fails otherwise).
 */
const SHOTS = {
  'portal-provider': null, // no UI of its own
  'portal-login': { as: null, attrs: {} },
  'portal-kb-search': { as: 'customer', attrs: {} },
  'portal-ticket-list': { as: 'admin', attrs: { 'refresh-interval': '0' } },
  'portal-ticket-form': { as: 'customer', attrs: {} },
  'portal-thread': { as: 'customer', attrs: { 'ticket-id': 'tkt_1002', 'poll-interval': '0' } },
  'portal-members': { as: 'admin', attrs: {} },
  'portal-app': { as: 'customer', attrs: {} },
};
const MODES = [
  { name: 'light', theme: 'light', lang: 'en' },
  { name: 'dark', theme: 'dark', lang: 'en' },
  { name: 'rtl', theme: 'light', lang: 'ar' },
];

const tags = loaderElements().map((element) => element.tag);
const unlisted = tags.filter((tag) => !(tag in SHOTS));
if (unlisted.length) {
  console.error(`scripts/visual.mjs has no shot for ${unlisted.join(', ')}: add it to SHOTS.`);
  process.exit(1);
}

// Text rendered without hinting or subpixel colour, so references match across machines.
const browser = await launchChromium(['--font-render-hinting=none', '--disable-lcd-text']);
const failures = [];
let compared = 0;
rmSync(diffDir, { recursive: true, force: true });
mkdirSync(referenceDir, { recursive: true });

for (const tag of tags) {
  const shot = SHOTS[tag];
  if (!shot) continue;
  for (const mode of MODES) {
    const name = `${tag.replace(/^portal-/, '')}-${mode.name}`;
    let opened;
    try {
      opened = await openVisualPage(browser, { tag, theme: mode.theme, lang: mode.lang, attrs: shot.attrs, as: shot.as, viewport: { width: 912, height: 900 } });
      const { page } = opened;
      const png = await page.locator('#stage').screenshot({ animations: 'disabled', caret: 'hide' });
      const reference = join(referenceDir, `${name}.png`);
      if (update || !existsSync(reference)) {
        writeFileSync(reference, png);
        console.log(`${update ? 'wrote' : 'new  '} test/visual/${name}.png`);
        if (!update) failures.push(`${name}: no reference yet (written; run again)`);
        continue;
      }
      compared++;
      const actual = PNG.sync.read(png);
      const expected = PNG.sync.read(readFileSync(reference));
      if (actual.width !== expected.width || actual.height !== expected.height) {
        failures.push(`${name}: size ${actual.width}×${actual.height}, reference ${expected.width}×${expected.height}`);
        mkdirSync(diffDir, { recursive: true });
        writeFileSync(join(diffDir, `${name}.actual.png`), png);
        console.log(`✗ ${name}: size changed`);
        continue;
      }
      const diff = new PNG({ width: actual.width, height: actual.height });
      const different = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.1 });
      const ratio = different / (actual.width * actual.height);
      const ok = ratio <= MAX_DIFF_RATIO;
      console.log(`${ok ? '✓' : '✗'} ${name}: ${(ratio * 100).toFixed(2)}% of pixels differ`);
      if (!ok) {
        failures.push(`${name}: ${(ratio * 100).toFixed(2)}% of pixels differ`);
        mkdirSync(diffDir, { recursive: true });
        writeFileSync(join(diffDir, `${name}.diff.png`), PNG.sync.write(diff));
        writeFileSync(join(diffDir, `${name}.actual.png`), png);
      }
    } catch (error) {
      failures.push(`${name}: ${error.message.split('\n')[0]}`);
    } finally {
      await opened?.close();
    }
  }
}
await browser.close();

if (failures.length) {
  console.log(`\n${failures.length} visual check(s) failed:\n  ${failures.join('\n  ')}`);
  if (existsSync(diffDir)) console.log('Differences: screenshots/visual-diff/. If the change is intended: npm run visual -- --update');
  process.exit(1);
}
console.log(update ? '\nReferences written to test/visual/.' : `\n${compared} screenshots match their references.`);
