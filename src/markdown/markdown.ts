/**
 * A small markdown-to-HTML renderer for what support messages and help articles use: CommonMark
 * blocks and inlines plus GitHub's tables, task lists, strikethrough and bare-URL autolinks.
 * Imported only by `./pipeline.ts`, which sends its output through `./sanitize.ts`; it still escapes
 * every text and attribute value itself and builds tags only from its own strings.
 *
 * Linear time by construction, so hostile input cannot hang a page:
 * - block regexes are anchored and match one line; where a group repeats, each repetition starts
 *   with a character the previous one cannot end with (`|` in table rows), so nothing backtracks;
 * - inlines are one left-to-right pass with CommonMark's delimiter and bracket stacks; code spans
 *   find their closer in an index of backtick runs, HTML scanning remembers which terminators are
 *   absent, a closed link collapses its pieces into one, and link openers are switched off by a
 *   counter rather than by walking the stack;
 * - container blocks nest at most {@link MAX_DEPTH} deep; deeper markers are text.
 * test/markdown.test.ts feeds it the classic pathological inputs.
 */

/** How raw HTML and line breaks are treated. */
export interface MarkdownOptions {
  /** Pass raw HTML through (articles; the sanitizer cleans it) instead of showing it as typed. */
  html: boolean;
  /** Every newline inside a paragraph is a `<br>` (messages). */
  breaks: boolean;
}

type Block =
  | { k: 'p' | 'html'; text: string }
  | { k: 'h'; level: number; text: string }
  | { k: 'code'; lang: string; text: string }
  | { k: 'hr' }
  | { k: 'quote'; kids: Block[] }
  | { k: 'list'; start: number | undefined; loose: boolean; items: Item[] }
  | { k: 'table'; align: string[]; head: string[]; rows: string[][] };

interface Item {
  kids: Block[];
  /** `true`/`false` for a checked/unchecked task item, `undefined` for a plain item. */
  task: boolean | undefined;
}

interface Link {
  href: string;
  title: string | undefined;
}

const MAX_DEPTH = 32;

