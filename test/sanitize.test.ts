// The sanitizer that replaced DOMPurify (src/markdown/sanitize.ts): its own cases, parity with
// DOMPurify as the pipeline configured it (DOMPurify stays a devDependency for this test), and a
// seeded fuzz run whose every output must hold only allowed elements, attributes and URLs.
import { expect } from '@open-wc/testing';
import DOMPurify from 'dompurify';
import type { UponSanitizeAttributeHookEvent } from 'dompurify';
import { markdown } from '../src/markdown/markdown.js';
import { decodeEntities, sanitize } from '../src/markdown/sanitize.js';
import { seedCorpus } from './seed-corpus.js';

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt',
  'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];
const ALLOWED_ATTR = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'class', 'align', 'start', 'reversed',
  'colspan', 'rowspan', 'scope', 'dir', 'lang', 'datetime', 'open',
];

/** DOMPurify exactly as the pipeline used it before the switch: the reference for parity. */
function createReference() {
  const purifier = DOMPurify(window);
  const allowed = (value: string, image: boolean) => {
    // eslint-disable-next-line no-control-regex
    const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    if (image && /^data:/i.test(url)) return /^data:image\/(?:png|gif|jpeg|webp)(?:;[\w=.+-]+)*,/i.test(url);
    try {
      const { protocol } = new URL(url, 'https://relative.invalid/');
      return (image ? ['http:', 'https:'] : ['http:', 'https:', 'mailto:']).includes(protocol);
    } catch {
      return false;
    }
  };
  purifier.addHook('uponSanitizeAttribute', (node: Element, event: UponSanitizeAttributeHookEvent) => {
    if (event.attrName === 'href') event.keepAttr = node.localName === 'a' && allowed(event.attrValue, false);
    else if (event.attrName === 'src') event.keepAttr = node.localName === 'img' && allowed(event.attrValue, true);
    else if (event.attrName === 'class') event.keepAttr = node.localName === 'code' && /^language-[\w-]+$/.test(event.attrValue);
  });
  purifier.addHook('afterSanitizeAttributes', (node: Element) => {
    if (node.localName === 'a' && node.hasAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
      const url = new URL(node.getAttribute('href') ?? '', document.baseURI);
      if (/^https?:$/.test(url.protocol) && url.origin !== location.origin) node.setAttribute('target', '_blank');
    } else if (node.localName === 'img') {
      if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  return (markup: string) =>
    purifier.sanitize(markup, {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      FORBID_ATTR: ['style'],
      ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
      ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
    });
}

/** The DOM the browser builds from the HTML, as a comparable string (attributes sorted). */
function normalize(markup: string): string {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
    if (!(node instanceof Element)) return '';
    const attrs = [...node.attributes].map((a) => ` ${a.name}="${a.value}"`).sort().join('');
    return `<${node.localName}${attrs}>${[...node.childNodes].map(walk).join('')}</${node.localName}>`;
  };
  return [...template.content.childNodes].map(walk).join('').replace(/\s+/g, ' ').trim();
}

const html = (markup: string) => sanitize(markup).html;

describe('sanitizer: what it keeps and drops', () => {
  it('keeps allowed elements and attributes, drops the rest but keeps their text', () => {
    expect(html('<p title="t" class="x" style="color:red" onclick="x()">a <x-foo data-a="1">b</x-foo> <font>c</font></p>')).to.equal(
      '<p title="t">a b c</p>',
    );
    expect(html('<details open><summary>s</summary>d</details><td colspan=2>x')).to.equal(
      '<details open=""><summary>s</summary>d</details><td colspan="2">x',
    );
  });

  it('drops script, style and foreign content with everything inside them', () => {
    expect(html('a<script>alert(1)</script>b<style>p{}</style>c<svg><g><svg></svg><img src=x></g></svg>d')).to.equal('abcd');
    expect(html('a<textarea><img src=x onerror=alert(1)></textarea>b<template><p>t</p></template>c')).to.equal('abc');
    // As in a browser with scripting on, the noscript ends at its first end tag: the img is real, its handler gone.
    expect(html('a<noscript><p title="</noscript><img src=x onerror=alert(1)>">b')).to.equal(
      'a<img src="x" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer">">b',
    );
    expect(html('a<math><mi>x</mi></math>b<select><option>o</option></select>c')).to.equal('abc');
  });

  it('drops comments, declarations and processing instructions', () => {
    expect(html('a<!-- c --><!---->b<!-->c<!DOCTYPE html>d<?php echo 1 ?>e<![CDATA[x]]>f</ >g')).to.equal('abcdefg');
  });

  it('drops the rest of the input where a browser would: inside an unclosed tag, comment or raw text', () => {
    expect(html('a<p title="b>c')).to.equal('a');
    expect(html('a<!-- never closed <b>x</b>')).to.equal('a');
    expect(html('a<script>never closed <b>x</b>')).to.equal('a');
    expect(html('a<plaintext><b>x</b>')).to.equal('a');
  });

  it('escapes a < that starts no tag', () => {
    expect(html('1 < 2 <3 <- <>')).to.equal('1 &lt; 2 &lt;3 &lt;- &lt;>');
  });

  it('writes checked values decoded, checked and escaped, so the browser reads what was checked', () => {
    // The title is checked for nothing, so it stays as typed (with `"` escaped) for the browser to decode.
    expect(html('<a href="?a=1&amp;b=2&c=3" title="&quot;x&quot; &lt;b&gt; \' &#65;&#x42;">l</a>')).to.equal(
      '<a href="?a=1&amp;b=2&amp;c=3" title="&quot;x&quot; &lt;b&gt; \' &#65;&#x42;" rel="noopener noreferrer">l</a>',
    );
    expect(html(`<p title='say "hi"' lang=en"x>p</p>`)).to.equal('<p title="say &quot;hi&quot;" lang="en&quot;x">p</p>');
    expect(html('<a href="&#106;avascript&colon;alert(1)">x</a><a href="java&#x09;script:alert(1)">y</a>')).to.equal(
      '<a>x</a><a>y</a>',
    );
    expect(html('<a href=https://e.example/x>e</a>')).to.equal(
      '<a href="https://e.example/x" rel="noopener noreferrer" target="_blank">e</a>',
    );
  });

  it('keeps the first of repeated attributes, as the browser does', () => {
    expect(html('<a href="https://ok.example" href="javascript:alert(1)">x</a>')).to.contain('href="https://ok.example"');
    expect(html('<a href="javascript:alert(1)" href="https://ok.example">x</a>')).to.equal('<a>x</a>');
  });

  it('reads attributes the way the browser tokenizer does', () => {
    // `/` between attributes, no space after a quoted value, `=` leading a name, a bare `>` in quotes.
    expect(html('<img/src="/a.png"/alt=\'a>b\'title=t =x onerror=alert(1)>')).to.equal(
      '<img src="/a.png" alt="a>b" title="t" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
    );
    expect(html('</p foo="<b>">x')).to.equal('</p>x');
  });

  it('decodes numeric and common named references and leaves unknown names as typed', () => {
    expect(decodeEntities('&#65;&#x42;&#67&amp;&lt;&nbsp;&colon;&Tab;&nosuch;&#0;&#xD800;')).to.equal(
      'ABC&<\u00a0:\t&nosuch;\uFFFD\uFFFD',
    );
  });

  it('lists a heading typed with common named references as the browser shows it', () => {
    const out = sanitize('<h2>Setup &ndash; &ldquo;quick&rdquo; &hellip;</h2>', { idPrefix: '' });
    expect(out.headings[0]?.text).to.equal('Setup – “quick” …');
    expect(out.headings[0]?.id).to.equal('setup-quick');
  });
});

describe('sanitizer: fidelity with what the browser made of the same HTML', () => {
  it('ends a comment at --!> as the browser does, instead of dropping what follows', () => {
    expect(html('<p>a<!-- c --!>b</p><p>c</p>')).to.equal('<p>ab</p><p>c</p>');
  });

  it('drops a self-closed svg or math alone, not the rest of the article', () => {
    expect(html('<p>a<svg/>b</p><math />c<svg><svg/><g/></svg>d<svg viewBox="0 0 1 1"/>e')).to.equal('<p>ab</p>cde');
  });

  it('keeps named references in plain attribute values for the browser to decode', () => {
    // Only URL and class values need the decoded text checked; the others may hold any text, so
    // they keep what the author wrote and the browser decodes every name, not just the common ones.
    expect(normalize(html('<img src="/a.png" alt="Caf&eacute; &amp;eacute; &mdash; &#233;" title=\'say "hi" &hellip;\'>'))).to.equal(
      '<img alt="Café &eacute; — é" decoding="async" loading="lazy" referrerpolicy="no-referrer" src="/a.png" title="say "hi" …"></img>',
    );
  });
});

describe('sanitizer: headings', () => {
  it('gives headings, raw HTML ones included, unique prefixed ids and lists them', () => {
    const out = sanitize('<h2>Set &amp; go</h2><h2 id="evil">Set &amp; go</h2><h3>Ünïcode <em>ok</em></h3><h4></h4>', {
      idPrefix: 'kb-',
    });
    expect(out.headings).to.deep.equal([
      { level: 2, text: 'Set & go', id: 'kb-set-go' },
      { level: 2, text: 'Set & go', id: 'kb-set-go-1' },
      { level: 3, text: 'Ünïcode ok', id: 'kb-unicode-ok' },
      { level: 4, text: '', id: 'kb-section' },
    ]);
    expect(out.html).to.contain('<h2 id="kb-set-go-1">');
  });

  it('closes a heading at any heading end tag or a new heading, as the browser does', () => {
    const out = sanitize('<h2>a</h3><h3>b<h4>c</h4>', { idPrefix: '' });
    expect(out.headings.map((h) => h.text)).to.deep.equal(['a', 'b', 'c']);
    expect(normalize(out.html)).to.equal('<h2 id="a">a</h2><h3 id="b">b</h3><h4 id="c">c</h4>');
  });

  it('points #slug links at the prefixed ids, and only those', () => {
    const out = sanitize('<a href="#intro">i</a><a href="#missing">m</a><h2>Intro</h2>', { idPrefix: 'p-' });
    expect(out.html).to.contain('<a href="#p-intro" rel="noopener noreferrer">i</a>');
    expect(out.html).to.contain('<a href="#missing" rel="noopener noreferrer">m</a>');
  });

  it('leaves headings alone without an id prefix option', () => {
    expect(sanitize('<h2>a</h2>')).to.deep.equal({ html: '<h2>a</h2>', headings: [] });
  });
});

const HTML_CASES = [
  'Inline <b>bold</b> and <kbd>Ctrl</kbd>+<kbd>C</kbd> and <span title="a > b">span</span>.',
  '<div class="note">\nBlock **html**\n</div>\n\nAfter the block.',
  '<details>\n<summary>More</summary>\n\nHidden *markdown*.\n\n</details>',
  '<!-- a comment -->\n\nText <!-- inline comment --> more.',
  '<img src="/x.png" alt="pic" width=20>\n\n<p>para tag</p> <img src="data:image/png;base64,AAAA">',
  '<table><caption>c</caption><tr><th scope=col align=left>h</th></tr><tr><td rowspan=2>d</td></tr></table>',
  '<ol start=3 reversed><li>x</li></ol> <time datetime="2025-01-01">then</time> <bdo dir=rtl lang=ar>س</bdo>',
  '[docs](https://example.com/docs "The docs") [rel](/help/page) [mail](mailto:a@b.example) [x](javascript:alert(1))',
  '```js\ncode < 1\n```\n\n```js" onmouseover="x\ny\n```',
  '<a href="https://x.example" target="_self" rel="opener" id="i" name="n">a</a> <p style="x" class="c" data-x=1 aria-label=l>p</p>',
  '<form action=/x><input value=1><button>b</button></form> <iframe src="https://e.example"></iframe> tail',
  '<svg><circle r=1></circle></svg> <math><mi>x</mi></math> after',
];

describe('sanitizer: parity with DOMPurify as configured before', () => {
  const reference = createReference();
  const both = (markup: string) => [normalize(html(markup)), normalize(reference(markup))];

  it('sanitizes the rendered seed articles and messages to the same DOM', () => {
    const corpus = seedCorpus();
    expect(corpus.length).to.be.greaterThan(40);
    for (const source of corpus) {
      for (const options of [{ html: true, breaks: false }, { html: false, breaks: true }]) {
        const [ours, theirs] = both(markdown(source, options));
        expect(ours, source).to.equal(theirs);
      }
    }
  });

  for (const source of HTML_CASES) {
    it(`sanitizes like DOMPurify: ${JSON.stringify(source).slice(0, 60)}`, () => {
      const [ours, theirs] = both(markdown(source, { html: true, breaks: false }));
      expect(ours).to.equal(theirs);
    });
  }
});

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '<', '>', '/', '"', "'", '=', ' ', '\t', '\n', '&', '#', ';', '<!--', '-->', '<!', '<?', ']]>',
  '<a', '<img', '<p', '<h2', '</h2>', '<b>', '</b>', '<svg', '</svg>', '<math', '<style>', '</style>',
  '<script>', '</script>', '<textarea>', '</textarea>', '<noscript>', '</noscript>', '<template>',
  '<title>', '<iframe', '<object', '<table>', '<td>', '<select>', '<option>', '<plaintext>',
  ' href=', ' src=', ' onerror=', ' onclick=', ' style=', ' class=', ' id=', ' srcset=', ' xlink:href=',
  'javascript:', 'JaVa\tScRiPt:', '&#106;', '&#x6A;', '&colon;', '&#58', 'data:text/html,', 'data:image/png,',
  'vbscript:', 'https://a.example', '#x', 'alert(1)', 'x', 'text ', '\u0000', '\u00a0',
];

describe('sanitizer: fuzz', () => {
  it('every output holds only allowed elements, attributes and URLs, and is stable when sanitized again', () => {
    const next = random(20261123);
    const allowedTags = new Set(ALLOWED_TAGS);
    const allowedAttrs = new Set([...ALLOWED_ATTR, 'rel', 'target', 'loading', 'decoding', 'referrerpolicy']);
    for (let run = 0; run < 3000; run += 1) {
      const input = Array.from({ length: 1 + Math.floor(next() * 24) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      const out = html(input);
      const template = document.createElement('template');
      template.innerHTML = out;
      for (const el of template.content.querySelectorAll('*')) {
        expect(allowedTags.has(el.localName), `<${el.localName}> from ${JSON.stringify(input)}`).to.equal(true);
        expect(el.namespaceURI).to.equal('http://www.w3.org/1999/xhtml');
        for (const attr of el.attributes) {
          expect(allowedAttrs.has(attr.name), `${attr.name} from ${JSON.stringify(input)}`).to.equal(true);
          if (attr.name === 'href' || attr.name === 'src') {
            const protocol = new URL(attr.value, location.href).protocol;
            const ok = attr.name === 'href' ? ['http:', 'https:', 'mailto:'] : ['http:', 'https:', 'data:'];
            expect(ok, `${attr.name}="${attr.value}" from ${JSON.stringify(input)}`).to.include(protocol);
            if (protocol === 'data:') expect(attr.value).to.match(/^data:image\/(png|gif|jpeg|webp)[;,]/);
          }
        }
      }
      // The serialized DOM of the output sanitizes to itself: nothing in it is read differently twice.
      expect(normalize(html(template.innerHTML)), JSON.stringify(input)).to.equal(normalize(out));
    }
  });
});

// Inputs on which a quadratic pass hangs the page (minutes, where a linear pass takes milliseconds).
// Each must simply finish (the runner's timeout catches a hang); the checks make sure it did the work.
describe('sanitizer: linear time on hostile input', () => {
  it('finishes: one tag with 150,000 distinct attributes', () => {
    const names = Array.from({ length: 150_000 }, (_, k) => `a${k}`);
    expect(html(`<p ${names.join(' ')} title=t>x`)).to.equal('<p title="t">x');
  });

  it('finishes: URLs padded inside with 200,000 spaces or control characters', () => {
    expect(html(`<a href="x${' '.repeat(200_000)}y">l</a>`)).to.match(/^<a href="x {200000}y" rel="noopener noreferrer">l<\/a>$/);
    expect(html(`<img src="x${'\u0001'.repeat(200_000)}y">`)).to.satisfy((out: string) =>
      out.startsWith(`<img src="x${'\u0001'.repeat(200_000)}y" alt=""`),
    );
  });

  it('finishes: 40,000 headings with the same text', () => {
    const { headings } = sanitize('<h2>a</h2>'.repeat(40_000), { idPrefix: '' });
    expect(headings.length).to.equal(40_000);
    expect(headings[39_999]?.id).to.equal('a-39999');
    expect(new Set(headings.map((h) => h.id)).size).to.equal(40_000);
  });

  it('numbers repeated headings around ids that other headings already took', () => {
    const { headings } = sanitize('<h2>a-1</h2><h2>a</h2><h2>a</h2><h2>a</h2><h2>a-2</h2><h2>a-1</h2>', { idPrefix: '' });
    expect(headings.map((h) => h.id)).to.deep.equal(['a-1', 'a', 'a-2', 'a-3', 'a-2-1', 'a-1-1']);
  });
});
