/**
 * The HTML sanitizer of the markdown pipeline: safe by construction.
 *
 * It reads the renderer's HTML (which, in articles, includes the author's raw HTML) with a small
 * tokenizer modelled on the browser's, and writes a new string made only of:
 * - text, copied as it was (it holds no `<`: every `<` starts a tag or was escaped);
 * - start and end tags whose names are on {@link ALLOWED_TAGS}, with only the attributes on
 *   {@link ALLOWED_ATTRS}, written back double-quoted. A value that is checked (`href`, `src`,
 *   `class`) is decoded, checked (URLs by the browser's URL parser) and fully escaped, so the
 *   browser reads exactly the value checked. Any other kept value may hold any text, so it is
 *   written as the author typed it with only `"` escaped: it cannot end the attribute, and the
 *   browser decodes its character references (every name, not only those known here) as it would
 *   have in the author's HTML.
 *
 * Nothing else gets through: other tags are dropped (their text kept), and comments, declarations,
 * and the content of script, style, template, svg, math and the like are dropped whole. Since no
 * raw-text or foreign element is ever written, the output parses the same way in every context,
 * and where this tokenizer reads a malformed input differently from a browser, the difference can
 * only change what is shown, never let markup through. The output is a plain string for Lit's
 * `unsafeHTML`; no HTML is parsed here, so no Trusted Types policy is needed beyond `lit-html`.
 *
 * It replaced DOMPurify (9.4 KB gzip) for size; see the README's "Stack decisions".
 */
import type { MarkdownHeading } from './index.js';
import { escapeHtml } from './markdown.js';

// Everything else is dropped: an allow-list cannot forget a dangerous newcomer.
const ALLOWED_TAGS = new Set(
  (
    'a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em ' +
    'figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp small ' +
    'span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr'
  ).split(' '),
);
// No `style`, no `id` (headings get ours), no `class` but `language-*` on code, no `target`, `rel`
// or `loading` from the author: those are set below.
const ALLOWED_ATTRS = new Set(
  'href src alt title width height class align start reversed colspan rowspan scope dir lang datetime open'.split(' '),
);
// Dropped with everything inside them: raw text and foreign content, and what holds no text to show.
const RAW_TEXT = /^(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)$/;
const DROP_TREE = /^(?:svg|math|template|select|object)$/;

const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'];
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp)(?:;[\w=.+-]+)*,/i;
const CODE_CLASS = /^language-[\w-]+$/;
// Only used to tell absolute URLs from relative ones; relative ones resolve to https here.
const PROBE_BASE = 'https://relative.invalid/';

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', Tab: '\t', NewLine: '\n',
  // What headings typed in HTML use most, for the table of contents (the body is decoded by the
  // browser). Rarer names, accented letters included, show as typed there.
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«',
  raquo: '»', copy: '©', reg: '®', trade: '™', euro: '€', times: '×', middot: '·', bull: '•',
};

/**
 * Decodes character references as the browser would in the cases that matter here: numeric ones
 * (with or without `;`) and the common named ones. An unknown name stays as typed; since values are
 * written back escaped, the browser then reads it as typed too, so the check still sees its value.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,8});?|#[xX]([\da-fA-F]{1,7});?|([A-Za-z]+);)/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/**
 * Whether a URL attribute's decoded value uses an allowed scheme. Uses the URL parser itself, so
 * `java\tscript:`, `JaVaScRiPt:` and leading control characters are judged as the browser would.
 */
function isAllowedUrl(value: string, image: boolean): boolean {
  // What the URL parser ignores: leading/trailing C0 controls and spaces, tabs and newlines anywhere.
  // Trimmed by index: a `[…]+$` regex retries at every character of an inner run (quadratic).
  const stripped = value.replace(/[\t\n\r]/g, '');
  let from = 0;
  let to = stripped.length;
  while (from < to && stripped.charCodeAt(from) <= 0x20) from += 1;
  while (to > from && stripped.charCodeAt(to - 1) <= 0x20) to -= 1;
  const url = stripped.slice(from, to);
  if (image && /^data:/i.test(url)) return SAFE_DATA_IMAGE.test(url);
  try {
    const { protocol } = new URL(url, PROBE_BASE);
    return image ? protocol === 'http:' || protocol === 'https:' : LINK_PROTOCOLS.includes(protocol);
  } catch {
    return false;
  }
}

/** http(s) links to another origin open in a new tab; relative, same-origin and mailto do not. */
function isExternal(href: string): boolean {
  try {
    const url = new URL(href, document.baseURI);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== location.origin;
  } catch {
    return false;
  }
}

interface Tag {
  name: string;
  end: boolean;
  /** Names lowercased, values as typed (character references not decoded). */
  attrs: Array<[string, string]>;
  /** Ends in `/>`: in foreign content (svg, math) the element is then empty. */
  selfClosing: boolean;
  /** Index just after the tag's `>`. */
  next: number;
}

