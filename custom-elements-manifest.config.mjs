// `npm run analyze` writes custom-elements.json from the JSDoc of src/ (`@summary`, `@tag`,
// `@slot`, `@csspart`, `@cssprop`, `@fires`). The mock backend and generated types are not part
// of the element API.
export default {
  globs: ['src/**/*.ts'],
  // src/react is generated from the manifest (npm run react:gen), so it is not read back into it.
  exclude: ['src/mocks/**', 'src/api/contract.gen.ts', 'src/cdn/**', 'src/react/**', 'src/**/*.test.ts'],
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  packagejson: false,
  quiet: true,
  plugins: [
    {
      // The analyzer lists modules in the order its file reads finish, which varies from run to
      // run; sorted by path, the manifest is the same for the same code, so analyze:check is stable.
      name: 'portal:sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
