import type { Message, Ticket } from '../../api/types.js';

/** Fired by `<portal-thread>` when the server accepted a reply: `message` is the server's copy. */
export class PortalMessageSentEvent extends Event {
  static readonly eventName = 'portal-message-sent';
  readonly message: Message;
  readonly ticketId: string;

  constructor(message: Message) {
    super(PortalMessageSentEvent.eventName, { bubbles: true, composed: true });
    this.message = message;
    this.ticketId = message.ticketId;
  }
}

/** What changed a ticket: its status, its editable fields, or its satisfaction rating. */
export type TicketChange = 'status' | 'fields' | 'satisfaction';

/**
 * Fired by `<portal-thread>` when the ticket changed: closed, reopened, a field edited or a
 * rating given here (`remote` false), or a status change that arrived from the support team
 * (`remote` true). `ticket` is the server's copy.
 */
export class PortalTicketUpdatedEvent extends Event {
  static readonly eventName = 'portal-ticket-updated';
  readonly ticket: Ticket;
  readonly change: TicketChange;
  readonly remote: boolean;

  constructor(ticket: Ticket, change: TicketChange, remote = false) {
    super(PortalTicketUpdatedEvent.eventName, { bubbles: true, composed: true });
    this.ticket = ticket;
    this.change = change;
    this.remote = remote;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-message-sent': PortalMessageSentEvent;
    'portal-ticket-updated': PortalTicketUpdatedEvent;
  }
}