const WS = /[\t\n\f\r ]/;
const COMMENT_END = /--!?>/g;
const ANY_END = />/g;

/**
 * Reads the tag at `i` (a `<` followed by a letter, or `</` and a letter) the way the browser's
 * tokenizer does: attribute names end at whitespace, `/`, `>` or `=`; values are quoted or end at
 * whitespace or `>`; the first of two same-named attributes wins. `undefined` when the input ends
 * inside the tag, which a browser would drop along with the rest of the input.
 */
function readTag(s: string, i: number): Tag | undefined {
  const end = s[i + 1] === '/';
  let at = i + (end ? 2 : 1);
  const start = at;
  while (at < s.length && !WS.test(s[at] ?? '') && s[at] !== '/' && s[at] !== '>') at += 1;
  const name = s.slice(start, at).toLowerCase();
  const attrs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (;;) {
    while (at < s.length && (WS.test(s[at] ?? '') || s[at] === '/')) at += 1;
    if (at >= s.length) return undefined;
    if (s[at] === '>') return { name, end, attrs, selfClosing: s[at - 1] === '/', next: at + 1 };
    const nameStart = at;
    at += 1; // a leading `=` belongs to the name
    while (at < s.length && !/[\t\n\f\r />=]/.test(s[at] ?? '')) at += 1;
    const attrName = s.slice(nameStart, at).toLowerCase();
    while (at < s.length && WS.test(s[at] ?? '')) at += 1;
    let value = '';
    if (s[at] === '=') {
      at += 1;
      while (at < s.length && WS.test(s[at] ?? '')) at += 1;
      const quote = s[at];
      if (quote === '"' || quote === "'") {
        const close = s.indexOf(quote, at + 1);
        if (close < 0) return undefined;
        value = s.slice(at + 1, close);
        at = close + 1;
      } else {
        const valueStart = at;
        while (at < s.length && !WS.test(s[at] ?? '') && s[at] !== '>') at += 1;
        value = s.slice(valueStart, at);
      }
    }
    if (!seen.has(attrName)) {
      seen.add(attrName);
      attrs.push([attrName, value]);
    }
  }
}

/**
 * The attributes an allowed element keeps, checked and completed, in the order written; each value
 * as it goes between double quotes (see the module comment). `href` is the kept link, decoded.
 */
