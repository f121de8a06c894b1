import { en } from './en.js';
import { appEn } from './en/app.js';
import { kbEn } from './en/kb.js';
import { loginEn } from './en/login.js';
import { membersEn } from './en/members.js';
import { threadEn } from './en/thread.js';
import { ticketFormEn } from './en/ticket-form.js';
import { ticketListEn } from './en/ticket-list.js';
import { ticketEn } from './en/ticket.js';

/**
 * All English strings in one object, for tools and tests (the key checks of the translations).
 * Elements never import this: each carries its own strings.
 */
export const englishCatalogue = {
  ...en,
  ...loginEn,
  ...ticketEn,
  ...ticketListEn,
  ...ticketFormEn,
  ...threadEn,
  ...membersEn,
  ...kbEn,
  ...appEn,
} as const;