const ATX = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>[ \t]?/;
const MARKER = /^ {0,3}(?:([-+*])|(\d{1,9})([.)]))(?=[ \t]|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIM = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const TASK = /^\[([ xX])\][ \t]+(?=\S)/;
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|meta|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
// CommonMark's HTML block kinds 1 to 6: how one starts, and the line that ends it (kind 6 ends at a blank line).
const HTML_BLOCKS: Array<[RegExp, RegExp | undefined]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?:[ \\t>]|/>|$)`, 'i'), undefined],
];
// A definition at the start of a paragraph: [label]: destination "optional title".
const DEFINITION =
  /^\[((?:[^\\[\]]|\\.){1,999})\]:[ \t]*\n?[ \t]*(<(?:[^\\<>\n]|\\.)*>|[^\s<]\S*)(?:(?:[ \t]+\n?|\n)[ \t]*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*(?:\n|$)/;

const blank = (line: string): boolean => !line.trim();

/** The width of a line's leading whitespace, tabs to the next multiple of 4. */
function indentOf(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width += 1;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** The line without `columns` of leading whitespace (a tab that straddles the cut becomes spaces). */
function dedent(line: string, columns: number): string {
  let width = 0;
  let i = 0;
  while (i < line.length && width < columns) {
    const ch = line[i];
    if (ch === ' ') width += 1;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
    i += 1;
  }
  return ' '.repeat(Math.max(0, width - columns)) + line.slice(i);
}

function htmlBlockKind(line: string): number {
  return HTML_BLOCKS.findIndex(([start]) => start.test(line));
}

/** Whether a line starts a block that ends a paragraph (CommonMark, plus GFM's list rule as marked has it). */
function interrupts(line: string): boolean {
  return (
    ATX.test(line) ||
    HR.test(line) ||
    QUOTE.test(line) ||
    /^ {0,3}(?:[-+*]|1[.)])[ \t]+\S/.test(line) ||
    fenceOf(line) !== undefined ||
    htmlBlockKind(line) >= 0
  );
}

function fenceOf(line: string): RegExpExecArray | undefined {
  const m = FENCE.exec(line);
  // A backtick fence's info string may not contain a backtick (it would be a code span).
  return m && !(m[1]?.startsWith('`') && m[2]?.includes('`')) ? m : undefined;
}

function tableAt(lines: string[], i: number): boolean {
  const head = lines[i] ?? '';
  const delim = lines[i + 1] ?? '';
  return (
    /[:|]/.test(delim) && TABLE_DELIM.test(delim) && head.includes('|') && cells(head).length === cells(delim).length
  );
}

/** A table row's cells: split at pipes that are not escaped, outer pipes dropped, `\|` kept as `|`. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i += 1) {
    const ch = row[i];
    if (ch === '\\' && i + 1 < row.length) {
      cell += row[i + 1] === '|' ? '|' : ch + row[i + 1];
      i += 1;
    } else if (ch === '|') {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  if (!out[0]) out.shift();
  if (out.length && !out[out.length - 1]) out.pop();
  return out;
}

/** The text of a line inside its quote and list markers: `text` for `> - text`. */
function innermost(line: string): string {
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const m = QUOTE.exec(line) ?? MARKER.exec(line);
    if (!m) break;
    line = line.slice(m[0].length).replace(/^[ \t]+/, '');
  }
  return line;
}

/** Whether `next` may continue the paragraph that `last` (the previous line of a container) is in. */
function lazy(last: string | undefined, next: string, inFence: boolean): boolean {
  // A setext underline cannot be lazy (it would turn the paragraph into a heading).
  if (inFence || last === undefined || blank(next) || interrupts(next) || MARKER.test(next) || SETEXT.test(next)) return false;
  const text = innermost(last);
  return !blank(text) && indentOf(last) < 4 && !interrupts(text) && !TABLE_DELIM.test(text);
}

function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function label(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

class BlockParser {
  readonly refs = new Map<string, Link>();
  /**
   * Empty cells left to add to rows shorter than their table's header, for the whole document. GFM
   * pads such rows; without a cap, one-character rows under a wide header turn a short message
   * into millions of cells (cmark-gfm caps this too). Past it, short rows keep the cells they have.
   */
  #padding = 10_000;

  /** Parses lines into blocks; `gaps` tells whether a blank line separates two of them (a loose list item). */
  parse(lines: string[], depth: number): { blocks: Block[]; gaps: boolean } {
    const blocks: Block[] = [];
    let gaps = false;
    let sawBlank = false;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i] ?? '';
      if (blank(line)) {
        sawBlank = true;
        i += 1;
        continue;
      }
      if (sawBlank && blocks.length) gaps = true;
      sawBlank = false;
      i = this.#block(lines, i, depth, blocks);
    }
    return { blocks, gaps };
  }

  /** Parses the block that starts at line `i` into `out`; returns the index of the line after it. */
  #block(lines: string[], i: number, depth: number, out: Block[]): number {
    const line = lines[i] ?? '';
    const indent = indentOf(line);
    const nest = depth < MAX_DEPTH;
    let m: RegExpExecArray | null | undefined;

    if (indent >= 4) {
      const code: string[] = [];
      let end = i;
      for (let j = i; j < lines.length; j += 1) {
        const l = lines[j] ?? '';
        if (!blank(l) && indentOf(l) < 4) break;
        code.push(dedent(l, 4));
        if (!blank(l)) end = code.length;
      }
      out.push({ k: 'code', lang: '', text: `${code.slice(0, end).join('\n')}\n` });
      // Trailing blank lines are not part of the block (they may make a list item loose).
      return i + end;
    }
    if ((m = fenceOf(line))) {
      const marker = m[1] ?? '';
      const code: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j += 1) {
        const l = lines[j] ?? '';
        const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(l)?.[1];
        if (close && close[0] === marker[0] && close.length >= marker.length) {
          j += 1;
          break;
        }
        code.push(dedent(l, Math.min(indent, indentOf(l))));
      }
      const lang = /^\S*/.exec(unescape((m[2] ?? '').trim()))?.[0] ?? '';
      out.push({ k: 'code', lang, text: `${code.join('\n')}\n` });
      return j;
    }
    if ((m = ATX.exec(line))) {
      let text = line.slice(m[0].length).trim();
      let end = text.length;
      while (end > 0 && text[end - 1] === '#') end -= 1;
      if (end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t') text = text.slice(0, end).trim();
      out.push({ k: 'h', level: (m[1] ?? '#').length, text });
      return i + 1;
    }
    if (HR.test(line)) {
      out.push({ k: 'hr' });
      return i + 1;
    }
    if (nest && QUOTE.test(line)) {
      const inner: string[] = [];
      let inFence = false;
      for (; i < lines.length; i += 1) {
        const l = lines[i] ?? '';
        const q = QUOTE.exec(l);
        if (q) inner.push(l.slice(q[0].length));
        else if (lazy(inner[inner.length - 1], l, inFence)) inner.push(l);
        else break;
        if (fenceOf(inner[inner.length - 1] ?? '')) inFence = !inFence;
      }
      out.push({ k: 'quote', kids: this.parse(inner, depth + 1).blocks });
      return i;
    }
    if (nest && (m = MARKER.exec(line))) return this.#list(lines, i, depth, out);
    const kind = htmlBlockKind(line);
    if (kind >= 0 || isHtmlLine(line)) {
      const end = HTML_BLOCKS[kind]?.[1];
      let j = i;
      if (end) {
        while (j < lines.length && !end.test(lines[j] ?? '')) j += 1;
        j = Math.min(j + 1, lines.length);
      } else {
        while (j < lines.length && !blank(lines[j] ?? '')) j += 1;
      }
      out.push({ k: 'html', text: lines.slice(i, j).join('\n') });
      return j;
    }
    if (tableAt(lines, i)) {
      const head = cells(line);
      const align = cells(lines[i + 1] ?? '').map((c) =>
        c.endsWith(':') ? (c.startsWith(':') ? 'center' : 'right') : c.startsWith(':') ? 'left' : '',
      );
      const rows: string[][] = [];
      let j = i + 2;
      for (; j < lines.length; j += 1) {
        const l = lines[j] ?? '';
        if (blank(l) || indentOf(l) >= 4 || interrupts(l) || /^ {0,3}(?:[-+*]|1[.)])[ \t]/.test(l)) break;
        const row = cells(l).slice(0, head.length);
        const missing = head.length - row.length;
        if (missing <= this.#padding) {
          this.#padding -= missing;
          while (row.length < head.length) row.push('');
        }
        rows.push(row);
      }
      out.push({ k: 'table', align, head, rows });
      return j;
    }
    return this.#paragraph(lines, i, out);
  }

  #paragraph(lines: string[], i: number, out: Block[]): number {
    const para = [lines[i] ?? ''];
    let j = i + 1;
    let level = 0;
    for (; j < lines.length; j += 1) {
      const l = lines[j] ?? '';
      if (blank(l)) break;
      const setext = SETEXT.exec(l);
      if (setext) {
        level = setext[1]?.startsWith('=') ? 1 : 2;
        j += 1;
        break;
      }
      if (interrupts(l) || tableAt(lines, j)) break;
      para.push(l);
    }
    let text = para.map((l) => l.replace(/^[ \t]+/, '')).join('\n');
    // Link reference definitions at the start of a paragraph are not text.
    let def: RegExpExecArray | null;
    while (!level && (def = DEFINITION.exec(text))) {
      const key = label(def[1] ?? '');
      const dest = def[2] ?? '';
      const title = def[3];
      if (key && !this.refs.has(key)) {
        this.refs.set(key, {
          href: unescape(dest.startsWith('<') ? dest.slice(1, -1) : dest),
          title: title === undefined ? undefined : unescape(title.slice(1, -1)),
        });
      }
      text = text.slice(def[0].length);
    }
    text = text.trimEnd();
    if (level) out.push({ k: 'h', level, text });
    else if (text) out.push({ k: 'p', text });
    return j;
  }

  #list(lines: string[], i: number, depth: number, out: Block[]): number {
    const first = MARKER.exec(lines[i] ?? '');
    const bullet = first?.[1];
    const delim = first?.[3];
    const items: Item[] = [];
    let loose = false;
    while (i < lines.length) {
      const line = lines[i] ?? '';
      const m = MARKER.exec(line);
      if (!m || m[1] !== bullet || m[3] !== delim || (items.length && HR.test(line))) break;
      // The item's content starts after the marker and 1 to 4 spaces (1 when more: indented code).
      const after = line.slice(m[0].length);
      const pad = blank(after) || indentOf(after) > 4 ? 1 : indentOf(after);
      const width = m[0].length + pad;
      const inner = [blank(after) ? '' : dedent(after, pad)];
      let inFence = fenceOf(inner[0] ?? '') !== undefined;
      i += 1;
      for (; i < lines.length; i += 1) {
        const l = lines[i] ?? '';
        if (blank(l)) {
          // An item may start with at most one blank line.
          if (inner.length === 1 && blank(inner[0] ?? '')) break;
          inner.push('');
        } else if (indentOf(l) >= width) inner.push(dedent(l, width));
        else if (!blank(inner[inner.length - 1] ?? '') && lazy(inner[inner.length - 1], l, inFence)) inner.push(l);
        else break;
        if (fenceOf(inner[inner.length - 1] ?? '')) inFence = !inFence;
      }
      let trailing = 0;
      while (inner.length > 1 && blank(inner[inner.length - 1] ?? '')) {
        inner.pop();
        trailing += 1;
      }
      if (trailing && i < lines.length && sameList(lines[i] ?? '', bullet, delim)) loose = true;
      let task: boolean | undefined;
      const t = TASK.exec(inner[0] ?? '');
      if (t) {
        task = t[1] !== ' ';
        inner[0] = (inner[0] ?? '').slice(t[0].length);
      }
      const { blocks, gaps } = this.parse(inner, depth + 1);
      if (gaps) loose = true;
      items.push({ kids: blocks, task });
    }
    out.push({ k: 'list', start: delim ? Number(first?.[2]) : undefined, loose, items });
    return i;
  }
}

function sameList(line: string, bullet: string | undefined, delim: string | undefined): boolean {
  const m = MARKER.exec(line);
  return !!m && m[1] === bullet && m[3] === delim && !HR.test(line);
}

function isHtmlLine(line: string): boolean {
  // CommonMark kind 7: a whole line that is one complete open or closing tag.
  const start = /^ {0,3}</.exec(line);
  if (!start) return false;
  const end = tagEnd(line, start[0].length - 1);
  return end > 0 && blank(line.slice(end)) && !/^<\/?(?:script|pre|style|textarea)\b/i.test(line.trim());
}

// ---------------------------------------------------------------------------------------------
// Inlines

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML; entity references the author typed stay as they are. */
function escapeText(text: string): string {
  return text.replace(/[<>"']|&(?!#\d{1,7};|#[xX][\da-fA-F]{1,6};|\w+;)/g, (ch) => ESCAPES[ch] ?? ch);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** The end index of an HTML tag, comment, processing instruction, declaration or CDATA at `i` (a `<`), or -1. */
function tagEnd(s: string, i: number, misses = new Map<string, number>()): number {
  const rest = (re: RegExp) => {
    re.lastIndex = i;
    return re.exec(s) ? re.lastIndex : -1;
  };
  // `misses` remembers from where a terminator is known to be absent, so `<!--` × n is not quadratic.
  const closeAt = (needle: string, from: number) => {
    if ((misses.get(needle) ?? Infinity) <= from) return -1;
    const at = s.indexOf(needle, from);
    if (at < 0) misses.set(needle, from);
    return at < 0 ? -1 : at + needle.length;
  };
  const next = s[i + 1];
  if (next === '/') return rest(/<\/[A-Za-z][A-Za-z0-9-]*\s*>/y);
  if (next === '?') return closeAt('?>', i + 2);
  if (next === '!') {
    if (s.startsWith('<!--', i)) return /^<!---?>/.test(s.slice(i, i + 6)) ? s.indexOf('>', i) + 1 : closeAt('-->', i + 4);
    if (s.startsWith('<![CDATA[', i)) return closeAt(']]>', i + 9);
    return /[A-Za-z]/.test(s[i + 2] ?? '') ? closeAt('>', i + 2) : -1;
  }
  const name = /<[A-Za-z][A-Za-z0-9-]*/y;
  name.lastIndex = i;
  if (!name.exec(s)) return -1;
  // Attributes one at a time: each regex is linear and consumes what it matched.
  const attribute = /\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/y;
  const close = /\s*\/?>/y;
  let at = name.lastIndex;
  for (;;) {
    close.lastIndex = at;
    if (close.exec(s)) return close.lastIndex;
    attribute.lastIndex = at;
    if (!attribute.exec(s)) return -1;
    at = attribute.lastIndex;
  }
}

interface Piece {
  /** HTML. */
  h: string;
  /** Plain text (escaped), for image alt text. */
  t: string;
  /** A bare or angle-bracket autolink: inside another link it becomes its text. */
  auto?: boolean;
}

interface Delim {
  piece: Piece;
  ch: string;
  n: number;
  orig: number;
  open: boolean;
  close: boolean;
  prev: Delim | undefined;
  next: Delim | undefined;
  before: string;
  after: string;
}

interface Bracket {
  at: number;
  image: boolean;
  id: number;
  start: number;
  delim: Delim | undefined;
}

const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;
// <scheme:anything> or <user@host>; like marked, control characters end the URL.
// eslint-disable-next-line no-control-regex
const AUTOLINK = /<(?:([A-Za-z][\w.+-]{1,31}:[^\s\x00-\x1f<>]*)|([\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*))>/y;
const BARE_URL = /(?:https?:\/\/|ftp:\/\/|www\.)[A-Za-z0-9-][^\s<]*/iy;
// The local part always matches, so `lastIndex` tells where the word ends even when there is no domain.
const EMAIL = /[\w.+-]+(@[\w-]+(?:\.[\w-]+)+(?<=[A-Za-z0-9])(?![\w-]))?/y;

/** marked's URL normalisation: percent-encode what needs it, keep existing escapes. */
function cleanUrl(href: string): string | undefined {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return undefined;
  }
}

function attr(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeText(value)}"`;
}

