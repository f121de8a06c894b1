import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { MarkdownCache, pipelineImports, preloadMarkdown, renderMarkdown } from '../src/markdown/index.js';
import { markdown } from '../src/markdown/markdown.js';
import type { MarkdownMode, RenderedMarkdown, RenderOptions } from '../src/markdown/index.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const MODES: MarkdownMode[] = ['message', 'article'];
const XHTML = 'http://www.w3.org/1999/xhtml';

// What the pipeline may emit; anything else in the output fails the battery.
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt',
  'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
]);
const ALLOWED_ATTRS = new Set([
  'href', 'src', 'alt', 'title', 'width', 'height', 'class', 'align', 'start', 'reversed', 'colspan',
  'rowspan', 'scope', 'dir', 'lang', 'datetime', 'open', 'id', 'rel', 'target', 'loading', 'decoding',
  'referrerpolicy',
]);
const FORBIDDEN_SELECTOR =
  'script, style, iframe, frame, object, embed, form, input, button, textarea, select, svg, math, noscript, template, link, meta, base';

/** Independent of the pipeline's own check: what the browser would actually follow. */
function urlAllowed(element: Element, name: string, value: string): boolean {
  let protocol: string;
  try {
    protocol = new URL(value, location.href).protocol;
  } catch {
    return false;
  }
  if (name === 'href') return element.localName === 'a' && ['http:', 'https:', 'mailto:'].includes(protocol);
  if (name === 'src' && element.localName === 'img') {
    if (protocol === 'data:') return /^data:image\/(png|gif|jpeg|webp)[;,]/i.test(value.trim());
    return ['http:', 'https:'].includes(protocol);
  }
  return false;
}

let hosts: HTMLElement[] = [];

/** Puts the HTML into a shadow root the way elements do: `${unsafeHTML(rendered.html)}`. */
function mount(markup: string): ShadowRoot {
  const host = document.createElement('div');
  document.body.append(host);
  hosts.push(host);
  const root = host.attachShadow({ mode: 'open' });
  render(html`<div class="md">${unsafeHTML(markup)}</div>`, root);
  return root;
}

async function mountRendered(source: string, options?: RenderOptions): Promise<{ root: ShadowRoot; out: RenderedMarkdown }> {
  const out = await renderMarkdown(source, options);
  return { root: mount(out.html), out };
}

