// Parity of our markdown renderer (src/markdown/markdown.ts) with marked, which it replaced:
// realistic support content renders to the same DOM. marked stays a devDependency for this test.
import { expect } from '@open-wc/testing';
import { Marked } from 'marked';
import type { Tokens } from 'marked';
import { markdown } from '../src/markdown/markdown.js';
import type { MarkdownMode } from '../src/markdown/index.js';
import { seedCorpus } from './seed-corpus.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** marked configured exactly as the pipeline had it before the switch. */
function createMarked(mode: MarkdownMode): Marked {
  const marked = new Marked({ gfm: true, breaks: mode === 'message', async: false });
  marked.use({
    renderer: {
      checkbox({ checked }: Tokens.Checkbox): string {
        return checked ? '\u2611 ' : '\u2610 ';
      },
      ...(mode === 'message'
        ? {
            html(token: Tokens.HTML | Tokens.Tag): string {
              const text = token.text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
              return token.block ? `<p>${text.trimEnd().replace(/\n/g, '<br>')}</p>\n` : text;
            },
          }
        : {}),
    },
  });
  return marked;
}

const MARKED: Record<MarkdownMode, Marked> = { message: createMarked('message'), article: createMarked('article') };

function ours(source: string, mode: MarkdownMode): string {
  return markdown(source, { html: mode === 'article', breaks: mode === 'message' });
}

function theirs(source: string, mode: MarkdownMode): string {
  return MARKED[mode].parse(source, { async: false });
}

/**
 * The DOM the browser builds from an HTML string, as a comparable string: elements with their
 * attributes sorted, text with whitespace collapsed, whitespace-only text left out.
 */
function normalize(markup: string, { rawText = false } = {}): string {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) {
      // The text of raw-text elements differs (see DIFFERENCES); the sanitizer drops those elements.
      if (!rawText && /^(?:script|style|textarea)$/.test(node.parentElement?.localName ?? '')) return '';
      return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    }
    if (!(node instanceof Element)) return '';
    const attrs = [...node.attributes].map((a) => ` ${a.name}="${a.value}"`).sort().join('');
    return `<${node.localName}${attrs}>${[...node.childNodes].map(walk).join('')}</${node.localName}>`;
  };
  return [...template.content.childNodes].map(walk).join('');
}