function keptAttributes(name: string, attrs: Array<[string, string]>): { kept: Array<[string, string]>; href?: string } {
  const kept: Array<[string, string]> = [];
  let href: string | undefined;
  for (const [attr, typed] of attrs) {
    if (attr === 'href' || attr === 'src' || attr === 'class') {
      const value = decodeEntities(typed);
      const ok =
        attr === 'href'
          ? name === 'a' && isAllowedUrl(value, false)
          : attr === 'src'
            ? name === 'img' && isAllowedUrl(value, true)
            : name === 'code' && CODE_CLASS.test(value);
      if (!ok) continue;
      kept.push([attr, escapeHtml(value)]);
      if (attr === 'href') href = value;
    } else if (ALLOWED_ATTRS.has(attr)) {
      kept.push([attr, typed.replace(/"/g, '&quot;')]);
    }
  }
  const has = (attr: string) => kept.some(([n]) => n === attr);
  if (href !== undefined) {
    kept.push(['rel', 'noopener noreferrer']);
    if (isExternal(href)) kept.push(['target', '_blank']);
  } else if (name === 'img') {
    if (!has('alt')) kept.push(['alt', '']);
    // Images in untrusted content must not tell their host which page (and ticket) showed them.
    kept.push(['loading', 'lazy'], ['decoding', 'async'], ['referrerpolicy', 'no-referrer']);
  }
  return { kept, href };
}

/** A start tag from values already escaped for double quotes. */
const startTag = (name: string, attrs: Array<[string, string]>): string =>
  `<${name}${attrs.map(([attr, value]) => ` ${attr}="${value}"`).join('')}>`;

function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Options of {@link sanitize}. */
export interface SanitizeOptions {
  /** Give headings unique ids with this prefix and list them; `undefined` leaves headings alone. */
  idPrefix?: string;
}

/**
 * Sanitizes HTML to the allow-list (see the module comment). In a single pass, linear in the
 * input: every loop consumes input, and each search for a closing sequence ends the pass when it
 * finds none.
 */
export function sanitize(s: string, options: SanitizeOptions = {}): { html: string; headings: MarkdownHeading[] } {
  const out: string[] = [];
  const headings: MarkdownHeading[] = [];
  const used = new Set<string>();
  /** Per slug, the last n tried for `slug-n`: `used` only grows, so the search resumes there. */
  const lastSuffix = new Map<string, number>();
  const withIds = options.idPrefix !== undefined;
  const prefix = options.idPrefix ?? '';
  /** The open heading: where its start tag is in `out`, its attributes and its text so far. */
  let heading: { at: number; name: string; attrs: Array<[string, string]>; text: string } | undefined;
  /** Links to `#fragment`, rewritten once every heading's id is known. */
  const anchors: Array<{ at: number; attrs: Array<[string, string]>; href: string }> = [];

  /** Ends the open heading: its end tag (unless the input ended) and its id. */
  const closeHeading = (endTag = true) => {
    if (!heading) return;
    if (endTag) out.push(`</${heading.name}>`);
    const text = decodeEntities(heading.text).replace(/\s+/g, ' ').trim();
    const base = slugify(text);
    let slug = base;
    if (used.has(slug)) {
      let n = lastSuffix.get(base) ?? 1;
      while (used.has((slug = `${base}-${n}`))) n += 1;
      lastSuffix.set(base, n);
    }
    used.add(slug);
    const id = prefix + slug;
    out[heading.at] = startTag(heading.name, [['id', escapeHtml(id)], ...heading.attrs]);
    headings.push({ level: Number(heading.name.slice(1)), text, id });
    heading = undefined;
  };

  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const text = s.slice(i, lt < 0 ? s.length : lt);
    out.push(text);
    if (heading) heading.text += text;
    if (lt < 0) break;
    i = lt;
    const next = s[i + 1] ?? '';
    if (next === '!' || next === '?' || (next === '/' && !/[A-Za-z]/.test(s[i + 2] ?? ''))) {
      // A comment ends at `-->` or `--!>` (or is `<!-->` / `<!--->`); anything else of this kind
      // at the next `>`.
      const short = s.startsWith('<!--', i) ? /^<!---?>/.exec(s.slice(i, i + 6)) : null;
      if (short) {
        i += short[0].length;
        continue;
      }
      const end = s.startsWith('<!--', i) ? COMMENT_END : ANY_END;
      end.lastIndex = i + (end === COMMENT_END ? 4 : 2);
      const close = end.exec(s);
      if (!close) break;
      i = close.index + close[0].length;
      continue;
    }
    if (!/[A-Za-z]/.test(next === '/' ? (s[i + 2] ?? '') : next)) {
      out.push('&lt;');
      if (heading) heading.text += '<';
      i += 1;
      continue;
    }
    const tag = readTag(s, i);
    if (!tag) break;
    i = tag.next;
    const { name } = tag;
    if (tag.end) {
      if (/^h[1-6]$/.test(name) && heading) closeHeading();
      else if (ALLOWED_TAGS.has(name)) out.push(`</${name}>`);
      continue;
    }
    if (name === 'plaintext') break;
    if (RAW_TEXT.test(name) || DROP_TREE.test(name)) {
      // Raw text ends at the first end tag of its name; other dropped trees at their matching one.
      // A self-closed `<svg/>` or `<math/>` is empty, at the top as inside.
      const foreign = name === 'svg' || name === 'math';
      if (foreign && tag.selfClosing) continue;
      const pattern = new RegExp(`<(/?)${name}(?=[\\t\\n\\f\\r />])`, 'gi');
      pattern.lastIndex = i;
      let depth = 1;
      let found: RegExpExecArray | null;
      while (depth > 0 && (found = pattern.exec(s))) {
        if (found[1]) depth -= 1;
        else if (foreign) {
          const inner = readTag(s, found.index);
          if (!inner) break;
          pattern.lastIndex = inner.next;
          if (!inner.selfClosing) depth += 1;
        } else if (!RAW_TEXT.test(name)) depth += 1;
      }
      if (depth > 0) break;
      const after = s.indexOf('>', pattern.lastIndex);
      if (after < 0) break;
      i = after + 1;
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) continue;
    const { kept: attrs, href } = keptAttributes(name, tag.attrs);
    if (withIds && /^h[1-6]$/.test(name)) {
      // A heading inside a heading closes the first, as in the browser.
      closeHeading();
      heading = { at: out.length, name, attrs, text: '' };
    }
    if (withIds && href?.startsWith('#')) anchors.push({ at: out.length, attrs, href });
    out.push(startTag(name, attrs));
  }
  closeHeading(false);
  if (withIds && prefix) {
    for (const anchor of anchors) {
      const target = safeDecode(anchor.href.slice(1));
      if (used.has(target)) {
        const attrs = anchor.attrs.map(([n, v]): [string, string] => [n, n === 'href' ? escapeHtml(`#${prefix}${target}`) : v]);
        out[anchor.at] = startTag('a', attrs);
      }
    }
  }
  return { html: out.join(''), headings };
}