/** Waits for images to load or fail and for queued tasks, then fires the events payloads hook. */
async function settle(root: ShadowRoot): Promise<void> {
  const images = [...root.querySelectorAll('img')].filter((img) => !img.complete);
  await Promise.all(
    images.map(
      (img) =>
        new Promise<void>((resolve) => {
          img.addEventListener('load', () => resolve(), { once: true });
          img.addEventListener('error', () => resolve(), { once: true });
          setTimeout(resolve, 300);
        }),
    ),
  );
  for (const el of root.querySelectorAll('*')) {
    // Synthetic events run any inline handler that survived, without navigating anywhere.
    for (const type of ['mouseover', 'focus', 'toggle', 'error', 'load', 'animationstart']) {
      el.dispatchEvent(new Event(type));
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Every check of the XSS battery on one rendered output; returns the problems found. */
function problems(root: ShadowRoot): string[] {
  const found: string[] = [];
  // Everything below the wrapper div that mount() adds.
  for (const el of root.querySelectorAll('.md *')) {
    if (el.namespaceURI !== XHTML) found.push(`foreign element <${el.localName}> (${el.namespaceURI})`);
    if (!ALLOWED_TAGS.has(el.localName)) found.push(`unexpected element <${el.localName}>`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`event handler ${name} on <${el.localName}>`);
      if (name === 'style') found.push(`style attribute on <${el.localName}>`);
      if (!ALLOWED_ATTRS.has(name)) found.push(`unexpected attribute ${name} on <${el.localName}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'background', 'data', 'cite', 'ping', 'srcdoc'].includes(name)) {
        if (!urlAllowed(el, name, attr.value)) found.push(`unsafe ${name}="${attr.value}" on <${el.localName}>`);
      }
      if (name === 'class' && !(el.localName === 'code' && /^language-[\w-]+$/.test(attr.value))) {
        found.push(`class="${attr.value}" on <${el.localName}>`);
      }
    }
  }
  for (const el of root.querySelectorAll(FORBIDDEN_SELECTOR)) found.push(`forbidden <${el.localName}>`);
  return found;
}

const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
let dialogCalls: string[] = [];

function installTripwire(): void {
  window.__xss = undefined;
  dialogCalls = [];
  window.alert = (message?: unknown) => void dialogCalls.push(`alert(${String(message)})`);
  window.confirm = (message?: string) => (dialogCalls.push(`confirm(${String(message)})`), false);
  window.prompt = (message?: string) => (dialogCalls.push(`prompt(${String(message)})`), null);
}

function removeTripwire(): void {
  Object.assign(window, originals);
  for (const host of hosts) host.remove();
  hosts = [];
}

function pipelineRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => /markdown\/(?:pipeline|sanitize)/.test(name));
}

// Runs first, before anything has loaded the chunk.
describe('markdown: lazy chunk', () => {
  it('does not load the renderer or the sanitizer until markdown is rendered', async () => {
    expect(pipelineImports).to.equal(0);
    expect(pipelineRequests()).to.deep.equal([]);
    const served = await (await fetch(new URL('../src/markdown/index.ts', import.meta.url))).text();
    const staticImports = served.match(/^\s*(?:import|export)\s*(?:[^(;]*?from\s*)?["'][^"']+["']/gm) ?? [];
    expect(staticImports.filter((line) => /markdown\.js|sanitize|pipeline/.test(line))).to.deep.equal([]);
    expect(served).to.match(/import\(\s*["'][^"']*pipeline/);
  });

  it('concurrent first calls share one import and all render', async () => {
    const [a, b, , c] = await Promise.all([
      renderMarkdown('**one**'),
      renderMarkdown('*two*', { mode: 'article' }),
      preloadMarkdown(),
      renderMarkdown('`three`'),
    ]);
    expect(pipelineImports).to.equal(1);
    expect(a.html).to.contain('<strong>one</strong>');
    expect(b.html).to.contain('<em>two</em>');
    expect(c.html).to.contain('<code>three</code>');
    expect(pipelineRequests().some((name) => name.includes('markdown/pipeline'))).to.equal(true);
    await renderMarkdown('again');
    await preloadMarkdown();
    expect(pipelineImports).to.equal(1);
  });
});

describe('markdown: rendering', () => {
  afterEach(removeTripwire);

  it('renders headings, lists, emphasis, code, tables, links and images', async () => {
    const { root } = await mountRendered(
      [
        '# Title',
        '',
        'Some **bold**, *em*, ~~gone~~ and `code`.',
        '',
        '- one',
        '- two',
        '',
        '1. first',
        '2. second',
        '',
        '> quoted',
        '',
        '| Name | Value |',
        '| :--- | ----: |',
        '| a | 1 |',
        '',
        '```ts',
        'const x = 1 < 2;',
        '```',
        '',
        '[docs](https://example.com/docs) and ![logo](/logo.png "Logo")',
      ].join('\n'),
      { mode: 'article' },
    );
    expect(root.querySelector('h1')?.textContent).to.equal('Title');
    expect(root.querySelector('strong')?.textContent).to.equal('bold');
    expect(root.querySelector('em')?.textContent).to.equal('em');
    expect(root.querySelector('del')?.textContent).to.equal('gone');
    expect(root.querySelectorAll('ul > li')).to.have.length(2);
    expect(root.querySelectorAll('ol > li')).to.have.length(2);
    expect(root.querySelector('blockquote')?.textContent?.trim()).to.equal('quoted');
    expect(root.querySelector('table thead th')?.textContent).to.equal('Name');
    expect(root.querySelector('table tbody td')?.textContent).to.equal('a');
    expect(root.querySelector('th:last-child')?.getAttribute('align')).to.equal('right');
    const code = root.querySelector('pre > code');
    expect(code?.className).to.equal('language-ts');
    expect(code?.textContent).to.equal('const x = 1 < 2;\n');
    expect(root.querySelector('a')?.getAttribute('href')).to.equal('https://example.com/docs');
    const img = root.querySelector('img');
    expect(img?.getAttribute('src')).to.equal('/logo.png');
    expect(img?.getAttribute('alt')).to.equal('logo');
    expect(img?.getAttribute('title')).to.equal('Logo');
    expect(problems(root)).to.deep.equal([]);
  });

  it('forces rel on every link and target=_blank on external ones only', async () => {
    const { root } = await mountRendered(
      [
        '[ext](https://example.com/a)',
        '[rel](/help/page)',
        `[same](${location.origin}/x)`,
        '[anchor](#top)',
        '[mail](mailto:help@example.com)',
        '<https://auto.example.com>',
        'www.bare.example.com',
        '<a href="https://html.example.com" target="_self" rel="opener">html</a>',
      ].join('\n\n'),
      { mode: 'article' },
    );
    const links = new Map([...root.querySelectorAll('a')].map((a) => [a.textContent ?? '', a]));
    for (const a of links.values()) expect(a.getAttribute('rel'), a.textContent ?? '').to.equal('noopener noreferrer');
    expect(links.get('ext')?.getAttribute('target')).to.equal('_blank');
    expect(links.get('https://auto.example.com')?.getAttribute('target')).to.equal('_blank');
    expect(links.get('www.bare.example.com')?.getAttribute('href')).to.equal('http://www.bare.example.com');
    expect(links.get('www.bare.example.com')?.getAttribute('target')).to.equal('_blank');
    expect(links.get('html')?.getAttribute('target')).to.equal('_blank');
    for (const name of ['rel', 'same', 'anchor', 'mail']) {
      expect(links.get(name)?.hasAttribute('href'), name).to.equal(true);
      expect(links.get(name)?.hasAttribute('target'), name).to.equal(false);
    }
  });

  it('keeps only http, https, mailto and relative link targets', async () => {
    const { root } = await mountRendered(
      '[ftp](ftp://example.com/f) [tel](tel:123) [file](file:///etc/passwd) [ok](other/page?q=1#x)',
    );
    const href = (text: string) => [...root.querySelectorAll('a')].find((a) => a.textContent === text)?.getAttribute('href');
    expect(href('ftp')).to.equal(null);
    expect(href('tel')).to.equal(null);
    expect(href('file')).to.equal(null);
    expect(href('ok')).to.equal('other/page?q=1#x');
    expect(root.querySelector('a:not([href])')?.hasAttribute('rel')).to.equal(false);
  });

  it('gives images alt="", lazy loading and async decoding; allows raster data URLs only', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const svg = 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=';
    const { root } = await mountRendered(
      [`<img src="/a.png">`, `![](${png})`, `<img src="${svg}" alt="svg">`, '![gif](data:image/gif;base64,R0lGODlhAQABAAAAACw=)'].join('\n\n'),
      { mode: 'article' },
    );
    const imgs = [...root.querySelectorAll('img')];
    expect(imgs).to.have.length(4);
    for (const img of imgs) {
      expect(img.getAttribute('alt')).to.be.a('string');
      expect(img.getAttribute('loading')).to.equal('lazy');
      expect(img.getAttribute('decoding')).to.equal('async');
      expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    }
    expect(imgs[0]?.getAttribute('alt')).to.equal('');
    expect(imgs[1]?.getAttribute('src')).to.equal(png);
    expect(imgs[2]?.hasAttribute('src')).to.equal(false);
    expect(imgs[3]?.getAttribute('src')).to.match(/^data:image\/gif/);
  });

  it('message mode shows raw HTML as text and keeps line breaks', async () => {
    const { root } = await mountRendered('Hello <b>hi</b> there\nsecond line\n\n<div class="x">\nblock\n</div>');
    expect(root.querySelector('b')?.outerHTML ?? null).to.equal(null);
    expect(root.querySelector('div.x')?.outerHTML ?? null).to.equal(null);
    const text = root.querySelector('.md')?.textContent ?? '';
    expect(text).to.contain('Hello <b>hi</b> there');
    expect(text).to.contain('<div class="x">');
    expect(root.querySelector('p')?.querySelectorAll('br')).to.have.length(1);
  });

  it('article mode keeps sanitized HTML and joins soft line breaks', async () => {
    const { root } = await mountRendered('Hello <b>hi</b>\nsame paragraph\n\n<details><summary>More</summary>Body</details>', {
      mode: 'article',
    });
    expect(root.querySelector('b')?.textContent).to.equal('hi');
    expect(root.querySelector('br')?.outerHTML ?? null).to.equal(null);
    expect(root.querySelector('details summary')?.textContent).to.equal('More');
  });

  it('renders task lists as text, without form controls', async () => {
    for (const mode of MODES) {
      const { root } = await mountRendered('- [x] done\n- [ ] todo', { mode });
      expect(root.querySelector('input')?.outerHTML ?? null, mode).to.equal(null);
      const items = [...root.querySelectorAll('li')].map((li) => li.textContent?.trim());
      expect(items, mode).to.deep.equal(['\u2611 done', '\u2610 todo']);
    }
  });

  it('article headings get unique, prefixed ids and a table of contents', async () => {
    const { root, out } = await mountRendered(
      [
        '# Intro',
        '## Intro',
        '## Setup & *Use*',
        '### Ünïcödé Title',
        '## !!!',
        '<h2 id="evil">Raw HTML heading</h2>',
        '[jump](#setup-use) [keep](#elsewhere)',
      ].join('\n\n'),
      { mode: 'article' },
    );
    expect(out.headings).to.deep.equal([
      { level: 1, text: 'Intro', id: 'portal-h-intro' },
      { level: 2, text: 'Intro', id: 'portal-h-intro-1' },
      { level: 2, text: 'Setup & Use', id: 'portal-h-setup-use' },
      { level: 3, text: 'Ünïcödé Title', id: 'portal-h-unicode-title' },
      { level: 2, text: '!!!', id: 'portal-h-section' },
      { level: 2, text: 'Raw HTML heading', id: 'portal-h-raw-html-heading' },
    ]);
    const ids = [...root.querySelectorAll('[id]')].map((el) => el.id);
    expect(ids).to.deep.equal(out.headings.map((h) => h.id));
    expect(root.querySelector('#evil')?.outerHTML ?? null).to.equal(null);
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['#portal-h-setup-use', '#elsewhere']);
  });

  it('uses the given id prefix, and no ids or headings in message mode', async () => {
    const custom = await renderMarkdown('# A\n\n# A', { mode: 'article', idPrefix: 'kb-42-' });
    expect(custom.headings.map((h) => h.id)).to.deep.equal(['kb-42-a', 'kb-42-a-1']);
    const { root, out } = await mountRendered('# A\n\n<h2 id="x">B</h2>');
    expect(out.headings).to.deep.equal([]);
    expect(root.querySelector('h1')?.textContent).to.equal('A');
    expect(root.querySelector('.md [id]')?.outerHTML ?? null).to.equal(null);
  });

  it('keeps code-block classes only when they name a language', async () => {
    const { root } = await mountRendered(
      ['```c++', 'x', '```', '', '```js" onmouseover="alert(1)', 'y', '```', '', '<pre><code class="language-js evil">z</code></pre>', '', '<p class="x">p</p>'].join('\n'),
      { mode: 'article' },
    );
    const codes = [...root.querySelectorAll('code')];
    expect(codes.map((c) => c.getAttribute('class'))).to.deep.equal([null, null, null]);
    const { root: ok } = await mountRendered('```shell-session\n$ ls\n```');
    expect(ok.querySelector('code')?.className).to.equal('language-shell-session');
    expect(root.querySelector('p')?.hasAttribute('class')).to.equal(false);
  });
});

