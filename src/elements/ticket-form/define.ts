import { defineElement } from '../../base/portal-element.js';
import { PortalTicketForm } from './ticket-form.js';

defineElement('portal-ticket-form', PortalTicketForm);

declare global {
  interface HTMLElementTagNameMap {
    'portal-ticket-form': PortalTicketForm;
  }
}
