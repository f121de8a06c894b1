import type { SessionState } from './context/session-store.js';

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
