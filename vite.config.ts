// Two library builds, chosen by `--mode`:
// - `npm` (default): dist/ for bundlers: one file per public entry, dependencies external.
// - `cdn`: dist/cdn/ for a plain <script type="module">: the lazy loader entry, every dependency
//   bundled, one chunk per element plus shared chunks, minified, Lit in production mode.
// In both, each translation (src/i18n/<lang>.ts) ships without its keys: scripts/compact-packs.mjs.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { compactPacksPlugin } from './scripts/compact-packs.mjs';
import { minifyTemplatesPlugin } from './scripts/minify-templates.mjs';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const src = (path: string): string => resolve(root, 'src', path);

/** Public define modules: tag → source. The npm build writes dist/elements/<tag>.js for each. */
export const defineModules: Record<string, string> = {
  'portal-provider': src('elements/provider/define.ts'),
  'portal-login': src('elements/login/define.ts'),
  'portal-ticket-form': src('elements/ticket-form/define.ts'),
  'portal-members': src('elements/members/define.ts'),
  'portal-kb-search': src('elements/kb-search/define.ts'),
  'portal-thread': src('elements/thread/define.ts'),
  'portal-ticket-list': src('elements/ticket-list/define.ts'),
  'portal-app': src('elements/app/define.ts'),
};

const dependencies = Object.keys(pkg.dependencies);
const isExternal = (id: string): boolean =>
  [...dependencies, 'msw', 'react', 'react-dom'].some((dep) => id === dep || id.startsWith(`${dep}/`));

/**
 * The CDN build's `core` chunk: what every element page loads anyway (Lit, context, the client,
 * session and config stores, the base element and shared styles, the provider's class) plus the
 * small Lit directives, @lit/task and the markdown stub that most elements use. Left to itself,
 * Rolldown splits these into eleven files of 0.1–10 KB; each file costs its own gzip header and
 * dictionary, so one chunk is about 3.5 KB smaller in all and every element page lighter, except a
 * page with only <portal-app>, which gains 0.7 KB (its first view loads most of it anyway). The
 * markdown renderer and sanitizer stay in the chunk that loads on first render. The cost: a page
 * that calls the loader's `configure()` or `renderMarkdown()` without any element loads `core` too
 * (19 KB); keeping the markdown stub out of it was measured at +0.4 KB in all. Only the packages
 * named here go to `core`, so a dependency added later for one element or for markdown stays out
 * of every page's download.
 */
const isCore = (id: string): boolean =>
  /[\\/]node_modules[\\/](?:lit|lit-html|lit-element|@lit[\\/](?:reactive-element|context|task))[\\/]/.test(id) ||
  /[\\/]src[\\/](context[\\/]|api[\\/](errors|rest-client)\.ts$|events\.ts$|i18n[\\/](en|localize)\.ts$|theme[\\/]|base[\\/]portal-element\.ts$|markdown[\\/]index\.ts$|elements[\\/]provider[\\/]provider\.ts$)/.test(id);

/**
 * The CDN build's element chunks. Elements that work together travel together:
 * - `tickets`: <portal-ticket-list>, <portal-ticket-form> and <portal-thread>, with what they share
 *   (the ticket display, field inputs, the markdown editor, uploads, drafts, polling, URL state)
 *   and their English strings;
 * - `account`: <portal-login> and <portal-members>, with their English strings;
 * - <portal-kb-search> and <portal-app> keep a chunk each, so a help-center page with only
 *   <portal-kb-search> loads neither the ticket nor the account code (scripts/size.mjs fails if it
 *   would load ticket or team code).
 * One chunk per element came to 95.1 KB for all files (with the largest translation), over issue
 * #2's 90 KB: each chunk pays gzip again for what it shares with the others. Grouped: 89.1 KB (89.3 with
 * later additions). The
 * price is paid by a page with only one ticket element (51 KB instead of 32–41) or a header sign-in
 * beside a ticket list (66 KB instead of 41); the README's "Size" section has the measured
 * alternatives. Bundler users (the npm build) still import exactly the elements they use.
 * A group takes in every module its elements import that no other group or `core` claims, even one
 * another element also uses: a helper shared by kb-search and the thread would drag the whole
 * `tickets` chunk onto the help-center page. Such a helper belongs in `isCore` or in a group of its
 * own; `npm run size` fails, naming the chunk and its modules, if a kb-search page would load
 * ticket or team code, and the page budgets catch the rest.
 */
const elementGroups = [
  {
    name: 'tickets',
    test: /[\\/]src[\\/](elements[\\/](ticket-list|ticket-form|thread)[\\/]|controllers[\\/]|base[\\/](ticket-display|field-input|markdown-editor)\.ts$|i18n[\\/]en[\\/](ticket|ticket-list|ticket-form|thread)\.ts$)/,
  },
  { name: 'account', test: /[\\/]src[\\/](elements[\\/](login|members)[\\/]|i18n[\\/]en[\\/](login|members)\.ts$)/ },
];

export default defineConfig(({ mode }) => {
  // Both builds ship the translations without their keys (scripts/pack-format.mjs).
  const packs = compactPacksPlugin({ dir: src('i18n') });
  if (mode === 'cdn') {
    return {
      plugins: [minifyTemplatesPlugin(), packs],
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: true,
        // Read by scripts/size.mjs to follow each element's imports.
        manifest: true,
        target: 'es2022',
        sourcemap: true,
        lib: { entry: { 'portal-elements': src('cdn/loader.ts') }, formats: ['es'] },
        rolldownOptions: {
          output: {
            minify: true,
            // Only annotation comments (/* @__PURE__ */) were left after minifying; they do nothing
            // for a browser.
            comments: false,
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            codeSplitting: { groups: [{ name: 'core', test: isCore }, ...elementGroups] },
          },
        },
      },
    };
  }
  return {
    plugins: [packs],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      lib: {
        entry: {
          index: src('index.ts'),
          'portal-elements': src('portal-elements.ts'),
          api: src('api/index.ts'),
          react: src('react/index.ts'),
          mocks: src('mocks/index.ts'),
          ...Object.fromEntries(Object.entries(defineModules).map(([tag, file]) => [`elements/${tag}`, file])),
        },
        formats: ['es'],
      },
      rolldownOptions: {
        external: isExternal,
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  };
});
