import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { PortalElement, defineElement } from '../src/base/portal-element.js';
import { PortalError } from '../src/api/errors.js';
import { en } from '../src/i18n/en.js';
import type { LocalizeController } from '../src/i18n/localize.js';
import { registerCatalogue, translate } from '../src/i18n/localize.js';

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
    registerCatalogue('es', { 'common.retry': 'Reintentar' });
    expect(translate('es-MX', 'common.retry')).to.equal('Reintentar');
    expect(translate('es', 'common.cancel')).to.equal(en['common.cancel']);
    expect(translate('xx', 'common.retry')).to.equal('Try again');
  });

  it('formats numbers inside messages for the language', () => {
    registerCatalogue('de', { 'error.rateLimited': { one: '{count} Sekunde', other: '{count} Sekunden' } });
    expect(translate('de', 'error.rateLimited', { count: 1200 })).to.equal('1.200 Sekunden');
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