/** Where a bare URL ends (as marked has it): trailing punctuation, a trailing entity and unbalanced `)` are not part of it. */
function trimUrl(url: string): string {
  // An unclosed `(` ends the URL.
  const opens: number[] = [];
  for (let i = 0; i < url.length; i += 1) {
    if (url[i] === '(') opens.push(i);
    else if (url[i] === ')') opens.pop();
  }
  if (opens.length) url = url.slice(0, opens[0]);
  let balance = 0;
  for (const ch of url) balance += ch === '(' ? 1 : ch === ')' ? -1 : 0;
  let end = url.length;
  for (;;) {
    const last = url[end - 1] ?? '';
    const amp = last === ';' ? url.lastIndexOf('&', end) : -1;
    if (amp >= 0 && /^&[A-Za-z0-9]+;$/.test(url.slice(amp, end))) end = amp;
    else if (end > 1 && '?!.,:;*_~\'"'.includes(last)) end -= 1;
    else if (last === ')' && balance < 0) {
      end -= 1;
      balance += 1;
    } else return url.slice(0, end);
  }
}

class InlineParser {
  readonly #pieces: Piece[] = [];
  #text = '';
  #last: Delim | undefined;
  readonly #brackets: Bracket[] = [];
  #bracketId = 0;
  #plainUntil = 0;
  readonly #misses = new Map<string, number>();
  #linkBarrier = -1;
  #ticks: Map<number, number[]> | undefined;
  readonly #tickCursor = new Map<number, number>();

