import { defineElement } from '../../base/portal-element.js';
import { PortalThread } from './thread.js';

defineElement('portal-thread', PortalThread);

declare global {
  interface HTMLElementTagNameMap {
    'portal-thread': PortalThread;
  }
}
