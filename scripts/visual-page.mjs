// One element rendered on e2e/visual.html, for the visual check (scripts/visual.mjs) and the
// theming guide's screenshots (scripts/brands.mjs): a fresh mock backend and a page frozen at the
// same moment, so relative times and seed data never change between runs.
import { startHostServer } from './host-server.mjs';

/** The moment the mock backend and the page live in. */
export const VISUAL_NOW = new Date('2026-11-20T15:00:00Z');

/**
 * Opens `tag` on a fresh host server (what one shot does, a draft or a read marker, never shows
 * in another), signed in as the seed user `as` (or signed out), and waits until it has settled.
 * Resolves with the page and `close()`, which ends the page and its server.
 * @param {import('playwright-core').Browser} browser
 * @param {{ tag: string, theme: 'light' | 'dark', lang?: string, brand?: string, attrs?: Record<string, string>,
 *   as?: 'admin' | 'customer' | 'customer2' | null, viewport: { width: number, height: number } }} shot
 */
export async function openVisualPage(browser, { tag, theme, lang = 'en', brand, attrs = {}, as = null, viewport }) {
  const host = await startHostServer({ backendOptions: { now: () => new Date(VISUAL_NOW) } });
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme: theme });
  const page = await context.newPage();
  const close = async () => {
    await context.close();
    await host.close();
  };
  try {
    await page.clock.setFixedTime(VISUAL_NOW);
    const session = as ? host.backend.signIn(host.mocks.SEED_USERS[as].email) : null;
    await page.addInitScript((value) => {
      window.__portalSession = value;
    }, session);
    const query = new URLSearchParams({ tag, theme, lang, attrs: JSON.stringify(attrs), ...(brand ? { brand } : {}) });
    await page.goto(`${host.url}/visual.html?${query}`);
    await page.waitForFunction(() => document.documentElement.dataset.visualReady === 'true', undefined, { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    // Let lazy chunks (markdown, translations) land and the element settle.
    await page.waitForTimeout(400);
    await page.waitForLoadState('networkidle');
  } catch (error) {
    await close();
    throw error;
  }
  return { page, close };
}
