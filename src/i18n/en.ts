import { kbEn } from './en/kb.js';
import { membersEn } from './en/members.js';
import { threadEn } from './en/thread.js';
import { ticketFormEn } from './en/ticket-form.js';
import { ticketListEn } from './en/ticket-list.js';
import { ticketEn } from './en/ticket.js';

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
  'login.heading': 'Sign in to {portal}',
  'login.signupHeading': 'Create your {portal} account',
  'login.codeHeading': 'Check your email for a code',
  'login.inboxHeading': 'Check your inbox',
  'login.signedInHeading': 'You’re signed in',
  'login.expired': 'Your session has ended. Sign in again to continue; nothing you typed is lost.',
  'login.emailLabel': 'Work email',
  'login.nameLabel': 'Your name',
  'login.codeLabel': 'Sign-in code',
  'login.codeHint': {
    one: 'Enter the {count}-digit code. It signs you in as soon as it’s complete.',
    other: 'Enter the {count}-digit code. It signs you in as soon as it’s complete.',
  },
  'login.sendCode': 'Email me a sign-in code',
  'login.sendLink': 'Email me a sign-in link',
  'login.createAccount': 'Create account',
  'login.verify': 'Sign in',
  'login.or': 'or',
  'login.ssoWith': 'Continue with {provider}',
  'login.ssoLoading': 'Loading other ways to sign in…',
  'login.ssoError': 'Other ways to sign in could not be loaded.',
  'login.signupPrompt': 'New here?',
  'login.signupLink': 'Create an account',
  'login.signinPrompt': 'Already have an account?',
  'login.signinLink': 'Sign in',
  'login.codeSent': 'We sent a code to {email}. It may take a minute to arrive.',
  'login.codeSentAnnounce': 'Code sent to {email}.',
  'login.linkSent': 'If {email} can sign in here, a sign-in link is on its way. Open it on this device to finish signing in.',
  'login.linkSentAnnounce': 'Sign-in link sent to {email}.',
  'login.resend': 'Send a new code',
  'login.resendLink': 'Send the link again',
  'login.resendIn': {
    one: 'Send again in {count} second',
    other: 'Send again in {count} seconds',
  },
  'login.resent': 'A new email is on its way.',
  'login.differentEmail': 'Use a different email',
  'login.sending': 'Sending…',
  'login.verifying': 'Signing you in…',
  'login.exchanging': 'Signing you in…',
  'login.signedInAs': 'Signed in as {name}.',
  'login.signedOutAnnounce': 'You’re signed out.',
  'login.signOut': 'Sign out',
  'login.signingOut': 'Signing out…',
  'login.accountPrefix': 'Account:',
  'login.accountDetails': 'Account details',
  'login.organization': 'Organization',
  'login.role': 'Role',
  'login.email': 'Email',
  'login.role.customer': 'Customer',
  'login.role.customer_admin': 'Customer admin',
  'login.error.emailInvalid': 'Enter an email address like name@company.com.',
  'login.error.nameRequired': 'Enter your name.',
  'login.error.codeIncomplete': {
    one: 'Enter all {count} digit of the code.',
    other: 'Enter all {count} digits of the code.',
  },
  'login.error.codeWrong': 'That code isn’t right. Check the email and try again.',
  'login.error.codeExpired': 'That code has expired. Send a new one below.',
  'login.error.tooManyAttempts': {
    one: 'Too many wrong codes. Try again in {count} minute, or send a new code then.',
    other: 'Too many wrong codes. Try again in {count} minutes, or send a new code then.',
  },
  'login.error.linkExpired': 'This sign-in link has expired. Enter your email to get a new one.',
  'login.error.linkUsed': 'This sign-in link was already used. Enter your email to get a new one.',
  'login.error.linkInvalid': 'This sign-in link isn’t valid. Enter your email to get a new one.',
  'login.error.identity': 'Your site account could not sign you in to support. Sign in with your email instead.',
  'login.error.unauthorized': 'You aren’t allowed to sign in here. Check the email address or ask your team’s admin.',
  'login.error.noMethods': 'Signing in isn’t available for this portal right now.',
  'provider.configError': 'The support portal could not load its settings.',
  'time.justNow': 'just now',
  // Each element's strings live in its own file, so elements are written side by side.
  ...ticketEn,
  ...ticketListEn,
  ...ticketFormEn,
  ...threadEn,
  ...membersEn,
  ...kbEn,
} as const satisfies Catalogue;

/** A message: plain, or plural forms keyed by `Intl.PluralRules` category (`other` required). */
export type MessageValue = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);
export type Catalogue = Record<string, MessageValue>;
export type MessageKey = keyof typeof en;
