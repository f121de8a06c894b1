#!/usr/bin/env node
// After `npm run build`: every path package.json promises exists, the API entry pulls in neither
// Lit nor msw, and the element list agrees everywhere it is written (the CDN loader, the npm
// build's define modules, package.json exports, and the register-everything entry).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { englishSections, evaluate } from './compact-packs.mjs';
import { expandPack } from './pack-format.mjs';
import { loaderElements } from './shared.mjs';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

// 1. Every promised file exists.
const promised = [pkg.main, pkg.module, pkg.types, pkg.customElements];
for (const target of Object.values(pkg.exports)) {
  if (typeof target === 'string') promised.push(target);
  else promised.push(...Object.values(target));
}
for (const path of promised) if (!existsSync(join(root, path))) problems.push(`package.json points at missing ${path}`);

// 2. `portal-elements/api` is usable without Lit, and no library entry reaches msw.
function staticImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"]*?from\s*)?["']([^"']+)["']/g)) {
    if (spec.startsWith('.')) staticImports(normalize(join(dirname(file), spec)), seen);
    else seen.add(`bare:${spec}`);
  }
  return seen;
}
const bare = (entry) => [...staticImports(join(root, entry))].filter((s) => s.startsWith('bare:')).map((s) => s.slice(5));
const apiDeps = bare('dist/api.js');
const litInApi = apiDeps.filter((d) => d === 'lit' || d.startsWith('lit/') || d.startsWith('@lit'));
if (litInApi.length) problems.push(`dist/api.js imports ${litInApi.join(', ')}`);
for (const entry of ['dist/index.js', 'dist/portal-elements.js', 'dist/api.js']) {
  const msw = bare(entry).filter((d) => d === 'msw' || d.startsWith('msw/'));
  if (msw.length) problems.push(`${entry} imports ${msw.join(', ')}`);
}

// 3. One list of elements.
const loaderTags = loaderElements().map((element) => element.tag);
const viteConfig = readFileSync(join(root, 'vite.config.ts'), 'utf8');
const defineBlock = viteConfig.slice(viteConfig.indexOf('defineModules'), viteConfig.indexOf('};', viteConfig.indexOf('defineModules')));
const viteTags = [...defineBlock.matchAll(/'(portal-[a-z-]+)':\s*src\(/g)].map((m) => m[1]);
const exportTags = Object.keys(pkg.exports).flatMap((k) => k.match(/^\.\/elements\/(portal-[a-z-]+)\.js$/)?.[1] ?? []);
const registered = [...readFileSync(join(root, 'src/portal-elements.ts'), 'utf8').matchAll(/import '\.\/elements\/([a-z-]+)\/define\.js'/g)].map((m) => m[1]);
const sorted = (list) => [...list].sort().join(', ');
const lists = { 'src/cdn/loader.ts': loaderTags, 'vite.config.ts defineModules': viteTags, 'package.json exports': exportTags };
for (const [where, tags] of Object.entries(lists)) {
  if (sorted(tags) !== sorted(loaderTags)) problems.push(`${where} lists ${sorted(tags)}; the loader lists ${sorted(loaderTags)}`);
}
if (registered.length !== loaderTags.length) {
  problems.push(`src/portal-elements.ts registers ${registered.length} elements; the loader knows ${loaderTags.length}`);
}

// 4. The translations as both builds ship them (keys dropped, values in the order of the English
// sections, then minified) read back, section by section as src/i18n/localize.ts reads them, to
// exactly the keyed source.
const i18nDir = join(root, 'src/i18n');
const { sections } = await englishSections(i18nDir);
for (const dir of ['dist/chunks', 'dist/cdn/chunks']) {
  const packs = existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((name) => /^(?:ar|de|es|fr|ja)-[\w-]+\.js$/.test(name)) : [];
  if (packs.length !== 5) problems.push(`${dir} holds ${packs.length} translation chunks, not 5`);
  for (const name of packs) {
    const lang = name.slice(0, 2);
    const shipped = (await import(pathToFileURL(join(root, dir, name)).href))[lang];
    const source = (await evaluate(readFileSync(join(i18nDir, `${lang}.ts`), 'utf8'), `${lang}.ts`))[lang];
    const read = expandPack(shipped ?? {}, sections);
    const keyed = Object.keys(shipped ?? {}).filter((key) => !Array.isArray(shipped[key]));
    if (keyed.length) problems.push(`${dir}/${name} still ships ${keyed.length} keyed strings (${keyed.slice(0, 3).join(', ')}…)`);
    const wrong = Object.keys({ ...source, ...read }).filter((key) => JSON.stringify(read[key]) !== JSON.stringify(source[key]));
    if (wrong.length) problems.push(`${dir}/${name} reads back differently from src/i18n/${lang}.ts at ${wrong.slice(0, 5).join(', ')}`);
  }
}

if (problems.length) {
  console.error(`Package check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Package check: ${promised.length} exported paths exist; api entry free of Lit and msw; ${loaderTags.length} elements listed consistently (${loaderTags.join(', ')}); the built translations read back to their source.`);
