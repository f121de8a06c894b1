import { defineElement } from '../../base/portal-element.js';
import { PortalLogin } from './login.js';

defineElement('portal-login', PortalLogin);

declare global {
  interface HTMLElementTagNameMap {
    'portal-login': PortalLogin;
  }
}
