import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { PortalElement, defineElement } from '../src/base/portal-element.js';
import { compactPack } from '../scripts/pack-format.mjs';
import { PortalError } from '../src/api/errors.js';
import { ar } from '../src/i18n/ar.js';
import { de } from '../src/i18n/de.js';
import type { Catalogue, MessageValue } from '../src/i18n/en.js';
import { en } from '../src/i18n/en.js';
import { englishCatalogue } from '../src/i18n/en-all.js';
import { appEn } from '../src/i18n/en/app.js';
import { kbEn } from '../src/i18n/en/kb.js';
import { loginEn } from '../src/i18n/en/login.js';
import { membersEn } from '../src/i18n/en/members.js';
import { threadEn } from '../src/i18n/en/thread.js';
import { ticketFormEn } from '../src/i18n/en/ticket-form.js';
import { ticketListEn } from '../src/i18n/en/ticket-list.js';
import { ticketEn } from '../src/i18n/en/ticket.js';
import { es } from '../src/i18n/es.js';
import { fr } from '../src/i18n/fr.js';
import { ja } from '../src/i18n/ja.js';
import type { LocalizeController } from '../src/i18n/localize.js';
import {
  addEnglish,
  addTranslation,
  builtInLanguages,
  isRightToLeft,
  loadCatalogue,
  readPack,
  registerCatalogue,
  translate,
} from '../src/i18n/localize.js';

class LocalizedThing extends PortalElement {
  get l(): LocalizeController {
    return this.localize;
  }
  protected override render(): unknown {
    return litHtml`<p>${this.localize.t('common.retry')}</p>`;
  }
}
defineElement('test-localized-thing', LocalizedThing);

