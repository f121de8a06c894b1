import type { Catalogue } from '../en.js';

/** English strings for <portal-ticket-form>. Spread into the catalogue in `../en.ts`. */
export const ticketFormEn = {
} as const satisfies Catalogue;
