import type { Ticket } from '../../api/types.js';

/**
 * Fired by `<portal-ticket-list>` when a person opens a ticket (click, Enter), before the
 * browser follows the row's link. Cancelable: call `preventDefault()` to route in a single-page
 * app instead. Not fired for middle-clicks or modified clicks (new tab, new window), which the
 * browser handles as a link.
 */
export class PortalTicketSelectEvent extends Event {
  static readonly eventName = 'portal-ticket-select';
  readonly ticket: Ticket;
  /** Where the row links to (from `href-template`), or null without one. */
  readonly href: string | null;

  constructor(ticket: Ticket, href: string | null) {
    super(PortalTicketSelectEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.ticket = ticket;
    this.href = href;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-ticket-select': PortalTicketSelectEvent;
  }
}
