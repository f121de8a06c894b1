#!/usr/bin/env node
// Generates src/api/contract.gen.ts from src/api/openapi.yaml with openapi-typescript.
// `--check` regenerates in memory and fails when the committed file is stale.
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { writeGenerated } from './shared.mjs';

const specUrl = new URL('../src/api/openapi.yaml', import.meta.url);
const outPath = fileURLToPath(new URL('../src/api/contract.gen.ts', import.meta.url));
const header = `// Generated from src/api/openapi.yaml by \`npm run api:types\`. Do not edit by hand.\n/* eslint-disable */\n\n`;

const ast = await openapiTS(specUrl, { alphabetize: false, immutable: false, exportType: false });
const source = header + astToString(ast);

writeGenerated(outPath, source, process.argv.includes('--check'), {
  stale: 'src/api/contract.gen.ts is stale: run `npm run api:types` and commit the result.',
  fresh: 'Contract types are up to date with src/api/openapi.yaml.',
  wrote: `Wrote ${outPath}`,
});
