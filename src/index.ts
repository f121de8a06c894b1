// The package entry: classes, contexts, events and types, with no side effects (nothing is
// registered). Import `portal-elements/portal-elements.js` or a define module to register tags.
export * from './api/index.js';
export { PortalElement, defineElement } from './base/portal-element.js';
export { clientContext, configContext, localeContext, sessionContext, themeContext } from './context/keys.js';
export type { ThemeMode } from './context/keys.js';
export { SessionStore } from './context/session-store.js';
export type { SessionState, SessionStoreOptions, TokenStorage } from './context/session-store.js';
export { ConfigStore } from './context/config-store.js';
export type { ConfigState } from './context/config-store.js';
export { Store } from './context/store.js';
export { configure, pageServices } from './context/page.js';
export { createServices } from './context/services.js';
export type { PortalOptions, PortalServices } from './context/services.js';
export { PortalSessionChangeEvent, PortalSessionExpiredEvent, PortalSignedInEvent, PortalSignedOutEvent } from './events.js';
export { LocalizeController, registerCatalogue, translate } from './i18n/localize.js';
export type { MessageParams } from './i18n/localize.js';
export type { Catalogue, MessageKey, MessageValue } from './i18n/en.js';
export { MarkdownCache, preloadMarkdown, renderMarkdown } from './markdown/index.js';
export type { MarkdownCacheOptions, MarkdownHeading, MarkdownMode, RenderOptions, RenderedMarkdown } from './markdown/index.js';
export { tokenStyles, installTokens } from './theme/tokens.js';
export { baseStyles } from './theme/shared-styles.js';
export { PortalProvider } from './elements/provider/provider.js';
export { PortalLogin } from './elements/login/login.js';
export { PortalThread } from './elements/thread/thread.js';
export { PortalMessageSentEvent, PortalTicketUpdatedEvent, type TicketChange } from './elements/thread/events.js';
