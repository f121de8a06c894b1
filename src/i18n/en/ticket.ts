import type { Catalogue } from '../en.js';

/** English strings for status, priority and field words shared by the ticket list and the thread. Spread into the catalogue in `../en.ts`. */
export const ticketEn = {
} as const satisfies Catalogue;
