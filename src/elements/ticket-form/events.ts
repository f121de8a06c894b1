import type { Article, ArticleSummary, CreateTicketRequest, Ticket, TicketForm } from '../../api/types.js';

/**
 * Fired by `<portal-ticket-form>` when a valid ticket is about to be sent (uploads finished).
 * Cancelable: `preventDefault()` stops the send, for a host that sends the request itself.
 */
export class PortalTicketSubmitEvent extends Event {
  static readonly eventName = 'portal-ticket-submit';
  /** What will be sent to `POST /tickets`. */
  readonly request: CreateTicketRequest;
  /** The ticket form used, or null for a portal without forms. */
  readonly form: TicketForm | null;

  constructor(request: CreateTicketRequest, form: TicketForm | null) {
    super(PortalTicketSubmitEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.request = request;
    this.form = form;
  }
}

/** Fired by `<portal-ticket-form>` when the server created the ticket. */
export class PortalTicketCreatedEvent extends Event {
  static readonly eventName = 'portal-ticket-created';
  readonly ticket: Ticket;

  constructor(ticket: Ticket) {
    super(PortalTicketCreatedEvent.eventName, { bubbles: true, composed: true });
    this.ticket = ticket;
  }
}

/**
 * Fired by `<portal-ticket-form>` when the person said a suggested article solved their problem,
 * instead of sending a ticket.
 */
export class PortalDeflectedEvent extends Event {
  static readonly eventName = 'portal-deflected';
  /** The article that helped. */
  readonly article: Article | ArticleSummary;
  /** The subject typed when it was found. */
  readonly subject: string;

  constructor(article: Article | ArticleSummary, subject: string) {
    super(PortalDeflectedEvent.eventName, { bubbles: true, composed: true });
    this.article = article;
    this.subject = subject;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-ticket-submit': PortalTicketSubmitEvent;
    'portal-ticket-created': PortalTicketCreatedEvent;
    'portal-deflected': PortalDeflectedEvent;
  }
}