describe('markdown: cache', () => {
  function countingRenderer() {
    const calls: string[] = [];
    const render = (source: string, options?: RenderOptions) => {
      calls.push(`${options?.mode}:${source}`);
      return renderMarkdown(source, options);
    };
    return { calls, render };
  }

  it('renders each (id, mode) once and returns the same object', async () => {
    const { calls, render } = countingRenderer();
    const cache = new MarkdownCache({ render });
    expect(cache.get('m1', 'hello **x**')).to.equal(undefined);
    const [first, concurrent] = await Promise.all([cache.render('m1', 'hello **x**'), cache.render('m1', 'hello **x**')]);
    const again = await cache.render('m1', 'hello **x**');
    expect(concurrent).to.equal(first);
    expect(again).to.equal(first);
    expect(cache.get('m1', 'hello **x**')).to.equal(first);
    expect(calls).to.deep.equal(['message:hello **x**']);
    const article = await cache.render('m1', 'hello **x**', { mode: 'article' });
    expect(article).not.to.equal(first);
    expect(calls).to.have.length(2);
  });

  it('re-renders when the source changes and evicts the least recently used', async () => {
    const { calls, render } = countingRenderer();
    const cache = new MarkdownCache({ render, maxEntries: 2 });
    const a = await cache.render('a', 'A');
    const edited = await cache.render('a', 'A edited');
    expect(edited).not.to.equal(a);
    expect(cache.get('a', 'A')).to.equal(undefined);
    await cache.render('b', 'B');
    cache.get('a', 'A edited'); // a is now the most recent
    await cache.render('c', 'C');
    expect(cache.size).to.equal(2);
    expect(cache.get('b', 'B')).to.equal(undefined);
    expect(cache.get('a', 'A edited')).to.equal(edited);
    expect(calls).to.have.length(4);
    cache.delete('a');
    expect(cache.get('a', 'A edited')).to.equal(undefined);
  });

  it('does not cache failures', async () => {
    let fail = true;
    const cache = new MarkdownCache({
      render: (source, options) => (fail ? Promise.reject(new Error('offline')) : renderMarkdown(source, options)),
    });
    let error: unknown;
    await cache.render('x', 'X').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    fail = false;
    expect((await cache.render('x', 'X')).html).to.contain('X');
  });
});

