import { defineElement } from '../../base/portal-element.js';
import { PortalApp } from './app.js';

defineElement('portal-app', PortalApp);

declare global {
  interface HTMLElementTagNameMap {
    'portal-app': PortalApp;
  }
}
