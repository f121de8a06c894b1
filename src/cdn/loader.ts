// The CDN entry (dist/cdn/portal-elements.js): a small loader with no static imports. It loads
// an element's code the first time its tag appears on the page, so a page with only
// <portal-kb-search> never downloads the thread or members code.
import type { PortalOptions, PortalServices } from '../context/services.js';
import type { RenderOptions, RenderedMarkdown } from '../markdown/index.js';

/** Each tag's define module. Every element issue adds its line here. */
const elements: Record<string, () => Promise<unknown>> = {
  'portal-provider': () => import('../elements/provider/define.js'),
  'portal-login': () => import('../elements/login/define.js'),
  'portal-ticket-form': () => import('../elements/ticket-form/define.js'),
  'portal-members': () => import('../elements/members/define.js'),
  'portal-kb-search': () => import('../elements/kb-search/define.js'),
  'portal-thread': () => import('../elements/thread/define.js'),
  'portal-ticket-list': () => import('../elements/ticket-list/define.js'),
  'portal-app': () => import('../elements/app/define.js'),
};

const requested = new Set<string>();

function load(tag: string): void {
  const loadElement = elements[tag];
  if (!loadElement || requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  loadElement().catch((error: unknown) => {
    requested.delete(tag);
    console.error(`portal-elements: could not load <${tag}>`, error);
  });
}

function scan(root: ParentNode): void {
  for (const tag of Object.keys(elements)) {
    if (!requested.has(tag) && root.querySelector(`${tag}:not(:defined)`)) load(tag);
  }
}

function watch(): void {
  scan(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const tag = node.localName;
        if (tag in elements) load(tag);
        if (node.firstElementChild) scan(node);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/** Loads every element now (for pages that create portal tags inside their own shadow roots). */
export function loadAll(): Promise<void> {
  for (const tag of Object.keys(elements)) load(tag);
  return Promise.all(Object.values(elements).map((loadElement) => loadElement())).then(() => undefined);
}

/** Configures the page without a `<portal-provider>` tag (see `configure` in the package entry). */
export async function configure(options: PortalOptions = {}): Promise<PortalServices> {
  const page = await import('../context/page.js');
  return page.configure(options);
}

/**
 * Renders markdown through the library's own pipeline (our markdown renderer, then our sanitizer), for host content
 * that should look and be as safe as the portal's. Loads the markdown chunk on first use.
 */
export async function renderMarkdown(source: string, options?: RenderOptions): Promise<RenderedMarkdown> {
  const markdown = await import('../markdown/index.js');
  return markdown.renderMarkdown(source, options);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
else watch();
