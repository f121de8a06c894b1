import { defineElement } from '../../base/portal-element.js';
import { PortalKbSearch } from './kb-search.js';

defineElement('portal-kb-search', PortalKbSearch);

declare global {
  interface HTMLElementTagNameMap {
    'portal-kb-search': PortalKbSearch;
  }
}
