// A Vite plugin for the CDN build: collapses the whitespace and comments inside Lit's `html` and
// `css` tagged templates, which the JavaScript minifier leaves alone (they are strings to it).
// Only the static parts change; `${…}` expressions are kept byte for byte.
//   html: runs of whitespace become one space (HTML renders them alike), except in templates
//         holding <pre> or a <textarea> with text inside, which are left as written.
//   css:  comments go, runs of whitespace become one space, and spaces around { } ; , and after :
//         go.

/** Index just after the `}` closing an expression that starts at `i` (after `${`). */
export function skipExpression(source, i) {
  let depth = 1;
  while (i < source.length && depth > 0) {
    const c = source[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === "'" || c === '"') i = skipString(source, i, c);
    else if (c === '`') i = skipTemplate(source, i);
    else if (c === '/' && source[i + 1] === '/') i = source.indexOf('\n', i);
    else if (c === '/' && source[i + 1] === '*') i = source.indexOf('*/', i) + 1;
    else if (c === '/' && isRegexStart(source, i)) i = skipRegex(source, i);
    i++;
  }
  return i;
}

const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_AFTER_WORD = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;

/** Whether the `/` at `i` starts a regular expression literal (not a division). */
function isRegexStart(source, i) {
  let j = i - 1;
  while (j >= 0 && /\s/.test(source[j])) j--;
  if (j < 0) return true;
  return REGEX_AFTER.has(source[j]) || REGEX_AFTER_WORD.test(source.slice(Math.max(0, j - 10), j + 1));
}

/** Index of the closing `/` of a regular expression literal starting at `i`. */
function skipRegex(source, i) {
  i++;
  let inClass = false;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i;
    else if (c === '\n') return i;
    i++;
  }
  return i;
}

function skipString(source, i, quote) {
  i++;
  while (i < source.length && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
  return i;
}

/** Index of the closing backtick of a template starting at `i`. */
function skipTemplate(source, i) {
  i++;
  while (i < source.length && source[i] !== '`') {
    if (source[i] === '\\') i += 2;
    else if (source[i] === '$' && source[i + 1] === '{') i = skipExpression(source, i + 2);
    else i++;
  }
  return i;
}

function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

function minifyHtml(text) {
  // An empty <textarea> stays empty (its content is its default value).
  return text.replace(/\s+/g, ' ').replace(/> <\/textarea>/g, '></textarea>');
}

/** Minifies one tagged template whose body runs from `start` to the closing backtick at `end`. */
function minifyTemplate(kind, source, start, end) {
  const pieces = [];
  let i = start;
  let text = '';
  while (i < end) {
    if (source[i] === '\\') {
      text += source.slice(i, i + 2);
      i += 2;
    } else if (source[i] === '$' && source[i + 1] === '{') {
      const close = skipExpression(source, i + 2);
      pieces.push({ text }, { expression: minifyTemplates(source.slice(i, close)) });
      text = '';
      i = close;
    } else {
      text += source[i++];
    }
  }
  pieces.push({ text });
  const statics = pieces.filter((piece) => 'text' in piece).map((piece) => piece.text).join('');
  // Whitespace is content in <pre>, and in a <textarea> written with text inside.
  const keep = kind === 'html' && (/<pre\b/i.test(statics) || /<textarea\b[^>]*>[^<]*\S[^<]*<\/textarea>/i.test(statics));
  return pieces
    .map((piece) => ('expression' in piece ? piece.expression : keep ? piece.text : kind === 'css' ? minifyCss(piece.text) : minifyHtml(piece.text)))
    .join('');
}

/**
 * Returns `source` with every html`…` and css`…` template's static parts minified, including
 * templates nested in expressions. Comments, strings and other template literals are copied as
 * they are.
 */
export function minifyTemplates(source) {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '/' && source[i + 1] === '*') {
      const stop = source.indexOf('*/', i + 2) + 2;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      const stop = skipString(source, i, c) + 1;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '/' && isRegexStart(source, i)) {
      const stop = skipRegex(source, i) + 1;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '`') {
      const end = skipTemplate(source, i);
      const tag = /\b(html|css)\s*$/.exec(source.slice(Math.max(0, i - 8), i))?.[1];
      out += tag ? `\`${minifyTemplate(tag, source, i + 1, end)}\`` : source.slice(i, end + 1);
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The Vite plugin: minifies templates in the library's own TypeScript sources. */
export function minifyTemplatesPlugin() {
  return {
    name: 'portal:minify-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || id.includes('/src/mocks/')) return null;
      if (!/\b(html|css)`/.test(code)) return null;
      return { code: minifyTemplates(code), map: null };
    },
  };
}
