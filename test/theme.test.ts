import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { installTokens, tokenStyles } from '../src/theme/tokens.js';

const tokenNames = [...new Set(tokenStyles.cssText.match(/--portal-[\w-]+(?=\s*:)/g) ?? [])];
const token = (el: Element, name: string): string => getComputedStyle(el).getPropertyValue(name).trim();

describe('theme tokens', () => {
  before(() => installTokens());
  after(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('defines a full set of global tokens', () => {
    expect(tokenNames.length).to.be.greaterThan(40);
    for (const name of ['--portal-color-accent', '--portal-color-bg', '--portal-font-family', '--portal-space-4', '--portal-radius-md', '--portal-shadow-md', '--portal-color-focus-ring', '--portal-motion-duration']) {
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
    await emulateMedia({ colorScheme: 'light' });
    expect(token(el, '--portal-color-bg')).to.equal('#ffffff');
    await emulateMedia({ colorScheme: 'dark' });
    expect(token(el, '--portal-color-bg')).to.equal('#0b1120');
    expect(token(el, '--portal-color-text')).to.equal('#e2e8f0');
  });

  it('lets data-portal-theme force a theme below it, whatever the system says', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<HTMLElement>(html`<div data-portal-theme="light"><span></span></div>`);
    expect(token(el.firstElementChild!, '--portal-color-bg')).to.equal('#ffffff');
    expect(getComputedStyle(el).colorScheme).to.equal('light');
  });

  it('keeps a host override from :root in both themes', async () => {
    document.documentElement.style.setProperty('--portal-color-accent', 'rgb(1, 2, 3)');
    try {
      const el = await fixture<HTMLElement>(html`<div></div>`);
      await emulateMedia({ colorScheme: 'dark' });
      expect(token(el, '--portal-color-accent')).to.equal('rgb(1, 2, 3)');
      await emulateMedia({ colorScheme: 'light' });
      expect(token(el, '--portal-color-accent')).to.equal('rgb(1, 2, 3)');
    } finally {
      document.documentElement.style.removeProperty('--portal-color-accent');
    }
  });

  it('stops motion for people who ask for reduced motion', async () => {
    const el = await fixture<HTMLElement>(html`<div></div>`);
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(token(el, '--portal-motion-duration')).to.equal('150ms');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(token(el, '--portal-motion-duration')).to.equal('0ms');
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
