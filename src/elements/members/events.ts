import type { Member } from '../../api/types.js';

/**
 * Fired by `<portal-members>` when the server accepted an invitation: a new one, or one sent
 * again (`resent`). `member` is the invited member as the server returned it.
 */
export class PortalMemberInvitedEvent extends Event {
  static readonly eventName = 'portal-member-invited';
  readonly member: Member;
  readonly resent: boolean;

  constructor(member: Member, resent = false) {
    super(PortalMemberInvitedEvent.eventName, { bubbles: true, composed: true });
    this.member = member;
    this.resent = resent;
  }
}

/**
 * Fired by `<portal-members>` when the server accepted a change to a member: a new role, a
 * deactivation or a reactivation. `member` is the member as the server returned it, `previous`
 * as it was before.
 */
export class PortalMemberUpdatedEvent extends Event {
  static readonly eventName = 'portal-member-updated';
  readonly member: Member;
  readonly previous: Member;

  constructor(member: Member, previous: Member) {
    super(PortalMemberUpdatedEvent.eventName, { bubbles: true, composed: true });
    this.member = member;
    this.previous = previous;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-member-invited': PortalMemberInvitedEvent;
    'portal-member-updated': PortalMemberUpdatedEvent;
  }
}
