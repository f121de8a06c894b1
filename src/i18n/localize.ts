import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isPortalError } from '../api/errors.js';
import type { Catalogue, MessageKey, MessageValue } from './en.js';
import { en } from './en.js';

export type MessageParams = Record<string, string | number>;

// Shared across copies of the library, so a catalogue registered by one is seen by the other.
const CATALOGUES_KEY = Symbol.for('portal-elements.catalogues');
type GlobalWithCatalogues = typeof globalThis & { [CATALOGUES_KEY]?: Map<string, Catalogue> };

function catalogues(): Map<string, Catalogue> {
  const g = globalThis as GlobalWithCatalogues;
  return (g[CATALOGUES_KEY] ??= new Map<string, Catalogue>([['en', en]]));
}

/**
 * A language tag `Intl` accepts: `en_US` becomes `en-US`; anything invalid (`x`, empty) becomes
 * `en`. Host pages carry all sorts of `lang` values and none may break rendering.
 */
export function normalizeLang(tag: string | null | undefined): string {
  if (!tag) return 'en';
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] ?? 'en';
  } catch {
    return 'en';
  }
}

// Elements re-render when <html lang> changes or a catalogue is registered.
const LIVE_KEY = Symbol.for('portal-elements.localize-hosts');
type GlobalWithHosts = typeof globalThis & { [LIVE_KEY]?: { hosts: Set<ReactiveControllerHost>; observer: MutationObserver | null } };

function liveHosts(): { hosts: Set<ReactiveControllerHost>; observer: MutationObserver | null } {
  const g = globalThis as GlobalWithHosts;
  return (g[LIVE_KEY] ??= { hosts: new Set(), observer: null });
}

function refreshAll(): void {
  for (const host of liveHosts().hosts) host.requestUpdate();
}

/**
 * A built-in translation as a module exports it. The source is keyed like a catalogue; the builds
 * ship it without keys (scripts/pack-format.mjs): under the first key of each English section,
 * that section's values in the order of its keys, with a hole where the translation has none.
 */
type Pack = Readonly<Record<string, MessageValue | (MessageValue | undefined)[]>>;

/**
 * The strings of `pack` for the English sections `from`: keyed messages as they are, and the
 * values of each section in `from` under that section's keys (the order of `Object.keys`, which
 * is the order the build wrote them in). Sections the page has not loaded are skipped.
 * @internal
 */
export function readPack(pack: Pack, from: readonly Catalogue[]): Catalogue {
  const out: Catalogue = {};
  for (const [key, value] of Object.entries(pack)) if (!Array.isArray(value)) out[key] = value;
  for (const section of from) {
    const keys = Object.keys(section);
    const values = pack[keys[0] ?? ''];
    if (!Array.isArray(values)) continue;
    keys.forEach((key, i) => {
      const value = values[i];
      if (value !== undefined) out[key] = value;
    });
  }
  return out;
}

/** The English sections this copy of the library knows: the core, then each element's as added. */
const known: Catalogue[] = [en];
/** The built-in translations this copy loaded, to read the sections elements add later. */
const packs = new Map<string, Pack>();

/**
 * Adds the built-in translation `pack` for `lang`: the strings of every English section known now,
 * and of each section added later (`addEnglish`). Strings a host registered win over them.
 * @internal
 */
export function addTranslation(lang: string, pack: Pack): void {
  const key = lang.toLowerCase();
  packs.set(key, pack);
  catalogues().set(key, { ...readPack(pack, known), ...catalogues().get(key) });
}

/**
 * The translations that ship with the library, each a chunk of its own loaded the first time an
 * element shows that language: a page downloads at most the one it uses.
 */
// Each module exports its translation under the language's name (`export const de = {…}`).
const BUILT_IN: Record<string, () => Promise<Record<string, Pack>>> = {
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  ja: () => import('./ja.js'),
};
const requested = new Set<string>();

/** The languages with a built-in translation (besides English). */
export const builtInLanguages: readonly string[] = Object.keys(BUILT_IN);

/**
 * Loads the built-in translation for `lang` (`es-MX` loads `es`) once; elements re-render when it
 * arrives. Resolves false when loading failed (it is tried again on the next call), else true.
 */
export async function loadCatalogue(lang: string): Promise<boolean> {
  const base = baseLang(lang);
  const load = BUILT_IN[base];
  if (!load || requested.has(base)) return true;
  requested.add(base);
  try {
    addTranslation(base, (await load())[base] ?? {});
    refreshAll();
    return true;
  } catch {
    // Offline or blocked chunk: English stays, and the next update asking tries again.
    requested.delete(base);
    return false;
  }
}

const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** Whether `lang` is written right to left (Arabic, Hebrew, Persian, Urdu…). */
export function isRightToLeft(lang: string): boolean {
  return RTL.has(baseLang(lang));
}

/** The language without region or script, lower case: `es-MX` → `es`. */
function baseLang(tag: string): string {
  return normalizeLang(tag).toLowerCase().split('-')[0] ?? 'en';
}

/**
 * Adds strings for a language (`es`, `pt-BR`…), over any registered or built-in before: a host
 * can reword a few strings of a built-in translation, or add a language. Missing keys fall back
 * to the base language, then English.
 */
export function registerCatalogue(lang: string, catalogue: Partial<Record<MessageKey, MessageValue>>): void {
  const key = lang.toLowerCase();
  catalogues().set(key, { ...catalogues().get(key), ...(catalogue as Catalogue) });
  refreshAll();
}

/**
 * Adds an element's English strings (its `static strings`) to the English catalogue, once per
 * section. Elements carry their own words, so a page loads only those of the elements on it.
 */
