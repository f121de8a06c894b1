#!/usr/bin/env node
// `npm run check:i18n`: fails when an element shows words that are not in the catalogue, or when
// the English catalogue holds a string no code uses (every translation would carry it too).
// It reads every element's source (src/elements/**, src/base/**, src/controllers/**), finds the
// static parts of its Lit `html` templates, and reports any text between tags, or any value of a
// user-facing attribute (aria-label, title, placeholder, alt, aria-description, label), that
// contains a letter: such text must come from `this.localize.t(...)` instead.
// Translated catalogues (src/i18n/<lang>.ts other than en) are checked by test/localize.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { englishSections } from './compact-packs.mjs';
import { skipExpression } from './minify-templates.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIRS = ['src/elements', 'src/base', 'src/controllers'];
const SKIP = /(\.styles\.ts|define\.ts|events\.ts)$/;
const ATTRIBUTES = /\s(aria-label|aria-description|aria-roledescription|title|placeholder|alt|label)="([^"]*)"/g;
const LETTER = /\p{L}/u;

/** Every .ts file under `dir`, but those `skip` matches (`null`: none). */
function files(dir, skip = SKIP) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, skip));
    else if (path.endsWith('.ts') && !skip?.test(path)) out.push(path);
  }
  return out;
}

/**
 * Every html`…` template in `source`, as its static text with each `${…}` expression replaced
 * by U+0000, and the line it starts on. Expressions may hold nested templates, strings and
 * braces; they are skipped (nested templates are found by the outer scan on their own).
 */
function templates(source) {
  const found = [];
  const find = /\b(?:html|svg)`/g;
  let match;
  while ((match = find.exec(source))) {
    let i = match.index + match[0].length;
    let text = '';
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source[i + 1];
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        text += '\0';
        i = skipExpression(source, i + 2);
      } else {
        text += source[i++];
      }
    }
    found.push({ text, line: source.slice(0, match.index).split('\n').length });
    // Continue inside the template too, so nested templates in its expressions are checked.
    find.lastIndex = match.index + match[0].length;
  }
  return found;
}

/** Splits a template's text into text runs between tags, and the inside of each tag. */
function scan(text) {
  const runs = [];
  const tags = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    runs.push(text.slice(i, open === -1 ? text.length : open));
    if (open === -1) break;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open);
      i = close === -1 ? text.length : close + 3;
      continue;
    }
    let j = open + 1;
    let quote = '';
    while (j < text.length && (quote || text[j] !== '>')) {
      if (quote && text[j] === quote) quote = '';
      else if (!quote && (text[j] === '"' || text[j] === "'")) quote = text[j];
      j++;
    }
    tags.push(text.slice(open + 1, j));
    i = j + 1;
  }
  return { runs, tags };
}

const problems = [];
for (const dir of DIRS) {
  for (const file of files(join(root, dir))) {
    const source = readFileSync(file, 'utf8');
    for (const { text, line } of templates(source)) {
      const where = `${relative(root, file)}:${line}`;
      const { runs, tags } = scan(text);
      for (const run of runs) {
        for (const piece of run.split('\0')) {
          if (LETTER.test(piece)) problems.push(`${where}: text "${piece.trim()}"`);
        }
      }
      for (const tag of tags) {
        for (const [, name, value] of tag.matchAll(ATTRIBUTES)) {
          if (value.split('\0').some((piece) => LETTER.test(piece))) problems.push(`${where}: ${name}="${value.replaceAll('\0', '${…}')}"`);
        }
      }
    }
  }
}

// Unused strings: a key counts as used when the code (outside src/i18n, but with localize.ts, and
// outside src/mocks) names it in quotes, or a template literal that starts with a section (`ticket.status.${s}`)
// can produce it.
const keys = (await englishSections(join(root, 'src/i18n'))).sections.flatMap((section) => Object.keys(section));
const code = files(join(root, 'src'), null)
  .filter((file) => !/[\\/]src[\\/](?:i18n|mocks)[\\/]/.test(file) || file.endsWith('localize.ts'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const named = new Set([...code.matchAll(/(['"`])([\w.-]+)\1/g)].map((m) => m[2]));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const built = [...code.matchAll(/`([\w-]+\.[^`]*\$\{[^`]*)`/g)].map(
  (m) => new RegExp(`^${m[1].split(/\$\{[^}]*\}/).map(escape).join('[\\w.-]+')}$`),
);
const unused = keys.filter((key) => !named.has(key) && !built.some((pattern) => pattern.test(key)));
if (unused.length) problems.push(...unused.map((key) => `English string "${key}" is used nowhere: remove it from src/i18n (en and every translation)`));

if (problems.length) {
  console.error(`Text in templates that is not from the catalogue (use this.localize.t), or unused strings:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Every word in element templates comes from the catalogue, and all ${keys.length} English strings are used.`);
