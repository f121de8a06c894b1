import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { installTokens, tokenStyles } from '../src/theme/tokens.js';

const tokenNames = [...new Set(tokenStyles.cssText.match(/--portal-[\w-]+(?=\s*:)/g) ?? [])];
const token = (el: Element, name: string): string => getComputedStyle(el).getPropertyValue(name).trim();

/** The declarations of the token sheet's `:where(html)` rule inside `@media <condition>`. */
function mediaDeclarations(condition: string): CSSStyleDeclaration {
  const sheet = tokenStyles.styleSheet;
  expect(sheet, 'the token sheet is a constructed stylesheet').to.exist;
  const media = [...sheet!.cssRules].find(
    (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.media.mediaText.replace(/\s+/g, ' ').trim() === condition,
  );
  expect(media, `an @media ${condition} rule`).to.exist;
  const html = [...media!.cssRules].find((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && rule.selectorText === ':where(html)');
  expect(html, `a :where(html) rule inside @media ${condition}`).to.exist;
  return html!.style;
}

const prefersDark = () => matchMedia('(prefers-color-scheme: dark)').matches;
const prefersReducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
const LIGHT = { bg: '#ffffff', text: '#0f172a' };
const DARK = { bg: '#0b1120', text: '#e2e8f0' };

/**
 * Chromium can emulate media features (CDP); Firefox over WebDriver BiDi and WebKit over
 * WebDriver classic cannot. Where it can, the tests toggle the preference and watch the tokens
 * follow; where not, they check the tokens against the preference the browser reports and read
 * the token sheet's @media rules through the CSSOM, so a wrong rule still fails.
 */
let canEmulate = false;

describe('theme tokens', () => {
  before(async () => {
    installTokens();
    try {
      await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
      canEmulate = true;
    } catch {
      canEmulate = false;
    }
  });
  after(async () => {
    if (canEmulate) await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('defines a full set of global tokens', () => {
    expect(tokenNames.length).to.be.greaterThan(40);
    for (const name of ['--portal-color-accent', '--portal-color-bg', '--portal-font-family', '--portal-space-4', '--portal-radius-md', '--portal-shadow-md', '--portal-color-scheme', '--portal-motion-duration']) {
      expect(tokenNames).to.include(name);
    }
  });

  it('installs one token sheet however often it is asked', () => {
    const before = document.adoptedStyleSheets.length;
    installTokens();
    installTokens();
    expect(document.adoptedStyleSheets.length).to.equal(before);
    expect(document.adoptedStyleSheets.filter((s) => s === tokenStyles.styleSheet)).to.have.length(1);
  });

  it('follows prefers-color-scheme by default', async () => {
    const el = await fixture<HTMLElement>(html`<div></div>`);
    const dark = mediaDeclarations('(prefers-color-scheme: dark)');
    expect(dark.getPropertyValue('--portal-color-bg').trim()).to.equal(DARK.bg);
    expect(dark.getPropertyValue('--portal-color-text').trim()).to.equal(DARK.text);
    expect(dark.getPropertyValue('--portal-color-scheme').trim()).to.equal('dark');
    // The sheet never sets the host page's own color-scheme.
    expect(dark.getPropertyValue('color-scheme').trim()).to.equal('');
    if (canEmulate) {
      await emulateMedia({ colorScheme: 'light' });
      expect(token(el, '--portal-color-bg')).to.equal(LIGHT.bg);
      await emulateMedia({ colorScheme: 'dark' });
      expect(token(el, '--portal-color-bg')).to.equal(DARK.bg);
      expect(token(el, '--portal-color-text')).to.equal(DARK.text);
    } else {
      const expected = prefersDark() ? DARK : LIGHT;
      expect(token(el, '--portal-color-bg')).to.equal(expected.bg);
      expect(token(el, '--portal-color-text')).to.equal(expected.text);
    }
  });

  it('lets data-portal-theme force a theme below it, whatever the system says', async () => {
    // With emulation the system says dark; without, force the theme the system does not ask for.
    if (canEmulate) await emulateMedia({ colorScheme: 'dark' });
    const forced = canEmulate || prefersDark() ? 'light' : 'dark';
    const el = await fixture<HTMLElement>(html`<div data-portal-theme=${forced}><span></span></div>`);
    expect(token(el.firstElementChild!, '--portal-color-bg')).to.equal(forced === 'light' ? LIGHT.bg : DARK.bg);
    expect(getComputedStyle(el).colorScheme).to.equal(forced);
    // And the other way round.
    el.setAttribute('data-portal-theme', forced === 'light' ? 'dark' : 'light');
    expect(token(el.firstElementChild!, '--portal-color-bg')).to.equal(forced === 'light' ? DARK.bg : LIGHT.bg);
  });

  it('keeps a host override from :root in both themes', async () => {
    document.documentElement.style.setProperty('--portal-color-accent', 'rgb(1, 2, 3)');
    try {
      const el = await fixture<HTMLElement>(html`<div><p data-portal-theme="dark"></p><p data-portal-theme="light"></p></div>`);
      for (const forced of el.querySelectorAll('p')) expect(token(forced, '--portal-color-accent')).to.equal('rgb(1, 2, 3)');
      if (canEmulate) {
        await emulateMedia({ colorScheme: 'dark' });
        expect(token(el, '--portal-color-accent')).to.equal('rgb(1, 2, 3)');
        await emulateMedia({ colorScheme: 'light' });
      }
      expect(token(el, '--portal-color-accent')).to.equal('rgb(1, 2, 3)');
      // The themes set mode tokens only: none of them redefines the brand accent.
      expect(mediaDeclarations('(prefers-color-scheme: dark)').getPropertyValue('--portal-color-accent')).to.equal('');
    } finally {
      document.documentElement.style.removeProperty('--portal-color-accent');
    }
  });

  it('stops motion for people who ask for reduced motion', async () => {
    const el = await fixture<HTMLElement>(html`<div></div>`);
    expect(mediaDeclarations('(prefers-reduced-motion: reduce)').getPropertyValue('--portal-motion-duration').trim()).to.equal('0ms');
    if (canEmulate) {
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(token(el, '--portal-motion-duration')).to.equal('150ms');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(token(el, '--portal-motion-duration')).to.equal('0ms');
    } else {
      expect(token(el, '--portal-motion-duration')).to.equal(prefersReducedMotion() ? '0ms' : '150ms');
    }
  });

  it('documents every token in custom-elements.json and the README', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { name: string; cssProperties?: { name: string }[] }[] }[];
    };
    const base = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.name === 'PortalElement');
    const documented = new Set(base?.cssProperties?.map((p) => p.name));
    const readme = await (await fetch('/README.md')).text();
    const missing = tokenNames.filter((name) => !documented.has(name));
    const missingInReadme = tokenNames.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing, 'tokens missing from custom-elements.json').to.deep.equal([]);
    expect(missingInReadme, 'tokens missing from README.md').to.deep.equal([]);
  });
});