  constructor(
    readonly src: string,
    readonly refs: Map<string, Link>,
    readonly options: MarkdownOptions,
  ) {}

  render(): string {
    const s = this.src;
    let i = 0;
    while (i < s.length) {
      const ch = s[i] ?? '';
      const prev = s[i - 1] ?? '\n';
      if (ch === '\\') {
        const next = s[i + 1] ?? '';
        if (next === '\n') {
          this.#push('<br>', '');
          i = this.#skipIndent(i + 2);
        } else if (/[!-/:-@[-`{-~]/.test(next)) {
          // A piece of its own: `\&amp;` shows `&amp;`, not `&`.
          this.#push(escapeHtml(next), escapeHtml(next));
          i += 2;
        } else {
          this.#text += ch;
          i += 1;
        }
      } else if (ch === '\n') {
        const hard = this.#text.endsWith('  ');
        let end = this.#text.length;
        while (end && (this.#text[end - 1] === ' ' || this.#text[end - 1] === '\t')) end -= 1;
        this.#text = this.#text.slice(0, end);
        this.#push(hard || this.options.breaks ? '<br>' : '\n', ' ');
        i = this.#skipIndent(i + 1);
      } else if (ch === '`') {
        i = this.#code(i);
      } else if (ch === '*' || ch === '_' || ch === '~') {
        i = this.#delimiter(i, ch);
      } else if (ch === '[' || (ch === '!' && s[i + 1] === '[')) {
        const image = ch === '!';
        this.#push(image ? '![' : '[', image ? '![' : '[');
        this.#brackets.push({
          at: this.#pieces.length - 1,
          image,
          id: (this.#bracketId += 1),
          start: i + (image ? 2 : 1),
          delim: this.#last,
        });
        i += image ? 2 : 1;
      } else if (ch === ']') {
        i = this.#closeBracket(i);
      } else if (ch === '<') {
        i = this.#angle(i);
      } else {
        const end = this.#bare(i, prev);
        if (end === i) this.#text += ch;
        i = Math.max(end, i + 1);
      }
    }
    this.#emphasis(undefined);
    this.#flush();
    return this.#pieces.map((p) => p.h).join('');
  }

  /**
   * GitHub's extended autolinks, as marked finds them: a URL (`https://…` anywhere, `www.…` after
   * a space, `*_~(` or markup) or an e-mail address at the start of a word. Returns where the
   * link ends, or `i` when there is none; a word that is no address is not scanned again.
   */
  #bare(i: number, prev: string): number {
    const s = this.src;
    const ch = s[i] ?? '';
    if (/[hfw]/i.test(ch)) {
      BARE_URL.lastIndex = i;
      const url = BARE_URL.exec(s)?.[0];
      if (url && (!/^www/i.test(url) || !this.#text || /[\s*_~(]/.test(prev))) {
        // Inside what may be link text, `](` ends the URL: the link is the author's.
        const text = trimUrl(this.#brackets.length ? (url.split(']')[0] ?? '') : url);
        this.#autolink(/^www\./i.test(text) ? `http://${text}` : text, text);
        return i + text.length;
      }
    }
    if (i < this.#plainUntil || !/[\w.+-]/.test(ch) || /[A-Za-z0-9]/.test(prev)) return i;
    EMAIL.lastIndex = i;
    const mail = EMAIL.exec(s);
    if (mail?.[1]) {
      this.#autolink(`mailto:${mail[0]}`, mail[0]);
      return EMAIL.lastIndex;
    }
    this.#plainUntil = EMAIL.lastIndex;
    return i;
  }

  #skipIndent(i: number): number {
    while (this.src[i] === ' ' || this.src[i] === '\t') i += 1;
    return i;
  }

  #flush(): void {
    if (this.#text) {
      const text = escapeText(this.#text);
      this.#pieces.push({ h: text, t: text });
      this.#text = '';
    }
  }

  #push(h: string, t: string, auto?: boolean): Piece {
    this.#flush();
    const piece: Piece = auto ? { h, t, auto } : { h, t };
    this.#pieces.push(piece);
    return piece;
  }

  #autolink(href: string, text: string): void {
    const url = cleanUrl(href);
    const t = escapeText(text);
    if (url === undefined) this.#text += text;
    else this.#push(`<a href="${escapeText(url)}">${t}</a>`, t, true);
  }

  /** A code span from the backtick run at `i` to the next run of the same length, else the run as text. */
  #code(i: number): number {
    const s = this.src;
    let end = i;
    while (s[end] === '`') end += 1;
    const n = end - i;
    if (!this.#ticks) {
      // Every backtick run, by length, found once: each opener then finds its closer without rescanning.
      this.#ticks = new Map();
      for (let j = 0; j < s.length; ) {
        if (s[j] !== '`') {
          j += 1;
          continue;
        }
        let k = j;
        while (s[k] === '`') k += 1;
        const list = this.#ticks.get(k - j) ?? [];
        list.push(j);
        this.#ticks.set(k - j, list);
        j = k;
      }
    }
    const runs = this.#ticks.get(n) ?? [];
    let cursor = this.#tickCursor.get(n) ?? 0;
    while (cursor < runs.length && (runs[cursor] ?? 0) <= i) cursor += 1;
    this.#tickCursor.set(n, cursor);
    const close = runs[cursor];
    if (close === undefined) {
      this.#text += s.slice(i, end);
      return end;
    }
    let code = s.slice(end, close).replace(/\n/g, ' ');
    if (code.startsWith(' ') && code.endsWith(' ') && /[^ ]/.test(code)) code = code.slice(1, -1);
    this.#push(`<code>${escapeHtml(code)}</code>`, escapeHtml(code));
    this.#tickCursor.set(n, cursor + 1);
    return close + n;
  }