// Each payload tries to set window.__xss or call alert(); the output must also pass `problems()`.
const XSS_VECTORS: Array<[string, string]> = [
  ['script tag', '<script>window.__xss = 1</script>'],
  ['script in paragraph', 'hi <script>window.__xss = 1</script> there'],
  ['img onerror', '<img src=x onerror="window.__xss = 1">'],
  ['img onerror alert', '<img src="/nope.png" onerror=alert(1)>'],
  ['img onerror with backticks', '<img src=x onerror=alert`1`>'],
  ['svg onload', '<svg onload="window.__xss = 1"><circle r="1"></circle></svg>'],
  ['svg script', '<svg><script>window.__xss = 1</script></svg>'],
  ['svg xlink:href', '<svg><a xlink:href="javascript:window.__xss=1"><text>x</text></a></svg>'],
  ['markdown javascript: link', '[click](javascript:window.__xss=1)'],
  ['markdown javascript: alert', '[x](javascript:alert(1))'],
  ['HTML javascript: link', '<a href="javascript:window.__xss=1">x</a>'],
  ['mixed case scheme', '[x](JaVaScRiPt:alert(1)) <a href="JAVASCRIPT:alert(1)">y</a>'],
  ['entity-encoded scheme (markdown)', '[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))'],
  ['entity-encoded scheme (HTML)', '<a href="&#106;avascript&colon;alert(1)">x</a> <a href="javascript&#0000058alert(1)">y</a>'],
  ['hex entities and padding', '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>'],
  ['tab inside scheme', '<a href="java\tscript:alert(1)">x</a> <a href="java&#x09;script:alert(1)">y</a> [z](java&#9;script:alert(1))'],
  ['newline inside scheme', '<a href="java\nscript:alert(1)">x</a> <a href="jav&#x0A;ascript:alert(1)">y</a>'],
  ['leading spaces and controls', '<a href="  javascript:alert(1)">x</a> <a href="&#1;javascript:alert(1)">y</a> <a href="\u0001javascript:alert(1)">z</a>'],
  ['unicode escapes', '<a href="\\u006aavascript:alert(1)">x</a> [y](\\u006aavascript:alert(1)) <a href="ｊａｖａｓｃｒｉｐｔ:alert(1)">z</a>'],
  ['vbscript', '<a href="vbscript:msgbox(1)">x</a> [y](VBScript:msgbox(1))'],
  ['data:text/html link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <a href="data:text/html,<script>alert(1)</script>">y</a>'],
  ['svg data URL image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) <img src="data:image/svg+xml,<svg onload=alert(1)>">'],
  ['javascript: image', '![x](javascript:alert(1)) <img src="javascript:alert(1)"> <img srcset="javascript:alert(1) 1x">'],
  ['iframe srcdoc', '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>'],
  ['iframe javascript: src', '<iframe src="javascript:parent.__xss=1"></iframe>'],
  ['object and embed', '<object data="javascript:window.__xss=1"></object><embed src="javascript:window.__xss=1">'],
  ['form action and formaction', '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button><input type="image" src="x" onerror="window.__xss=1"></form>'],
  ['style attribute', '<p style="background:url(javascript:alert(1));width:expression(alert(1))">x</p>'],
  ['style element', '<style>@import "javascript:alert(1)"; *{background:url(javascript:alert(1))}</style>text'],
  ['link in a table', '| a | b |\n|---|---|\n| <a href="javascript:window.__xss=1">x</a> | [y](javascript:alert(1)) |'],
  ['title breaking out (double quotes)', '[x](https://example.com "a\\" onmouseover=\\"window.__xss=1")'],
  ['title breaking out (single quotes)', `[x](https://example.com 'a" onmouseover="window.__xss=1')`],
  ['alt breaking out', '![x" onerror="window.__xss=1](/nope.png)'],
  ['autolink', '<javascript:alert(1)> <javascript:window.__xss=1>'],
  ['reference-style link', '[x][r] and ![y][r]\n\n[r]: javascript:window.__xss=1'],
  ['html inside link text', '[<img src=x onerror=window.__xss=1>](https://example.com)'],
  ['nested and malformed tags', '<<script>script>window.__xss=1<</script>/script> <a href="https://ok.example"<img src=x onerror=window.__xss=1>>x</a> <img src="x" onerror="window.__xss=1"/'],
  ['comment tricks', '<!--<img src="--><img src=x onerror=window.__xss=1//">'],
  ['math mXSS', '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=window.__xss=1&gt;">'],
  ['svg/style mXSS', '<svg></p><style><a id="</style><img src=1 onerror=window.__xss=1>">'],
  ['noscript trick', '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>'],
  ['details ontoggle', '<details open ontoggle="window.__xss=1"><summary>s</summary></details>'],
  ['media onerror', '<video><source onerror="window.__xss=1"></video><audio src=x onerror="window.__xss=1"></audio>'],
  ['base and meta refresh', '<base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">[x](/rel)'],
  ['template and custom elements', '<template><img src=x onerror=window.__xss=1></template><x-foo onclick="window.__xss=1">x</x-foo>'],
  ['event handler on allowed tag', '<a href="#" onmouseover="window.__xss=1" onfocus="window.__xss=1">x</a><b onclick=alert(1)>b</b>'],
  ['code fence language injection', '```js" onmouseover="window.__xss=1\nx\n```'],
  ['dom clobbering', '<a id="__xss" name="__xss" href="https://example.com">x</a><img name="getElementById">'],
];

