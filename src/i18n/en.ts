import type { appEn } from './en/app.js';
import type { kbEn } from './en/kb.js';
import type { loginEn } from './en/login.js';
import type { membersEn } from './en/members.js';
import type { threadEn } from './en/thread.js';
import type { ticketFormEn } from './en/ticket-form.js';
import type { ticketListEn } from './en/ticket-list.js';
import type { ticketEn } from './en/ticket.js';

/**
 * The English strings every element needs (common words, failures, times). Keys are stable ids; a
 * value is a string with `{name}` placeholders, or plural forms chosen by `Intl.PluralRules` for
 * the `count` parameter. Each element's own strings live in `./en/<element>.ts` and travel with
 * the element's code (its `static strings`), so a page loads only the words of the elements on
 * it. Other languages provide every key of all of them (`MessageKey`).
 */
export const en = {
  'common.retry': 'Try again',
  'common.loading': 'Loading…',
  'common.cancel': 'Cancel',
  'common.signIn': 'Sign in',
  'common.signInAgain': 'Your session has ended. Sign in again to continue; nothing you typed is lost.',
  'common.signedOut': 'Sign in to see this.',
  'common.sending': 'Sending…',
  'error.network': 'Can’t reach the support server. Check your connection and try again.',
  'error.timeout': 'The support server took too long to answer. Try again.',
  'error.server': 'Something went wrong on our side. Try again in a moment.',
  'error.forbidden': 'You don’t have access to this. Ask your team’s admin if you need it.',
  'error.notFound': 'This could not be found. It may have been removed.',
  'error.rateLimited': {
    one: 'Too many requests. Try again in {count} second.',
    other: 'Too many requests. Try again in {count} seconds.',
  },
  'error.rateLimitedNoWait': 'Too many requests. Try again in a moment.',
  'error.validation': 'Some fields need attention.',
  'error.unknown': 'Something went wrong. Try again.',
  'provider.configError': 'The support portal could not load its settings.',
  'time.justNow': 'just now',
} as const satisfies Catalogue;

/** A message: plain, or plural forms keyed by `Intl.PluralRules` category (`other` required). */
export type MessageValue = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
export type Catalogue = Record<string, MessageValue>;
/** Every key of the library: the core strings and each element's. */
export type MessageKey =
  | keyof typeof en
  | keyof typeof loginEn
  | keyof typeof ticketEn
  | keyof typeof ticketListEn
  | keyof typeof ticketFormEn
  | keyof typeof threadEn
  | keyof typeof membersEn
  | keyof typeof kbEn
  | keyof typeof appEn;
