import type { Catalogue } from '../en.js';

/** English strings for <portal-thread>. Spread into the catalogue in `../en.ts`. */
export const threadEn = {
} as const satisfies Catalogue;