describe('markdown: XSS battery', () => {
  beforeEach(installTripwire);
  afterEach(removeTripwire);

  it('the tripwire and checks catch an unsanitized payload (control)', async () => {
    const root = mount('<img src="/nope.png" onerror="window.__xss = 1"><a href="javascript:alert(1)">x</a>');
    await settle(root);
    expect(window.__xss).to.equal(1);
    expect(problems(root)).to.include.members(['event handler onerror on <img>', 'unsafe href="javascript:alert(1)" on <a>']);
    // WebKit can fire a second error for the broken image later; disarm it so it cannot trip the
    // next test's tripwire.
    root.querySelector('img')?.removeAttribute('onerror');
  });

  for (const mode of MODES) {
    for (const [name, payload] of XSS_VECTORS) {
      it(`${mode}: ${name}`, async () => {
        const { root } = await mountRendered(payload, { mode });
        await settle(root);
        expect(window.__xss, 'window.__xss').to.equal(undefined);
        expect(dialogCalls, 'dialogs').to.deep.equal([]);
        expect(problems(root)).to.deep.equal([]);
      });
    }
  }

  it('message mode shows dangerous markup as inert text', async () => {
    const { root } = await mountRendered('<script>window.__xss=1</script>\n\nsee <img src=x onerror=alert(1)>');
    await settle(root);
    const text = root.querySelector('.md')?.textContent ?? '';
    expect(text).to.contain('<script>window.__xss=1</script>');
    expect(text).to.contain('<img src=x onerror=alert(1)>');
    expect(root.querySelector('img')?.outerHTML ?? null).to.equal(null);
  });
});

