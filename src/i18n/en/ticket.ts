import type { Catalogue } from '../en.js';

/** English strings for status, priority and field words shared by the ticket list and the thread. The element lists it in its `static strings`. */
export const ticketEn = {
} as const satisfies Catalogue;
