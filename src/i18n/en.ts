/**
 * The English catalogue: every user-visible string of the library. Keys are stable ids; a value
 * is a string with `{name}` placeholders, or plural forms chosen by `Intl.PluralRules` for the
 * `count` parameter. Other languages provide the same keys.
 */
export const en = {
  'common.retry': 'Try again',
  'common.loading': 'Loading…',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.signIn': 'Sign in',
  'common.signInAgain': 'Your session has ended. Sign in again to continue; nothing you typed is lost.',
  'common.signedOut': 'Sign in to see this.',
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
export type MessageKey = keyof typeof en;