describe('localize', () => {
  it('formats English messages with parameters and plurals', () => {
    expect(translate('en', 'common.retry')).to.equal('Try again');
    expect(translate('en', 'error.rateLimited', { count: 1 })).to.equal('Too many requests. Try again in 1 second.');
    expect(translate('en', 'error.rateLimited', { count: 30 })).to.equal('Too many requests. Try again in 30 seconds.');
  });

  it('falls back from a regional language to its base, then to English', () => {
    registerCatalogue('eo', { 'common.retry': 'Reprovi' });
    expect(translate('eo-XX', 'common.retry')).to.equal('Reprovi');
    expect(translate('eo', 'common.cancel')).to.equal(en['common.cancel']);
    expect(translate('xx', 'common.retry')).to.equal('Try again');
  });

  it('formats numbers inside messages for the language', () => {
    registerCatalogue('nl', { 'error.rateLimited': { one: '{count} seconde', other: '{count} seconden' } });
    expect(translate('nl', 'error.rateLimited', { count: 1200 })).to.equal('1.200 seconden');
  });

  it('resolves an element language from its own lang, then the page', async () => {
    const el = await fixture<LocalizedThing>(html`<div lang="es"><test-localized-thing></test-localized-thing></div>`).then(
      (div) => div.querySelector('test-localized-thing') as LocalizedThing,
    );
    registerCatalogue('es', { 'common.retry': 'Reintentar' });
    expect(el.resolvedLang).to.equal('es');
    el.lang = 'en-GB';
    await el.updateComplete;
    expect(el.resolvedLang).to.equal('en-GB');
    expect(el.shadowRoot?.textContent).to.contain('Try again');
  });

  it('never writes an empty lang attribute, and mirrors one set as a property', async () => {
    const el = await fixture<LocalizedThing>(html`<test-localized-thing></test-localized-thing>`);
    expect(el.hasAttribute('lang')).to.equal(false);
    el.lang = 'fr';
    await el.updateComplete;
    expect(el.getAttribute('lang')).to.equal('fr');
    el.lang = '';
    await el.updateComplete;
    expect(el.hasAttribute('lang')).to.equal(false);
  });

  it('survives invalid language tags from the host page', async () => {
    expect(translate('en_US', 'error.rateLimited', { count: 2 })).to.equal('Too many requests. Try again in 2 seconds.');
    expect(translate('', 'common.retry')).to.equal('Try again');
    expect(translate('not a tag!', 'common.retry')).to.equal('Try again');
    const el = await fixture<LocalizedThing>(html`<test-localized-thing lang="x"></test-localized-thing>`);
    expect(el.l.lang).to.equal('en');
    expect(el.l.date('2026-01-05T10:30:00Z', { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('Jan 5, 2026');
    el.lang = 'de_DE';
    expect(el.l.lang).to.equal('de-DE');
    expect(el.l.number(1234.5)).to.equal('1.234,5');
  });

  it('re-renders when the page language changes', async () => {
    const original = document.documentElement.lang;
    registerCatalogue('fr', { 'common.retry': 'Réessayer' });
    const el = await fixture<LocalizedThing>(html`<test-localized-thing></test-localized-thing>`);
    try {
      document.documentElement.lang = 'fr';
      await waitUntil(() => el.shadowRoot?.textContent?.includes('Réessayer'), 'did not follow <html lang>');
    } finally {
      document.documentElement.lang = original;
    }
    await waitUntil(() => el.shadowRoot?.textContent?.includes('Try again'), 'did not follow <html lang> back');
  });

  it('words a failed request by what went wrong', async () => {
    const el = await fixture<LocalizedThing>(html`<test-localized-thing lang="en"></test-localized-thing>`);
    const words = (init: ConstructorParameters<typeof PortalError>[0]): string => el.l.error(new PortalError(init));
    expect(words({ status: 0, title: 'x', code: 'network' })).to.equal(en['error.network']);
    expect(words({ status: 0, title: 'x', code: 'timeout' })).to.equal(en['error.timeout']);
    expect(words({ status: 429, title: 'x', retryAfter: 12 })).to.equal('Too many requests. Try again in 12 seconds.');
    expect(words({ status: 429, title: 'x' })).to.equal(en['error.rateLimitedNoWait']);
    expect(words({ status: 403, title: 'x' })).to.equal(en['error.forbidden']);
    expect(words({ status: 404, title: 'x' })).to.equal(en['error.notFound']);
    expect(words({ status: 422, title: 'x' })).to.equal(en['error.validation']);
    expect(words({ status: 503, title: 'x' })).to.equal(en['error.server']);
    expect(words({ status: 409, title: 'x' })).to.equal(en['error.unknown']);
    expect(el.l.error(new TypeError('boom'))).to.equal(en['error.unknown']);
  });

  it('formats relative and exact times, sizes and lists with Intl', async () => {
    const el = await fixture<LocalizedThing>(html`<test-localized-thing lang="en"></test-localized-thing>`);
    const now = new Date('2026-11-23T12:00:00Z');
    expect(el.l.relativeTime('2026-11-23T11:59:40Z', now)).to.equal('just now');
    expect(el.l.relativeTime('2026-11-23T09:00:00Z', now)).to.equal('3 hours ago');
    expect(el.l.relativeTime('2026-11-22T12:00:00Z', now)).to.equal('yesterday');
    expect(el.l.relativeTime('2026-11-25T12:00:00Z', now)).to.equal('in 2 days');
    expect(el.l.relativeTime('not a date', now)).to.equal('');
    expect(el.l.bytes(1_234_567)).to.equal('1.2 MB');
    expect(el.l.bytes(532)).to.equal('532 bytes');
    expect(el.l.list(['a', 'b', 'c'])).to.equal('a, b, and c');
    expect(el.l.date('2026-01-05T10:30:00Z', { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('Jan 5, 2026');
  });
});

/** The `{name}` placeholders of every form of a message. */
function placeholders(value: MessageValue | undefined): Set<string> {
  const forms = value === undefined ? [] : typeof value === 'string' ? [value] : Object.values(value);
  return new Set(forms.flatMap((form) => [...(form ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '')));
}

describe('built-in translations', () => {
  const packs: Record<string, Partial<Record<string, MessageValue>>> = { ar, de, es, fr, ja };

  it('ship every language the library promises', () => {
    expect([...builtInLanguages].sort().join(' ')).to.equal(Object.keys(packs).sort().join(' '));
  });

  for (const [lang, pack] of Object.entries(packs)) {
    it(`${lang}: has every English key and no other, with the same placeholders and the plural forms ${lang} needs`, () => {
      const problems: string[] = [];
      const englishKeys = Object.keys(englishCatalogue);
      for (const key of englishKeys) if (!(key in pack)) problems.push(`missing ${key}`);
      for (const key of Object.keys(pack)) if (!(key in englishCatalogue)) problems.push(`extra ${key}`);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const key of englishKeys) {
        const english = englishCatalogue[key as keyof typeof englishCatalogue];
        const translated = pack[key];
        if (translated === undefined) continue;
        const theirs = placeholders(translated);
        const ours = placeholders(english);
        for (const name of theirs) if (!ours.has(name)) problems.push(`${key}: unknown placeholder {${name}}`);
        const englishOther = typeof english === 'string' ? english : english.other;
        const translatedOther = typeof translated === 'string' ? translated : translated.other;
        for (const name of placeholders(englishOther)) {
          if (!placeholders(translatedOther).has(name)) problems.push(`${key}: {${name}} missing`);
        }
        if (typeof english !== 'string') {
          if (typeof translated === 'string') problems.push(`${key}: needs plural forms`);
          else for (const category of categories) if (!(category in translated)) problems.push(`${key}: no "${category}" form`);
        }
      }
      expect(problems.join('\n')).to.equal('');
    });
  }

  it('loads a language the first time an element shows it, and a host can reword a string', async () => {
    registerCatalogue('ja', { 'common.cancel': 'やめる' });
    const el = await fixture<LocalizedThing>(html`<test-localized-thing lang="ja"></test-localized-thing>`);
    await waitUntil(() => el.shadowRoot?.textContent?.includes(ja['common.retry']), 'the Japanese pack did not load', { timeout: 5000 });
    expect(translate('ja', 'common.cancel')).to.equal('やめる');
    expect(translate('ja-JP', 'common.loading')).to.equal(ja['common.loading']);
    await loadCatalogue('ar');
    expect(translate('ar', 'common.retry')).to.equal(ar['common.retry']);
  });

  it('lays out right to left for a right-to-left language given to the element or its provider', async () => {
    const el = await fixture<LocalizedThing>(html`<test-localized-thing lang="ar"></test-localized-thing>`);
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(el).direction).to.equal('rtl');
    el.lang = 'fr';
    await el.updateComplete;
    expect(el.getAttribute('dir')).to.equal('ltr');
    el.lang = '';
    await el.updateComplete;
    expect(el.hasAttribute('dir')).to.equal(false);
    expect(isRightToLeft('he-IL')).to.equal(true);
    expect(isRightToLeft('en')).to.equal(false);
  });

  it('leaves direction to the page when the language comes from the page, and never overrides a host dir', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="ar" dir="rtl"><test-localized-thing></test-localized-thing></div>`);
    const inherited = wrapper.querySelector('test-localized-thing') as LocalizedThing;
    await inherited.updateComplete;
    expect(inherited.hasAttribute('dir')).to.equal(false);
    expect(getComputedStyle(inherited).direction).to.equal('rtl');
    const own = await fixture<LocalizedThing>(html`<test-localized-thing dir="ltr" lang="ar"></test-localized-thing>`);
    expect(own.getAttribute('dir')).to.equal('ltr');
  });
});

type Pack = Parameters<typeof readPack>[0];

/** Runs `code` as a module, as the page runs a shipped chunk, and returns its exports. */
async function runModule(code: string): Promise<Record<string, Pack>> {
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  try {
    return (await import(url)) as Record<string, Pack>;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The entries of `pack` whose keys are in `section`. */
function pick(pack: Readonly<Record<string, MessageValue>>, section: Catalogue): Catalogue {
  return Object.fromEntries(Object.keys(section).flatMap((key) => (pack[key] === undefined ? [] : [[key, pack[key]]])));
}

// The builds ship each translation in the form scripts/pack-format.mjs writes (the Vite plugin
// scripts/compact-packs.mjs runs it on src/i18n/<lang>.ts); the tests above read the keyed source.
describe('built-in translations as shipped (no keys)', () => {
  const packs: Record<string, Readonly<Record<string, MessageValue>>> = { ar, de, es, fr, ja };
  // Every English section, as the plugin finds them (src/i18n/en.ts and src/i18n/en/*.ts).
  const sections: Catalogue[] = [en, appEn, kbEn, loginEn, membersEn, threadEn, ticketFormEn, ticketListEn, ticketEn];
  const firstKeys = new Set(sections.map((section) => Object.keys(section)[0]));

  it('the sections listed here are all of the English catalogue', () => {
    expect(Object.keys(Object.assign({}, ...sections) as Catalogue).sort()).to.deep.equal(Object.keys(englishCatalogue).sort());
  });

  for (const [lang, pack] of Object.entries(packs)) {
    it(`${lang}: ships no message key, and every key reads back to the same string as the source`, async () => {
      const { code, stray } = compactPack(lang, pack, sections);
      expect(stray).to.deep.equal([]);
      for (const key of Object.keys(englishCatalogue)) {
        if (!firstKeys.has(key)) expect(code, `${key} is in the shipped ${lang}`).not.to.contain(`"${key}"`);
      }
      const shipped = (await runModule(code))[lang];
      expect(shipped).to.be.an('object');
      expect(Object.keys(shipped!).every((key) => firstKeys.has(key))).to.equal(true);
      expect(readPack(shipped!, sections)).to.deep.equal({ ...pack });
      // A page with one element knows only the core and that element's sections.
      for (const section of sections) expect(readPack(shipped!, [section])).to.deep.equal(pick(pack, section));
      expect(readPack(shipped!, [])).to.deep.equal({});
      // The keyed source (what tests and the dev server load) reads as it is.
      expect(readPack(pack, [])).to.deep.equal({ ...pack });
    });
  }

  it('reads the sections an element adds after the translation loaded, under host rewordings, and English fills what a translation lacks', async () => {
    // A page with one element: besides the core, only the thread's words (nothing in this file
    // added them yet). Swedish counts like German; no test registers it.
    expect(translate('sv', 'thread.edit')).to.equal('thread.edit');
    // The first key of a section (the one the runtime finds the section by), its last, a core key.
    const last = Object.keys(threadEn).at(-1) as keyof typeof threadEn;
    const missing = new Set(['thread.loading', last, 'common.cancel']);
    const lacking = Object.fromEntries(Object.entries(de).filter(([key]) => !missing.has(key)));
    const { code } = compactPack('sv', lacking, sections);
    const shipped = (await runModule(code))['sv']!;
    registerCatalogue('sv', { 'thread.save': 'Sichern' });
    addTranslation('sv', shipped);
    expect(translate('sv', 'common.retry')).to.equal(de['common.retry']);
    expect(translate('sv', 'common.cancel')).to.equal(en['common.cancel']);
    expect(translate('sv', 'thread.edit')).to.equal('thread.edit');

    addEnglish([threadEn, ticketEn]);
    expect(translate('sv', 'thread.edit')).to.equal(de['thread.edit']);
    expect(translate('sv', 'ticket.status.open')).to.equal(de['ticket.status.open']);
    expect(translate('sv', 'thread.save')).to.equal('Sichern');
    expect(translate('sv', 'thread.loading')).to.equal(threadEn['thread.loading']);
    expect(translate('sv', last)).to.equal(threadEn[last]);
    expect(translate('sv', 'thread.loadedEarlier', { count: 1 })).to.equal(de['thread.loadedEarlier'].one.replace('{count}', '1'));
    expect(translate('sv', 'thread.loadedEarlier', { count: 3 })).to.equal(de['thread.loadedEarlier'].other.replace('{count}', '3'));
    // Sections no element added stay unread.
    expect(translate('sv', 'kb.yes')).to.equal('kb.yes');
  });
});