  #delimiter(i: number, ch: string): number {
    const s = this.src;
    let end = i;
    while (s[end] === ch) end += 1;
    const n = end - i;
    const run = s.slice(i, end);
    if (ch === '~' && n > 2) {
      this.#text += run;
      return end;
    }
    const before = s[i - 1] ?? '\n';
    const after = s[end] ?? '\n';
    const spaceAfter = SPACE.test(after);
    const spaceBefore = SPACE.test(before);
    const punctAfter = PUNCT.test(after);
    const punctBefore = PUNCT.test(before);
    const left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
    const right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
    const underscore = ch === '_';
    const piece = this.#push(run, run);
    const delim: Delim = {
      piece,
      ch,
      n,
      orig: n,
      open: underscore ? left && (!right || punctBefore) : left,
      close: underscore ? right && (!left || punctAfter) : right,
      prev: this.#last,
      next: undefined,
      before: '',
      after: '',
    };
    if (this.#last) this.#last.next = delim;
    this.#last = delim;
    return end;
  }

  #remove(d: Delim): void {
    if (d.prev) d.prev.next = d.next;
    if (d.next) d.next.prev = d.prev;
    if (this.#last === d) this.#last = d.prev;
  }

  /** CommonMark's "process emphasis" over the delimiters above `bottom`. */
  #emphasis(bottom: Delim | undefined): void {
    const openersBottom = new Map<string, Delim | undefined>();
    let closer = bottom ? bottom.next : this.#first(bottom);
    while (closer) {
      if (!closer.close) {
        closer = closer.next;
        continue;
      }
      const key = `${closer.ch}${closer.open ? 1 : 0}${closer.orig % 3}${closer.ch === '~' ? closer.n : ''}`;
      const floor = openersBottom.has(key) ? openersBottom.get(key) : bottom;
      let opener = closer.prev;
      while (opener && opener !== floor && opener !== bottom) {
        const oddMatch =
          (opener.close || closer.open) && (opener.orig + closer.orig) % 3 === 0 && !(opener.orig % 3 === 0 && closer.orig % 3 === 0);
        if (opener.ch === closer.ch && opener.open && (closer.ch === '~' ? opener.n === closer.n : !oddMatch)) break;
        opener = opener.prev;
      }
      if (opener && opener !== floor && opener !== bottom) {
        const use = closer.ch === '~' ? closer.n : closer.n >= 2 && opener.n >= 2 ? 2 : 1;
        const tag = closer.ch === '~' ? 'del' : use === 2 ? 'strong' : 'em';
        opener.n -= use;
        closer.n -= use;
        opener.after = `<${tag}>${opener.after}`;
        closer.before += `</${tag}>`;
        for (const d of [opener, closer]) {
          const rest = d.ch.repeat(d.n);
          d.piece.h = d.before + rest + d.after;
          d.piece.t = rest;
        }
        for (let d = opener.next; d && d !== closer; d = d.next) this.#remove(d);
        opener.next = closer;
        closer.prev = opener;
        if (!opener.n) this.#remove(opener);
        if (!closer.n) {
          const next = closer.next;
          this.#remove(closer);
          closer = next;
        }
      } else {
        openersBottom.set(key, closer.prev);
        const next = closer.next;
        if (!closer.open) this.#remove(closer);
        closer = next;
      }
    }
    // What is left above the bottom is literal text.
    while (this.#last && this.#last !== bottom) this.#remove(this.#last);
  }

