import type { Catalogue } from '../en.js';

/** English strings for <portal-ticket-list>. The element lists it in its `static strings`. */
export const ticketListEn = {
} as const satisfies Catalogue;