const nested = (marker: string, depth: number) =>
  Array.from({ length: depth }, (_, i) => `${' '.repeat(i * marker.length)}${marker}x`).join('\n');

// Inputs that make backtracking or quadratic parsers hang. Each must simply finish (the runner's
// timeout catches a hang); the checks only make sure something sensible came out.
const PATHOLOGICAL: Array<[string, string]> = [
  ['100,000 asterisks', '*'.repeat(100_000)],
  ['100,000 underscores', '_'.repeat(100_000)],
  ['100,000 tildes', '~'.repeat(100_000)],
  ['alternating emphasis openers', '*a **b '.repeat(20_000)],
  ['underscore runs between words', 'a_'.repeat(50_000)],
  ['mixed delimiters', '**_~'.repeat(25_000)],
  ['[ × 50,000', '['.repeat(50_000)],
  ['![ × 50,000 then ] × 50,000', `${'!['.repeat(50_000)}${'](u)'.repeat(50_000)}`],
  ['nested links', `${'['.repeat(30_000)}a${'](b)'.repeat(30_000)}`],
  ['unclosed link destinations', '[a]('.repeat(30_000)],
  ['( × 50,000 in a destination', `[a](${'('.repeat(50_000)}`],
  ['reference labels without definitions', '[a][b]'.repeat(20_000)],
  ['< × 50,000', '<'.repeat(50_000)],
  ['unclosed tags', '<a '.repeat(30_000)],
  ['unclosed attribute values', '<a x="'.repeat(20_000)],
  ['unclosed comments', '<!--'.repeat(30_000)],
  ['unclosed processing instructions and CDATA', '<?<![CDATA[<!X'.repeat(10_000)],
  ['unclosed autolinks', '<http://a'.repeat(20_000)],
  ['> × 50,000', '>'.repeat(50_000)],
  ['> with spaces × 30,000', '> '.repeat(30_000)],
  ['nested quotes over many lines', Array.from({ length: 2_000 }, (_, i) => '>'.repeat(i % 100)).join('\n')],
  ['list markers × 30,000 on one line', '- '.repeat(30_000)],
  ['ordered markers × 20,000 on one line', '1. '.repeat(20_000)],
  ['lists nested 500 deep', nested('- ', 500)],
  ['quotes and lists nested', nested('> - ', 300)],
  ['100,000 backticks', '`'.repeat(100_000)],
  ['backtick runs of every length', Array.from({ length: 400 }, (_, i) => '`'.repeat(i + 1)).join('a')],
  ['unmatched single backticks', '`a'.repeat(50_000)],
  ['fences × 20,000', '```\n'.repeat(20_000)],
  ['bare URL with closing parentheses', `https://a.example/${')'.repeat(100_000)}`],
  ['bare URL with trailing punctuation and entities', `www.a.example/${'.&amp;'.repeat(30_000)}`],
  ['e-mail-like runs', 'a.b@'.repeat(30_000)],
  ['table with 50,000 columns', `${'|a'.repeat(50_000)}|\n${'|-'.repeat(50_000)}|\n${'|b'.repeat(50_000)}|`],
  ['backslashes', '\\'.repeat(100_000)],
  ['ampersands', '&'.repeat(50_000) + '&a'.repeat(50_000)],
  ['long space runs', `a${' '.repeat(100_000)}b\nc${' '.repeat(100_000)}\n`],
  ['heading of hashes', `# ${'#'.repeat(100_000)} x ${'#'.repeat(100_000)}`],
  ['definition with an unclosed title', `[a]: /u "${'x'.repeat(100_000)}`],
  ['50,000 lines', 'a\n'.repeat(50_000)],
  ['setext and breaks', 'a  \n=\n'.repeat(20_000)],
];

