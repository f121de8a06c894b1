/**
 * The markdown pipeline's static part: types, a lazy loader and a small cache.
 *
 * The markdown renderer and its sanitizer (about 9 KB gzip together) live in `./pipeline.js`, which this
 * module reaches only through `import()`, so bundlers put them in a chunk of their own that loads
 * when markdown is first shown. Keep this file free of static imports.
 *
 * The output is a sanitized HTML **string**, meant for Lit's `unsafeHTML` (which rejects a
 * TrustedHTML value). Nothing in the pipeline parses HTML, so under Trusted Types the host's CSP
 * needs only Lit's policy: `require-trusted-types-for 'script'; trusted-types lit-html`.
 */

/** `'message'`: ticket messages, raw HTML shown as text, line breaks kept. `'article'`: knowledge-base articles, sanitized HTML allowed, heading ids and a table of contents. */
export type MarkdownMode = 'message' | 'article';

/** One heading of an article, for a table of contents. */
export interface MarkdownHeading {
  /** 1 to 6. */
  level: number;
  /** The heading's plain text, whitespace collapsed. */
  text: string;
  /** The `id` the heading carries in the rendered HTML (prefix included). */
  id: string;
}

/** The result of rendering one markdown document. */
export interface RenderedMarkdown {
  /** Sanitized HTML as a plain string, for `unsafeHTML(rendered.html)`. */
  html: string;
  /** The headings in document order; always empty in `'message'` mode. */
  headings: MarkdownHeading[];
}

/** Options of {@link renderMarkdown}. */
export interface RenderOptions {
  /** Defaults to `'message'`, the stricter mode. */
  mode?: MarkdownMode;
  /** Prefix of the heading ids in `'article'` mode; defaults to `'portal-h-'`. */
  idPrefix?: string;
}

/** The shape of `./pipeline.js`, spelled out so this module needs no type import of it. */
interface Pipeline {
  render(source: string, options?: RenderOptions): RenderedMarkdown;
}

let loading: Promise<Pipeline> | undefined;

/**
 * How many times the pipeline chunk was requested with `import()`.
 * @internal For tests: concurrent first calls must share one request.
 */
export let pipelineImports = 0;

function loadPipeline(): Promise<Pipeline> {
  if (!loading) {
    pipelineImports += 1;
    loading = import('./pipeline.js').catch((error: unknown) => {
      // A failed chunk request (offline, deploy in between) may succeed on the next render.
      loading = undefined;
      throw error;
    });
  }
  return loading;
}

/**
 * Renders untrusted markdown to sanitized HTML. Loads the renderer and sanitizer on the first call;
 * concurrent first calls share one request.
 *
 * ```ts
 * const { html } = await renderMarkdown(message.body);
 * return html`<div part="body">${unsafeHTML(rendered.html)}</div>`;
 * ```
 */
export async function renderMarkdown(source: string, options?: RenderOptions): Promise<RenderedMarkdown> {
  const pipeline = await loadPipeline();
  return pipeline.render(source, options);
}

/** Starts loading the markdown chunk ahead of need (for example when a thread starts loading). */
export async function preloadMarkdown(): Promise<void> {
  await loadPipeline();
}

/** Options of {@link MarkdownCache}. */
export interface MarkdownCacheOptions {
  /** How many rendered documents to keep; the least recently used go first. Defaults to 500. */
  maxEntries?: number;
  /** The renderer to use; defaults to {@link renderMarkdown}. */
  render?: (source: string, options?: RenderOptions) => Promise<RenderedMarkdown>;
}

interface CacheEntry {
  source: string;
  promise: Promise<RenderedMarkdown>;
  value?: RenderedMarkdown;
}

/**
 * A small LRU of rendered markdown keyed by document id, mode and id prefix, so a thread parses
 * each message once however often it re-renders. An entry whose source changed (an edited
 * message) is rendered again.
 *
 * ```ts
 * const rendered = cache.get(message.id, message.body);       // synchronous, in render()
 * if (!rendered) void cache.render(message.id, message.body).then(() => this.requestUpdate());
 * ```
 */
export class MarkdownCache {
  readonly #maxEntries: number;
  readonly #render: (source: string, options?: RenderOptions) => Promise<RenderedMarkdown>;
  readonly #entries = new Map<string, CacheEntry>();

  constructor(options: MarkdownCacheOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 500);
    this.#render = options.render ?? renderMarkdown;
  }

  /** How many documents are cached (rendered or rendering). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The rendered document if it is ready and was rendered from this `source`, else `undefined`.
   * Synchronous, for `render()`; the arguments mirror {@link MarkdownCache.render}.
   */
  get(id: string, source: string, options: RenderOptions = {}): RenderedMarkdown | undefined {
    const key = cacheKey(id, options.mode ?? 'message', options.idPrefix);
    const entry = this.#entries.get(key);
    if (!entry?.value || entry.source !== source) return undefined;
    this.#touch(key, entry);
    return entry.value;
  }

  /**
   * Renders `source` once for `(id, mode, idPrefix)`: later and concurrent calls with the same
   * source resolve to the same object. A failed render is not cached.
   */
  render(id: string, source: string, options: RenderOptions = {}): Promise<RenderedMarkdown> {
    const mode = options.mode ?? 'message';
    const key = cacheKey(id, mode, options.idPrefix);
    const existing = this.#entries.get(key);
    if (existing && existing.source === source) {
      this.#touch(key, existing);
      return existing.promise;
    }
    const entry: CacheEntry = {
      source,
      promise: this.#render(source, { ...options, mode }).then(
        (value) => {
          entry.value = value;
          return value;
        },
        (error: unknown) => {
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
          throw error;
        },
      ),
    };
    this.#touch(key, entry);
    return entry.promise;
  }

  /** Forgets every mode of one document. */
  delete(id: string): void {
    for (const key of [...this.#entries.keys()]) {
      if (key.endsWith(`\u0000${id}`)) this.#entries.delete(key);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }

  #touch(key: string, entry: CacheEntry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}

function cacheKey(id: string, mode: MarkdownMode, idPrefix = ''): string {
  return `${mode}\u0000${idPrefix}\u0000${id}`;
}
