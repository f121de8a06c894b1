// Where each browser engine lives on this machine (Debian's packages), overridable by env.
import { existsSync } from 'node:fs';

const first = (...candidates) => candidates.filter(Boolean).find((path) => existsSync(path)) ?? null;

export function enginePaths() {
  return {
    chromium: first(
      process.env.CHROME_PATH,
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ),
    firefox: first(process.env.FIREFOX_PATH, '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox'),
    webkit: first(
      process.env.WEBKIT_PATH,
      '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
    ),
    webkitDriver: first(process.env.WEBKIT_DRIVER_PATH, '/usr/bin/WebKitWebDriver'),
    xvfbRun: first('/usr/bin/xvfb-run'),
  };
}

/** For each engine: its path, or why it can't run here and how to install it. */
export function availableEngines() {
  const p = enginePaths();
  return {
    chromium: p.chromium
      ? { ok: true, detail: p.chromium }
      : { ok: false, why: 'no Chromium or Chrome found', install: 'sudo apt-get install -y chromium (or set CHROME_PATH)' },
    firefox: p.firefox
      ? { ok: true, detail: p.firefox }
      : { ok: false, why: 'no Firefox found', install: 'sudo apt-get install -y firefox-esr (or set FIREFOX_PATH)' },
    webkit:
      p.webkit && p.webkitDriver && (p.xvfbRun || process.env.DISPLAY)
        ? { ok: true, detail: p.webkit }
        : {
            ok: false,
            why: !p.webkit || !p.webkitDriver ? 'no WebKitGTK MiniBrowser/WebKitWebDriver found' : 'no display and no xvfb-run',
            install: 'sudo apt-get install -y webkit2gtk-driver xvfb xauth',
          },
  };
}

/**
 * The flags every Chromium this project starts gets (tests, demo check, end-to-end, visual,
 * bench): no sandbox (CI runs as root), no GPU, and none of the background connections this
 * machine's closed network refuses.
 */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Starts headless Chromium through playwright-core with CHROME_FLAGS plus `extraArgs`; exits
 * with how to install it when there is none (CHROME_PATH chooses another).
 */
export async function launchChromium(extraArgs = []) {
  const executablePath = enginePaths().chromium;
  if (!executablePath) {
    console.error('No Chromium found: install Debian’s chromium package (apt-get install chromium) or set CHROME_PATH.');
    process.exit(1);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: [...CHROME_FLAGS, ...extraArgs] });
}
