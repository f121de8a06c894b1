import { createContext } from '@lit/context';
import type { PortalClient } from '../api/client.js';
import type { ConfigStore } from './config-store.js';
import type { SessionStore } from './session-store.js';

/** The resolved colour scheme an element should use; `auto` follows `prefers-color-scheme`. */
export type ThemeMode = 'auto' | 'light' | 'dark';

// String keys, so two copies of the library on one page still find each other's providers.

/** The `PortalClient` every element calls. */
export const clientContext = createContext<PortalClient | undefined>('portal-elements/client');
/** The shared `SessionStore`. */
export const sessionContext = createContext<SessionStore | undefined>('portal-elements/session');
/** The shared `ConfigStore` (portal config, fetched once per page). */
export const configContext = createContext<ConfigStore | undefined>('portal-elements/config');
/** The locale (BCP 47) set on the provider, or undefined to follow `<html lang>`. */
export const localeContext = createContext<string | undefined>('portal-elements/locale');
/** The theme set on the provider. */
export const themeContext = createContext<ThemeMode | undefined>('portal-elements/theme');
