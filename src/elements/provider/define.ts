import { defineElement } from '../../base/portal-element.js';
import { PortalProvider } from './provider.js';

defineElement('portal-provider', PortalProvider);

declare global {
  interface HTMLElementTagNameMap {
    'portal-provider': PortalProvider;
  }
}
