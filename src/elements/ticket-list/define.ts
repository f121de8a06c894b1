import { defineElement } from '../../base/portal-element.js';
import { PortalTicketList } from './ticket-list.js';

defineElement('portal-ticket-list', PortalTicketList);

declare global {
  interface HTMLElementTagNameMap {
    'portal-ticket-list': PortalTicketList;
  }
}
