import type { Catalogue } from '../en.js';

/** English strings for status, priority and field words shared by the ticket list and the thread. The element lists it in its `static strings`. */
export const ticketEn = {
  'ticket.status.new': 'New',
  'ticket.status.open': 'Open',
  'ticket.status.pending': 'Awaiting your reply',
  'ticket.status.on_hold': 'On hold',
  'ticket.status.solved': 'Solved',
  'ticket.status.closed': 'Closed',
  'ticket.priority.low': 'Low',
  'ticket.priority.normal': 'Normal',
  'ticket.priority.high': 'High',
  'ticket.priority.urgent': 'Urgent',
  'ticket.priorityValue': 'Priority: {priority}',
  'ticket.number': '#{number}',
  'ticket.field.yes': 'Yes',
  'ticket.field.no': 'No',
  'ticket.field.empty': '—',
  'ticket.field.notSet': 'Not set',
} as const satisfies Catalogue;
