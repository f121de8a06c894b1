import type { Catalogue } from '../en.js';

/** English strings for <portal-ticket-list>. Spread into the catalogue in `../en.ts`. */
export const ticketListEn = {
} as const satisfies Catalogue;
