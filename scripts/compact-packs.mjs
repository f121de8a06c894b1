// A Vite plugin for both builds (npm and CDN): ships each translation pack (src/i18n/<lang>.ts
// other than en) without its keys, in the compact form of scripts/pack-format.mjs. The source
// stays keyed and type-checked; only the built module changes. src/i18n/localize.ts reads both
// forms. The English sections (src/i18n/en.ts, src/i18n/en/*.ts) give the order of the values.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { normalizePath, transformWithOxc } from 'vite';
import { compactPack } from './pack-format.mjs';

/**
 * The exports of a module holding only data (TypeScript allowed, imports only of types), run in
 * Node as the browser would run it.
 */
export async function evaluate(code, file) {
  const { code: js } = await transformWithOxc(code, file);
  if (/^\s*import\s/m.test(js)) throw new Error(`${file}: a translation or English section must import nothing at run time`);
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The English sections, the core first, each an object with its keys in source order. */
export async function englishSections(dir) {
  const files = [
    join(dir, 'en.ts'),
    ...readdirSync(join(dir, 'en'))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => join(dir, 'en', name)),
  ];
  const sections = [];
  for (const file of files) {
    const exports = await evaluate(readFileSync(file, 'utf8'), file);
    sections.push(...Object.values(exports).filter(isObject));
  }
  return { files, sections };
}

/**
 * The module text of the pack `lang` whose (keyed) source is `code`, in compact form.
 * @returns {Promise<{ code: string, stray: string[] }>}
 */
export async function compactPackModule(code, file, lang, sections) {
  const exports = await evaluate(code, file);
  const others = Object.keys(exports).filter((name) => name !== lang);
  if (!isObject(exports[lang]) || others.length) {
    throw new Error(`${file}: a translation exports exactly one object, named "${lang}" (found ${Object.keys(exports).join(', ') || 'nothing'})`);
  }
  return compactPack(lang, exports[lang], sections);
}

/**
 * @param {{ dir: string }} options `dir`: the absolute path of src/i18n
 */
export function compactPacksPlugin({ dir }) {
  // Vite's module ids use forward slashes on every system; so must the comparison.
  const packDir = normalizePath(dir);
  let sections = [];
  return {
    name: 'portal:compact-packs',
    async buildStart() {
      const found = await englishSections(dir);
      for (const file of found.files) this.addWatchFile(file);
      sections = found.sections;
    },
    async transform(code, id) {
      const file = normalizePath(id.split('?')[0]);
      const lang = basename(file, '.ts');
      if (dirname(file) !== packDir || !file.endsWith('.ts') || !/^[a-z]{2,3}$/.test(lang) || lang === 'en') return null;
      const compact = await compactPackModule(code, file, lang, sections);
      if (compact.stray.length) this.warn(`${file}: keys in no English section, shipped with their keys: ${compact.stray.join(', ')}`);
      // The values move; no mapping back to the keyed source.
      return { code: compact.code, map: { mappings: '' } };
    },
  };
}