// One or more cases per feature the renderer supports.
const CASES: string[] = [
  // paragraphs, headings
  'One paragraph\nwith two lines.\n\nAnother paragraph.',
  '# One\n## Two ##\n### Three\n#### Four\n##### Five\n###### Six\n####### not a heading\n#hashtag',
  'Setext one\n===\n\nSetext two\n---',
  // code
  '```ts\nconst x = 1 < 2 && y > 3;\n```\n\n~~~\ntilde fence\n~~~\n\n````md\n```\nnested fence\n```\n````',
  'Text\n\n    indented code\n    <b>kept</b>\n\n    after a blank\n\nText again',
  'Use `npm ci`, ``a ` b``, ` spaced ` and `<script>` in code.',
  '```\nunclosed fence\nstill code',
  // blockquotes
  '> quoted **bold**\n> second line\nlazy continuation\n\n> > nested\n> > quote\n>\n> back out',
  '> - a list in a quote\n> - two\n>\n> ```\n> code in a quote\n> ```',
  // lists
  '- one\n- two\n  - nested\n    - deeper\n- three',
  '1. first\n2. second\n3. third\n\n7) seven\n8) eight',
  '- loose\n\n- items\n\n- here',
  '1. Step one\n\n   More about step one.\n\n2. Step two\n   ```bash\n   fernwood run\n   ```',
  '* star\n+ plus\n- minus',
  'Paragraph\n- interrupting list\n\nParagraph\n2. not a list',
  '- [x] done\n- [ ] todo\n- [X] also done\n- not a task',
  '- [x] loose task\n\n- [ ] second',
  // tables
  '| Name | Value | Note |\n| :--- | ----: | :-: |\n| a | 1 | x |\n| b | 2 |\n| c | 3 | y | extra |',
  'a | b\n--|--\n1 | 2 \\| 3\n`x \\| y` | **bold**',
  '| only header |\n| --- |',
  // thematic breaks
  'Above\n\n***\n\n- - -\n\n___\n\nBelow',
  // emphasis
  'Some **bold**, *em*, __bold__, _em_, ***both***, **bold *nested* bold**, *em **strong** em*.',
  'snake_case_name and __init__ and 2*3*4 and a * b * c',
  'Unclosed **bold and *em',
  '~~strike~~ and ~single~ and ~~~not~~~',
  // links and images
  '[docs](https://example.com/docs "The docs") and [rel](/help/page) and [empty]() and [anchor](#top)',
  '[spaces](<https://example.com/a b>) and [parens](https://en.wikipedia.org/wiki/Foo_(bar)) and [esc](https://x.example/\\(a\\))',
  'A [ref link][docs], a [collapsed][] one and a [shortcut].\n\n[docs]: https://example.com/docs\n[collapsed]: /c "Collapsed"\n[shortcut]: <https://example.com/s> \'Short\'',
  '![logo](/logo.png "Logo") and ![alt *with* `code`](/a.png) and [![badge](/b.svg)](https://ci.example)',
  '[link *em* `code` **strong**](/p) and [nested [brackets]](/n)',
  '[not a link] and [missing][nowhere] and [a](b (title)) and [x](y "t" )',
  // autolinks
  '<https://auto.example.com/path?q=1> and <help@example.com> and <mailto:a@b.example>',
  'Visit https://status.example.com, www.example.com/a_b_c. Or (https://example.com/x). Mail first.last+tag@sub.example.co.uk.',
  'http://example.com/path?q=1&b=2&amp; and https://example.com/trailing.) and ftp://files.example.com',
  '[https://inside.example.com](https://target.example.com)',
  // escapes, entities, breaks
  '\\*not em\\* \\_not\\_ \\[not link\\] \\# \\` and a \\ lone backslash',
  '&copy; &amp; &#35; &#x41; & alone, &nosuch; and < > " \'',
  'Hard break with spaces  \nand with backslash\\\nand soft\nbreak.',
  // raw HTML
  'Inline <b>bold</b> and <kbd>Ctrl</kbd>+<kbd>C</kbd> and <span title="a > b">span</span>.',
  '<div class="note">\nBlock **html**\n</div>\n\nAfter the block.',
  '<details>\n<summary>More</summary>\n\nHidden *markdown*.\n\n</details>',
  '<!-- a comment -->\n\nText <!-- inline comment --> more.',
  '<img src="/x.png" alt="pic">\n\n<p>para tag</p>',
  // hostile content as support messages carry it
  'One of our product names is literally `<img src=x onerror=alert(1)>`:\n\n<img src=x onerror=alert(1)>\n\n<script>alert("xss")</script>',
  '[click for a refund](javascript:alert(1)) <a href="javascript:alert(2)">raw anchor</a> <iframe src="https://evil.example"></iframe>',
  // corners from the CommonMark and GFM specs
  '1.     indented code\n\n   paragraph',
  '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim',
  '| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |',
  'www.google.com/search?q=(business))+ok and a.b-c_d@a.b. and foo@bar.baz',
  '<?php\n\n  echo \'>\';\n\n?>\nokay',
  '```\naaa\n~~~\n```\n\n````\naaa\n```\n``````',
  '*(*foo*)* and **foo "*bar*" foo** and *foo**bar**baz* and ***foo** bar*',
  '[link](/uri (title)) [link](<my uri>) [link](foo\\)\\:) [link]( /uri\n  "title"  )',
  '[Foo\n  bar]: /url\n\n[Baz][Foo bar]',
  '&nbsp; &copy; &AElig; &#35; &#1234; &#x41; &nbsp &x; &ThisIsNotDefined;',
  // mixed article
  '## Before you begin\n\n- You need the **Admin** role.\n- Allow about 10 minutes.\n\n## Steps\n\n1. Open **Settings**.\n2. Choose *Billing*.\n\n| option | default |\n| --- | --- |\n| `timeout` | `30s` |\n\nSee the [status page](https://status.example.com).',
];

/**
 * Where we deliberately differ from marked, and why. Each entry is checked: marked still renders it
 * differently (else the entry should go), and ours renders what the reason says.
 */
const DIFFERENCES: Array<{ source: string; mode: MarkdownMode; ours: string; why: string }> = [
  {
    source: 'Run <script>alert("x & y")</script>',
    mode: 'article',
    ours: '<p>Run<script>alert(&quot;x &amp; y&quot;)</script></p>',
    why: 'text after an inline <script> tag is escaped like all text; marked passed it raw. the sanitizer drops the element either way',
  },
];

describe('markdown renderer: parity with marked', () => {
  const modes: MarkdownMode[] = ['message', 'article'];

  it('renders every seed article and message like marked did', () => {
    const corpus = seedCorpus();
    expect(corpus.length).to.be.greaterThan(40);
    for (const mode of modes) {
      for (const source of corpus) {
        expect(normalize(ours(source, mode)), `${mode}: ${source}`).to.equal(normalize(theirs(source, mode)));
      }
    }
  });

  for (const source of CASES) {
    it(`renders like marked: ${JSON.stringify(source).slice(0, 70)}`, () => {
      for (const mode of modes) {
        expect(normalize(ours(source, mode)), mode).to.equal(normalize(theirs(source, mode)));
      }
    });
  }

  for (const difference of DIFFERENCES) {
    it(`differs on purpose (${difference.why}): ${JSON.stringify(difference.source).slice(0, 50)}`, () => {
      const mine = normalize(ours(difference.source, difference.mode), { rawText: true });
      expect(mine).to.equal(difference.ours);
      expect(normalize(theirs(difference.source, difference.mode), { rawText: true })).not.to.equal(mine);
    });
  }
});
