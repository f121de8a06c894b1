import type { SessionState } from './context/session-store.js';
import type { Me, Organization, User } from './api/types.js';

/**
 * Fired by `<portal-provider>` when the session changes: signed in, signed out, or expired
 * (the server answered 401). A host can route to its sign-in page or update its analytics.
 */
export class PortalSessionChangeEvent extends Event {
  static readonly eventName = 'portal-session-change';
  readonly session: SessionState;

  constructor(session: SessionState) {
    super(PortalSessionChangeEvent.eventName, { bubbles: true, composed: true });
    this.session = session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-session-change': PortalSessionChangeEvent;
  }
}

/**
 * Fired by `<portal-login>` (or `<portal-provider>` for an identity-token sign-in) when someone
 * signed in: `user` and `organization` are who and where.
 */
export class PortalSignedInEvent extends Event {
  static readonly eventName = 'portal-signed-in';
  readonly user: User;
  readonly organization: Organization;

  constructor(me: Me) {
    super(PortalSignedInEvent.eventName, { bubbles: true, composed: true });
    this.user = me.user;
    this.organization = me.organization;
  }
}

/** Fired by `<portal-login>` when the person signed out through it. */
export class PortalSignedOutEvent extends Event {
  static readonly eventName = 'portal-signed-out';

  constructor() {
    super(PortalSignedOutEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired once per expiry by a `<portal-login>` on the page when the server ended the session
 * (401). `user` is who was signed in, when known.
 */
export class PortalSessionExpiredEvent extends Event {
  static readonly eventName = 'portal-session-expired';
  readonly user: User | null;

  constructor(user: User | null) {
    super(PortalSessionExpiredEvent.eventName, { bubbles: true, composed: true });
    this.user = user;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-signed-in': PortalSignedInEvent;
    'portal-signed-out': PortalSignedOutEvent;
    'portal-session-expired': PortalSessionExpiredEvent;
  }
}