describe('markdown: linear time on hostile input', () => {
  for (const [name, source] of PATHOLOGICAL) {
    it(`finishes: ${name}`, () => {
      for (const options of [
        { html: false, breaks: true },
        { html: true, breaks: false },
      ]) {
        const out = markdown(source, options);
        expect(out).to.be.a('string');
        expect(out.length, name).to.be.greaterThan(0);
      }
    });
  }

  // Rows shorter than the header are padded with empty cells; uncapped, an 8 KB message of
  // one-character rows under a 1,000-column header rendered a 20 MB, 2,000,000-cell table.
  it('does not blow a short input up into a huge table with padding cells', () => {
    const source = `|${'a|'.repeat(1_000)}\n|${'-|'.repeat(1_000)}\n${'x\n'.repeat(2_000)}`;
    for (const options of [
      { html: false, breaks: true },
      { html: true, breaks: false },
    ]) {
      expect(markdown(source, options).length).to.be.below(source.length * 100);
    }
  });

  it('keeps runs of markers as text', () => {
    const text = (html: string) => {
      const template = document.createElement('template');
      template.innerHTML = html;
      return (template.content.textContent ?? '').trim();
    };
    expect(text(markdown(`a${'*'.repeat(1_000)}`, { html: false, breaks: true }))).to.equal(`a${'*'.repeat(1_000)}`);
    expect(text(markdown('['.repeat(1_000), { html: false, breaks: true }))).to.equal('['.repeat(1_000));
    expect(text(markdown('<'.repeat(1_000), { html: true, breaks: false }))).to.equal('<'.repeat(1_000));
  });

  it('renders deep nesting, capped, through the whole pipeline', async () => {
    const { root } = await mountRendered(`${'> '.repeat(200)}deep`, { mode: 'article' });
    const depth = (el: Element | null): number => (el ? 1 + depth(el.querySelector(':scope > blockquote')) : 0);
    expect(depth(root.querySelector('.md > blockquote'))).to.be.within(16, 40);
    expect(root.querySelector('.md')?.textContent).to.contain('deep');
    removeTripwire();
  });
});