  #first(bottom: Delim | undefined): Delim | undefined {
    let d = this.#last;
    while (d?.prev && d.prev !== bottom) d = d.prev;
    return d;
  }

  #closeBracket(i: number): number {
    const s = this.src;
    const opener = this.#brackets.pop();
    if (!opener || (!opener.image && opener.id <= this.#linkBarrier)) {
      this.#text += ']';
      return i + 1;
    }
    let link: Link | undefined;
    let end = i + 1;
    if (s[end] === '(') {
      const inline = this.#inlineLink(end + 1);
      if (inline) [link, end] = inline;
    }
    if (!link) {
      // [text][label], [text][] or [text], with a definition for the label.
      const ref = /\[((?:[^\\[\]]|\\.){0,999})\]/y;
      ref.lastIndex = i + 1;
      const full = ref.exec(s);
      end = full ? ref.lastIndex : i + 1;
      const key = full?.[1] ? full[1] : i - opener.start <= 999 ? s.slice(opener.start, i) : '';
      link = this.refs.get(label(key));
      if (!link) {
        this.#text += ']';
        return i + 1;
      }
    }
    this.#emphasis(opener.delim);
    this.#flush();
    const inner = this.#pieces.splice(opener.at);
    inner.shift();
    const h = inner.map((p) => (p.auto ? p.t : p.h)).join('');
    const t = inner.map((p) => p.t).join('');
    const href = cleanUrl(link.href);
    const title = attr('title', link.title);
    if (href === undefined) this.#push(h, t);
    else if (opener.image) this.#push(`<img src="${escapeText(href)}" alt="${t}"${title}>`, t);
    else {
      this.#push(`<a href="${escapeText(href)}"${title}>${h}</a>`, t);
      // Links may not contain links: earlier `[` openers can no longer make one.
      this.#linkBarrier = opener.id;
    }
    return end;
  }

  /** `(destination "title")` starting after the `(`; returns the link and the index after `)`. */
  #inlineLink(i: number): [Link, number] | undefined {
    const s = this.src;
    const ws = /[ \t]*\n?[ \t]*/y;
    const skip = (at: number) => {
      ws.lastIndex = at;
      ws.exec(s);
      return ws.lastIndex;
    };
    i = skip(i);
    let href = '';
    if (s[i] === '<') {
      const m = /<((?:[^\\<>\n]|\\.)*)>/y;
      m.lastIndex = i;
      const dest = m.exec(s);
      if (!dest) return undefined;
      href = dest[1] ?? '';
      i = m.lastIndex;
    } else {
      let depth = 0;
      const start = i;
      for (; i < s.length; i += 1) {
        const ch = s[i] ?? '';
        if (ch === '\\' && /[!-/:-@[-`{-~]/.test(s[i + 1] ?? '')) i += 1;
        else if (ch === '(') {
          if ((depth += 1) > 32) return undefined;
        } else if (ch === ')') {
          if (!depth) break;
          depth -= 1;
        } else if (ch <= ' ') break;
      }
      if (depth) return undefined;
      href = s.slice(start, i);
    }
    const afterDest = i;
    i = skip(i);
    let title: string | undefined;
    if (i > afterDest && /["'(]/.test(s[i] ?? '')) {
      const quoted = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\(((?:[^()\\]|\\.)*)\)/y;
      quoted.lastIndex = i;
      const m = quoted.exec(s);
      if (m) {
        title = unescape(m[1] ?? m[2] ?? m[3] ?? '');
        i = skip(quoted.lastIndex);
      }
    }
    if (s[i] !== ')') return undefined;
    return [{ href: unescape(href), title }, i + 1];
  }

  /** `<` starts an autolink, an HTML tag (kept in articles, shown as typed in messages) or is text. */
  #angle(i: number): number {
    const s = this.src;
    AUTOLINK.lastIndex = i;
    const auto = AUTOLINK.exec(s);
    if (auto) {
      const target = auto[1] ?? auto[2] ?? '';
      this.#autolink(auto[1] ? target : `mailto:${target}`, target);
      return AUTOLINK.lastIndex;
    }
    const end = tagEnd(s, i, this.#misses);
    if (end < 0) {
      this.#text += '<';
      return i + 1;
    }
    const tag = s.slice(i, end);
    if (this.options.html) this.#push(tag, escapeHtml(tag));
    else this.#push(escapeHtml(tag), escapeHtml(tag));
    return end;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderBlocks(blocks: Block[], refs: Map<string, Link>, options: MarkdownOptions, tight = false): string {
  const inline = (text: string) => new InlineParser(text, refs, options).render();
  let out = '';
  for (const b of blocks) {
    switch (b.k) {
      case 'p':
        out += tight ? inline(b.text) : `<p>${inline(b.text)}</p>\n`;
        break;
      case 'h':
        out += `<h${b.level}>${inline(b.text)}</h${b.level}>\n`;
        break;
      case 'code':
        out += `<pre><code${b.lang ? ` class="language-${escapeText(b.lang)}"` : ''}>${escapeHtml(b.text)}</code></pre>\n`;
        break;
      case 'html':
        // Messages show raw HTML as typed, line breaks kept.
        out += options.html ? `${b.text}\n` : `<p>${escapeHtml(b.text.trimEnd()).replace(/\n/g, '<br>')}</p>\n`;
        break;
      case 'hr':
        out += '<hr>\n';
        break;
      case 'quote':
        out += `<blockquote>\n${renderBlocks(b.kids, refs, options)}</blockquote>\n`;
        break;
      case 'list': {
        const tag = b.start === undefined ? 'ul' : 'ol';
        out += `<${tag}${b.start === undefined || b.start === 1 ? '' : ` start="${b.start}"`}>\n`;
        for (const item of b.items) {
          const box = item.task === undefined ? '' : item.task ? '\u2611 ' : '\u2610 ';
          let body = renderBlocks(item.kids, refs, options, !b.loose);
          if (box) body = b.loose && item.kids[0]?.k === 'p' ? body.replace('<p>', `<p>${box}`) : box + body;
          out += `<li>${body}</li>\n`;
        }
        out += `</${tag}>\n`;
        break;
      }
      case 'table': {
        const row = (cellsOf: string[], tag: string) =>
          `<tr>\n${cellsOf.map((c, n) => `<${tag}${attr('align', b.align[n] || undefined)}>${inline(c)}</${tag}>\n`).join('')}</tr>\n`;
        const body = b.rows.map((r) => row(r, 'td')).join('');
        out += `<table>\n<thead>\n${row(b.head, 'th')}</thead>\n${body ? `<tbody>${body}</tbody>\n` : ''}</table>\n`;
        break;
      }
    }
  }
  return out;
}

/** Renders markdown to an HTML string. The caller sanitizes it. */
export function markdown(source: string, options: MarkdownOptions): string {
  // CommonMark: NUL becomes U+FFFD.
  const lines = source.replace(/\r\n?/g, '\n').split('\0').join('\uFFFD').split('\n');
  const parser = new BlockParser();
  const { blocks } = parser.parse(lines, 0);
  return renderBlocks(blocks, parser.refs, options);
}