export function addEnglish(sections: readonly Catalogue[]): void {
  const fresh = sections.filter((section) => !known.includes(section));
  if (!fresh.length) return;
  known.push(...fresh);
  const all = catalogues();
  // Host rewordings registered for English stay on top.
  all.set('en', Object.assign({}, ...fresh, all.get('en') ?? en) as Catalogue);
  // A translation loaded before has these sections' strings too; host rewordings stay on top.
  for (const [lang, pack] of packs) all.set(lang, { ...readPack(pack, fresh), ...all.get(lang) });
}

/** The catalogues that match `lang`, most specific first, always ending with English. */
function chain(lang: string): Catalogue[] {
  const all = catalogues();
  const parts = lang.toLowerCase().split('-');
  const found = parts.map((_, i) => all.get(parts.slice(0, parts.length - i).join('-')));
  return [...found, all.get('en') ?? en].filter((catalogue) => catalogue !== undefined);
}

/** Formats `key` for `lang` with `params`; plural messages use `params.count`. */
export function translate(tag: string, key: MessageKey, params: MessageParams = {}): string {
  const lang = normalizeLang(tag);
  const value = chain(lang).find((catalogue) => catalogue[key] !== undefined)?.[key];
  if (value === undefined) return key;
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else {
    const count = Number(params['count'] ?? 0);
    const category = new Intl.PluralRules(lang).select(count);
    text = value[category] ?? value.other;
  }
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const param = params[name];
    if (param === undefined) return match;
    return typeof param === 'number' ? new Intl.NumberFormat(lang).format(param) : param;
  });
}

/** The general message for an HTTP status (see `LocalizeController.error`). */
const ERROR_KEYS: Partial<Record<number, MessageKey>> = {
  403: 'error.forbidden',
  404: 'error.notFound',
  422: 'error.validation',
  429: 'error.rateLimitedNoWait',
};

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// Building an Intl formatter costs far more than using one; long lists format a time per row.
const formatters = new Map<string, unknown>();

function formatter<O, F>(Ctor: new (lang: string, options?: O) => F, lang: string, options: O): F {
  const key = `${Ctor.name}|${lang}|${JSON.stringify(options)}`;
  let found = formatters.get(key) as F | undefined;
  if (!found) {
    found = new Ctor(lang, options);
    formatters.set(key, found);
  }
  return found;
}

/** The host a LocalizeController serves: an element that knows its language. */
export interface LocalizeHost extends ReactiveControllerHost, HTMLElement {
  /** The element's resolved language. */
  readonly resolvedLang: string;
}

/**
 * Strings, dates and numbers in the host element's language, through the catalogue and `Intl`.
 * Every user-visible string of an element goes through `t()`.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: LocalizeHost;
  /** The language whose translation this controller last asked for. */
  #requestedFor: string | undefined;

  constructor(host: LocalizeHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    const live = liveHosts();
    live.hosts.add(this.#host);
    if (!live.observer) {
      live.observer = new MutationObserver(refreshAll);
      live.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
  }

  hostDisconnected(): void {
    liveHosts().hosts.delete(this.#host);
  }

  hostUpdate(): void {
    // Only a change of language can need a translation: the rest of the updates skip the lookup.
    const lang = this.#host.resolvedLang;
    if (lang === this.#requestedFor) return;
    this.#requestedFor = lang;
    void loadCatalogue(lang).then((loaded) => {
      if (!loaded && this.#requestedFor === lang) this.#requestedFor = undefined;
    });
  }

  /** The host's language, as a tag `Intl` accepts. */
  get lang(): string {
    return normalizeLang(this.#host.resolvedLang);
  }

  /** The message `key`, with `{name}` placeholders filled from `params`. */
  t(key: MessageKey, params?: MessageParams): string {
    return translate(this.lang, key, params);
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.lang, options).format(value);
  }

  /** An exact date/time, e.g. for a `title` or `<time>` text. */
  date(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? '' : formatter(Intl.DateTimeFormat, this.lang, options).format(date);
  }

  /** "3 hours ago", "in 2 days": the largest unit that fits. */
  relativeTime(value: string | Date, now: Date = new Date()): string {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
    if (Math.abs(seconds) < 45) return this.t('time.justNow');
    const format = formatter(Intl.RelativeTimeFormat, this.lang, { numeric: 'auto' });
    for (const [unit, size] of RELATIVE_UNITS) {
      if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
    }
    return '';
  }

  /** A byte size as "1.2 MB". */
  bytes(value: number): string {
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
    let size = value;
    let i = 0;
    while (size >= 1000 && i < units.length - 1) {
      size /= 1000;
      i++;
    }
    return new Intl.NumberFormat(this.lang, {
      style: 'unit',
      unit: units[i],
      // "532 bytes" reads better than the short form "532 byte".
      unitDisplay: i === 0 ? 'long' : 'short',
      maximumFractionDigits: size < 10 && i > 0 ? 1 : 0,
    }).format(size);
  }

  /**
   * The general words for a failed request: network down, timeout, rate limited (with the wait),
   * forbidden, not found, validation, server error. Elements say something more specific first
   * where they know more (a wrong code, an expired link) and fall back to this.
   */
  error(error: unknown): string {
    if (!isPortalError(error)) return this.t('error.unknown');
    const { status, retryAfter } = error;
    if (status === 0) return this.t(error.code === 'timeout' ? 'error.timeout' : 'error.network');
    if (status === 429 && retryAfter) return this.t('error.rateLimited', { count: retryAfter });
    return this.t(status >= 500 ? 'error.server' : (ERROR_KEYS[status] ?? 'error.unknown'));
  }

  /** The list "a, b and c". */
  list(items: string[]): string {
    return new Intl.ListFormat(this.lang, { type: 'conjunction' }).format(items);
  }
}
