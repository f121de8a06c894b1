import type { Catalogue } from '../en.js';

/** English strings for <portal-app>. The element lists it in its `static strings`. */
export const appEn = {
  'app.nav': 'Support',
  'app.view.help': 'Help center',
  'app.view.tickets': 'My tickets',
  'app.view.new': 'New ticket',
  'app.view.ticket': 'Ticket',
  'app.view.team': 'Team',
  'app.view.signIn': 'Sign in',
} as const satisfies Catalogue;
