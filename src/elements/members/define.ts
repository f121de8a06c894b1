import { defineElement } from '../../base/portal-element.js';
import { PortalMembers } from './members.js';

defineElement('portal-members', PortalMembers);

declare global {
  interface HTMLElementTagNameMap {
    'portal-members': PortalMembers;
  }
}
