import type { Catalogue } from '../en.js';

/** English strings for <portal-thread>. The element lists it in its `static strings`. */
export const threadEn = {
} as const satisfies Catalogue;
