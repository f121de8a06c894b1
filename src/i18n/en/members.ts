import type { Catalogue } from '../en.js';

/** English strings for <portal-members>. Spread into the catalogue in `../en.ts`. */
export const membersEn = {
} as const satisfies Catalogue;