interface FrameReport {
  error?: string;
  enforced?: boolean;
  violations?: string[];
  heading?: string | null;
  strong?: number;
  messageText?: string;
  unsafe?: number;
}

/** Loads the pipeline in an iframe whose CSP enforces Trusted Types, renders through Lit. */
function runUnderTrustedTypes(policy: string, setup = ''): Promise<FrameReport> {
  const article = '## Setup\n\nSome **bold** <img src=x onerror="window.__xss=1"> [x](javascript:alert(1))';
  const message = 'Hello <b>hi</b> **there**';
  // Absolute URLs: WebKit resolves module specifiers in an about:srcdoc frame against
  // about:srcdoc, not the parent's base URL, so root-relative paths fail to resolve there.
  const index = new URL('../src/markdown/index.ts', import.meta.url).href;
  const lit = (path: string) => new URL(`/node_modules/lit/${path}`, location.href).href;
  const json = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');
  const srcdoc = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="${policy}">
<script>
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
${setup}
</script></head><body>
<script type="module">
const report = {};
try {
  const { render, html } = await import(${json(lit('index.js'))});
  const { unsafeHTML } = await import(${json(lit('directives/unsafe-html.js'))});
  const { renderMarkdown } = await import(${json(index)});
  const article = await renderMarkdown(${json(article)}, { mode: 'article' });
  const message = await renderMarkdown(${json(message)});
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  render(html\`<div class="a">\${unsafeHTML(article.html)}</div><div class="m">\${unsafeHTML(message.html)}</div>\`, root);
  await new Promise((r) => setTimeout(r, 50));
  report.violations = [...violations];
  report.heading = root.querySelector('h2')?.id ?? null;
  report.strong = root.querySelectorAll('strong').length;
  report.messageText = root.querySelector('.m')?.textContent?.trim();
  report.unsafe = root.querySelectorAll('[onerror], a[href^="javascript"]').length + (window.__xss ? 1 : 0);
  try { document.createElement('div').innerHTML = '<b>x</b>'; report.enforced = false; } catch { report.enforced = true; }
} catch (e) {
  report.error = String(e) + (e && e.stack ? ' at ' + e.stack : '');
}
parent.postMessage({ ttReport: report }, '*');
</script></body></html>`;
  const frame = document.createElement('iframe');
  document.body.append(frame);
  return new Promise<FrameReport>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no report from the Trusted Types frame')), 7000);
    const onMessage = (event: MessageEvent<{ ttReport?: FrameReport }>) => {
      if (event.source !== frame.contentWindow || !event.data.ttReport) return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      frame.remove();
      resolve(event.data.ttReport);
    };
    window.addEventListener('message', onMessage);
    frame.srcdoc = srcdoc;
  });
}

describe('markdown: Trusted Types', () => {
  it('renders through Lit with require-trusted-types-for and only the lit-html policy', async () => {
    const report = await runUnderTrustedTypes("require-trusted-types-for 'script'; trusted-types lit-html");
    expect(report.error).to.equal(undefined);
    expect(report.enforced, 'Trusted Types enforced in the frame').to.equal(true);
    expect(report.violations).to.deep.equal([]);
    expect(report.heading).to.equal('portal-h-setup');
    expect(report.strong).to.equal(2);
    expect(report.messageText).to.equal('Hello <b>hi</b> there');
    expect(report.unsafe).to.equal(0);
  });

  it('works beside a DOMPurify of the host page that took the "dompurify" policy name', async () => {
    const report = await runUnderTrustedTypes(
      "require-trusted-types-for 'script'; trusted-types lit-html dompurify",
      "trustedTypes.createPolicy('dompurify', { createHTML: (s) => s });",
    );
    expect(report.error).to.equal(undefined);
    expect(report.violations).to.deep.equal([]);
    expect(report.strong).to.equal(2);
    expect(report.heading).to.equal('portal-h-setup');
  });
});
