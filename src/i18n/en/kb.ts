import type { Catalogue } from '../en.js';

/** English strings for <portal-kb-search>. Spread into the catalogue in `../en.ts`. */
export const kbEn = {
} as const satisfies Catalogue;
