/**
 * Our markdown renderer (`./markdown.ts`), then our sanitizer (`./sanitize.ts`). Loaded only
 * through `import()` from `./index.js`, so it becomes a chunk of its own; never import it
 * statically from an element.
 *
 * Trusted Types: nothing here parses or writes HTML. The renderer and the sanitizer build strings;
 * the result is a plain string for Lit's `unsafeHTML`, which passes it through the `lit-html`
 * policy. A host's CSP needs no other policy name for markdown.
 */
import type { MarkdownMode, RenderedMarkdown, RenderOptions } from './index.js';
import { markdown } from './markdown.js';
import { sanitize } from './sanitize.js';

const DEFAULT_ID_PREFIX = 'portal-h-';

/**
 * Renders untrusted markdown to a sanitized HTML string (and, for articles, the heading list).
 * Synchronous; `./index.js` wraps it behind the lazy import.
 */
export function render(source: string, options: RenderOptions = {}): RenderedMarkdown {
  const mode: MarkdownMode = options.mode === 'article' ? 'article' : 'message';
  // Messages: raw HTML shown as typed (which also spares a strict CSP a script-src-attr report for
  // every `on*=` someone pastes) and every newline a line break. Task lists are ☑/☐ text.
  const markup = markdown(source, { html: mode === 'article', breaks: mode === 'message' });
  return sanitize(markup, mode === 'article' ? { idPrefix: options.idPrefix ?? DEFAULT_ID_PREFIX } : {});
}
