/**
 * Our markdown renderer (`./markdown.ts`), then DOMPurify. Loaded only through
 * `import('./pipeline.js')` from `./index.js`, so it becomes a chunk of its own; never import it
 * statically from an element.
 *
 * Trusted Types: nothing here writes HTML into a sink. The renderer builds a string; DOMPurify
 * parses it into an inert document through its own policy (`dompurify`); the headings are then
 * adjusted in that inert document and read back with the `innerHTML` getter, which is no sink. The
 * result is a plain string for Lit's `unsafeHTML`, which passes it through the `lit-html` policy.
 */
import DOMPurify from 'dompurify';
import type { Config, UponSanitizeAttributeHookEvent } from 'dompurify';
import type { MarkdownHeading, MarkdownMode, RenderedMarkdown, RenderOptions } from './index.js';
import { escapeHtml, markdown } from './markdown.js';

const DEFAULT_ID_PREFIX = 'portal-h-';

// Everything else is dropped: an allow-list cannot forget a dangerous newcomer.
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt',
  'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];
// No `style`, no `id` (headings get ours after sanitizing), no `class` but `language-*` on code,
// no `target`/`rel`/`loading` from the author: the hooks set those.
const ALLOWED_ATTR = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'class', 'align', 'start', 'reversed',
  'colspan', 'rowspan', 'scope', 'dir', 'lang', 'datetime', 'open',
];
// Not allowed anyway; listed so a later edit of ALLOWED_TAGS cannot let them in by accident.
const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
  'button', 'select', 'option', 'textarea', 'svg', 'math', 'noscript', 'template', 'link', 'meta',
  'base', 'portal', 'slot',
];

const SANITIZE_CONFIG: Config & { RETURN_DOM: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  FORBID_TAGS,
  FORBID_ATTR: ['style'],
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  // DOMPurify's own URL check, narrowed to our schemes; the uponSanitizeAttribute hook is stricter.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // The body of DOMPurify's inert DOMParser document: nothing in it loads or runs.
  RETURN_DOM: true,
};

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp)(?:;[\w=.+-]+)*,/i;
const CODE_CLASS = /^language-[\w-]+$/;
// Only used to tell absolute URLs from relative ones; relative ones resolve to https here.
const PROBE_BASE = 'https://relative.invalid/';

/**
 * Whether a URL attribute's value (as the HTML parser decoded it) uses an allowed scheme. Uses
 * the URL parser itself, so `java\tscript:`, `JaVaScRiPt:` and leading control characters are
 * judged exactly as the browser would follow them.
 */
function isAllowedUrl(value: string, kind: 'link' | 'image'): boolean {
  // What the URL parser ignores: leading/trailing C0 controls and spaces, tabs and newlines anywhere.
  // eslint-disable-next-line no-control-regex
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (kind === 'image' && /^data:/i.test(url)) return SAFE_DATA_IMAGE.test(url);
  let protocol: string;
  try {
    protocol = new URL(url, PROBE_BASE).protocol;
  } catch {
    return false;
  }
  return (kind === 'link' ? LINK_PROTOCOLS : IMAGE_PROTOCOLS).has(protocol);
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

// Our own instance, so hooks and config never touch a DOMPurify the host page uses.
const purifier = DOMPurify(window);

purifier.addHook('uponSanitizeAttribute', (node: Element, event: UponSanitizeAttributeHookEvent) => {
  const name = event.attrName;
  if (name === 'href') {
    event.keepAttr = node.localName === 'a' && isAllowedUrl(event.attrValue, 'link');
  } else if (name === 'src') {
    event.keepAttr = node.localName === 'img' && isAllowedUrl(event.attrValue, 'image');
  } else if (name === 'class') {
    event.keepAttr = node.localName === 'code' && CODE_CLASS.test(event.attrValue);
  }
});

purifier.addHook('afterSanitizeAttributes', (node: Element) => {
  if (node.localName === 'a') {
    const href = node.getAttribute('href');
    if (href === null) {
      node.removeAttribute('rel');
      node.removeAttribute('target');
      return;
    }
    node.setAttribute('rel', 'noopener noreferrer');
    if (isExternal(href)) node.setAttribute('target', '_blank');
    else node.removeAttribute('target');
  } else if (node.localName === 'img') {
    if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
    node.setAttribute('loading', 'lazy');
    node.setAttribute('decoding', 'async');
    // Images in untrusted content must not tell their host which page (and ticket) showed them.
    node.setAttribute('referrerpolicy', 'no-referrer');
  }
});

function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

/** Gives every heading a unique id, lists them, and points `#slug` links at the prefixed ids. */
function addHeadingIds(root: Element, prefix: string): MarkdownHeading[] {
  const headings: MarkdownHeading[] = [];
  const used = new Set<string>();
  for (const heading of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const text = (heading.textContent ?? '').replace(/\s+/g, ' ').trim();
    const base = slugify(text);
    let slug = base;
    for (let n = 1; used.has(slug); n += 1) slug = `${base}-${n}`;
    used.add(slug);
    const id = prefix + slug;
    heading.setAttribute('id', id);
    headings.push({ level: Number(heading.localName.slice(1)), text, id });
  }
  if (prefix) {
    for (const link of root.querySelectorAll('a[href^="#"]')) {
      const target = safeDecode((link.getAttribute('href') ?? '').slice(1));
      if (used.has(target)) link.setAttribute('href', `#${prefix}${target}`);
    }
  }
  return headings;
}

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

let warnedUnparsable = false;

/**
 * DOMPurify returns nothing when it cannot parse, which happens when Trusted Types are enforced
 * and its `dompurify` policy could not be created (not allowed by the CSP, or taken by another
 * DOMPurify on the page without `'allow-duplicates'`). Show the source as text rather than a blank.
 */
function asPlainText(source: string): RenderedMarkdown {
  if (!warnedUnparsable) {
    warnedUnparsable = true;
    console.warn(
      "portal-elements: markdown is shown as plain text because DOMPurify could not parse it. Under Trusted Types, allow its policy: trusted-types lit-html dompurify (add 'allow-duplicates' when the page uses DOMPurify itself or loads portal-elements twice).",
    );
  }
  const text = source.trim();
  return { html: text ? `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>` : '', headings: [] };
}

/**
 * Renders untrusted markdown to a sanitized HTML string (and, for articles, the heading list).
 * Synchronous; `./index.js` wraps it behind the lazy import.
 */
export function render(source: string, options: RenderOptions = {}): RenderedMarkdown {
  if (!purifier.isSupported) throw new Error('portal-elements: markdown needs a browser DOM to sanitize.');
  const mode: MarkdownMode = options.mode === 'article' ? 'article' : 'message';
  // Messages: raw HTML shown as typed (which also spares a strict CSP a script-src-attr report for
  // every `on*=` someone pastes) and every newline a line break. Task lists are ☑/☐ text.
  const markup = markdown(source, { html: mode === 'article', breaks: mode === 'message' });
  const body = purifier.sanitize(markup, SANITIZE_CONFIG);
  if (!(body instanceof Element)) return asPlainText(source);
  const headings = mode === 'article' ? addHeadingIds(body, options.idPrefix ?? DEFAULT_ID_PREFIX) : [];
  return { html: body.innerHTML, headings };
}
