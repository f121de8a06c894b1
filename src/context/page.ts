import { ContextProvider } from '@lit/context';
import { clientContext, configContext, localeContext, sessionContext, themeContext } from './keys.js';
import type { PortalOptions, PortalServices } from './services.js';
import { createServices } from './services.js';

/**
 * The page's default services. Context providers sit on `<html>`, so every element on the page
 * that is not inside a `<portal-provider>` is answered by them: elements scattered across a host
 * page share the page's provider (or a `configure()` call). They exist before any element is
 * defined, whatever order lazy chunks load in, and consumers subscribe, so a provider that
 * appears later reaches elements that connected first (`@lit/context` re-parents their
 * subscriptions when a nested provider connects).
 */
interface PageRoot extends ServiceProviders {
  owner: object | null;
  services: PortalServices | null;
  /** Providers that asked for the page, oldest first: the next one takes over when the owner leaves. */
  claims: { owner: object; services: PortalServices }[];
}

/** The context providers that hand one `PortalServices` to the elements below their host. */
export interface ServiceProviders {
  client: ContextProvider<typeof clientContext>;
  session: ContextProvider<typeof sessionContext>;
  config: ContextProvider<typeof configContext>;
  locale: ContextProvider<typeof localeContext>;
  theme: ContextProvider<typeof themeContext>;
}

/** Context providers on `host` for every service; `provide()` gives them values. */
export function createProviders(host: HTMLElement): ServiceProviders {
  return {
    client: new ContextProvider(host, { context: clientContext }),
    session: new ContextProvider(host, { context: sessionContext }),
    config: new ContextProvider(host, { context: configContext }),
    locale: new ContextProvider(host, { context: localeContext }),
    theme: new ContextProvider(host, { context: themeContext }),
  };
}

/** Hands `services` (or nothing) to the elements below `providers`' host. */
export function provide(providers: ServiceProviders, services: PortalServices | null): void {
  providers.client.setValue(services?.client);
  providers.session.setValue(services?.session);
  providers.config.setValue(services?.config);
  providers.locale.setValue(services?.locale);
  providers.theme.setValue(services?.theme);
}

// A global, so a second copy of the library on the page shares the first one's root.
const ROOT_KEY = Symbol.for('portal-elements.page-root');
type GlobalWithRoot = typeof globalThis & { [ROOT_KEY]?: PageRoot };

/** The page root, created on first use (on `<html>`). */
export function pageRoot(): PageRoot {
  const g = globalThis as GlobalWithRoot;
  let root = g[ROOT_KEY];
  if (!root) {
    root = {
      ...createProviders(document.documentElement),
      owner: null,
      services: null,
      claims: [],
    };
    g[ROOT_KEY] = root;
  }
  return root;
}

/** The services serving elements outside any provider, if a provider or `configure()` set them. */
export function pageServices(): PortalServices | null {
  return pageRoot().services;
}

/**
 * Makes `services` the page default on behalf of `owner`. A provider calls this when it connects;
 * it takes the page when no other owner holds it, and otherwise waits its turn. `configure()`
 * always takes it. Returns whether `owner` now holds the page.
 */
export function claimPage(owner: object, services: PortalServices, force = false): boolean {
  const root = pageRoot();
  root.claims = root.claims.filter((claim) => claim.owner !== owner);
  root.claims.push({ owner, services });
  if (root.owner && root.owner !== owner && !force) return false;
  root.owner = owner;
  publish(root, services);
  return true;
}

/** Updates the page default if `owner` holds it (a provider's attributes changed). */
export function updatePage(owner: object, services: PortalServices): void {
  const root = pageRoot();
  const claim = root.claims.find((c) => c.owner === owner);
  if (claim) claim.services = services;
  if (root.owner === owner) publish(root, services);
}

/**
 * Gives the page up (a provider left it). The longest-waiting provider still on the page takes
 * over; with none left, elements outside any provider are told there is no client.
 */
export function releasePage(owner: object): void {
  const root = pageRoot();
  root.claims = root.claims.filter((claim) => claim.owner !== owner);
  if (root.owner !== owner) return;
  const next = root.claims[0];
  root.owner = next?.owner ?? null;
  publish(root, next?.services ?? null);
}

function publish(root: PageRoot, services: PortalServices | null): void {
  root.services = services;
  provide(root, services);
}

const CONFIGURE_OWNER = { configure: true };

/**
 * Configures the page for script-only use, without a `<portal-provider>` tag:
 * `configure({ apiBase: 'https://help.example.com/api' })`. Every element on the page that is
 * not inside a provider uses these services. Returns them (the client, the session store…).
 */
export function configure(options: PortalOptions = {}): PortalServices {
  const root = pageRoot();
  // A second call replaces the first: its session stops following other tabs.
  root.claims.find((claim) => claim.owner === CONFIGURE_OWNER)?.services.session.dispose();
  const services = createServices(options);
  claimPage(CONFIGURE_OWNER, services, true);
  void services.config.load();
  return services;
}
