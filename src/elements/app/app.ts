import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PortalElement } from '../../base/portal-element.js';
import type { MessageKey } from '../../i18n/en.js';
import { baseStyles } from '../../theme/shared-styles.js';
import type { PortalCreateTicketEvent } from '../kb-search/events.js';
import type { PortalTicketSelectEvent } from '../ticket-list/events.js';
import { appStyles } from './app.styles.js';
import { appEn } from '../../i18n/en/app.js';
import { viewParts } from './parts.gen.js';

/** The views of the portal, each one element. */
export type PortalView = 'help' | 'tickets' | 'new' | 'ticket' | 'team' | 'sign-in';

const VIEWS: readonly PortalView[] = ['help', 'tickets', 'new', 'ticket', 'team', 'sign-in'];

/** Each view's element, loaded when the view is first shown. */
const LOAD: Record<PortalView, () => Promise<unknown>> = {
  help: () => import('../kb-search/define.js'),
  tickets: () => import('../ticket-list/define.js'),
  new: () => import('../ticket-form/define.js'),
  ticket: () => import('../thread/define.js'),
  team: () => import('../members/define.js'),
  'sign-in': () => import('../login/define.js'),
};

/** A view's name in the navigation and its heading. */
const title = (view: PortalView): MessageKey => `app.view.${view === 'sign-in' ? 'signIn' : view}`;

/**
 * `exportparts` for a view's element: each of its parts as `<prefix>-<part>`, the prefix being the
 * tag without `portal-` (`ticket-list-row`), or `account` for the compact sign-in in the navigation.
 */
const exported = (tag: keyof typeof viewParts, prefix = tag.slice(7)): string =>
  viewParts[tag]
    .split(' ')
    .map((part) => `${part}:${prefix}-${part}`)
    .join(',');

/** Query parameters the app owns besides the view parameter; cleared when the view changes. */
const OWN_PARAMS = ['ticket', 'article', 'return'];

interface Route {
  view: PortalView;
  ticket: string;
}

/**
 * @summary The whole customer portal in one tag: help, tickets, new ticket, a ticket's thread, team and sign-in, with its navigation in the address.
 * @tag portal-app
 *
 * The whole support portal for a website owner who wants a full support page: the help center
 * (`<portal-kb-search>`), the person's tickets (`<portal-ticket-list>`), a new ticket
 * (`<portal-ticket-form>`), a ticket's conversation (`<portal-thread>`), the team
 * (`<portal-members>`) and sign-in (`<portal-login>`), built only from those elements and their
 * public events. The current view is kept in the address (`?portal=tickets`,
 * `?portal=ticket&ticket=…`), so back and forward work, links open in a new tab, and a reload or a
 * shared link lands on the same view. Put it inside a `<portal-provider>`. Each view's element is
 * loaded when the view is first shown.
 *
 * Every part of the views' elements is exported with the view's element name in front, so the
 * portal's inside can be styled as each element can be on its own: `portal-app::part(ticket-list-row)`,
 * `portal-app::part(thread-message)`, `portal-app::part(kb-search-input)`, `portal-app::part(login-submit)`;
 * those of the account menu in the navigation as `account-…` (`portal-app::part(account-menu)`).
 *
 * @csspart nav - The navigation bar.
 * @csspart nav-link - Each link of the navigation; the current one has `aria-current="page"`.
 * @csspart account - The account button (a compact `<portal-login>`) in the navigation.
 * @csspart heading - The heading of the current view.
 * @csspart view - The area holding the current view's element.
 *
 * @cssprop [--portal-app-max-inline-size=72rem] - Widest the portal grows.
 * @cssprop [--portal-app-gap=var(--portal-space-6)] - Space between the navigation and the view.
 * @cssprop [--portal-app-nav-background=var(--portal-color-surface)] - Navigation bar background.
 */
export class PortalApp extends PortalElement {
  static override styles = [baseStyles, appStyles];
  static override strings = [appEn];

  @query('h2[data-focus]') private heading?: HTMLElement;

  @state() private route: Route = { view: 'help', ticket: '' };
  /** A subject carried from a search with no answer into the new-ticket form. */
  @state() private prefill: Record<string, string> = {};
  @state() private loaded = new Set<PortalView>();
  #focusAfterRender = false;

  /** The query parameter holding the view. */
  @property({ attribute: 'route-param' }) routeParam = 'portal';

  /** The view shown when the address names none. */
  @property() home: PortalView = 'help';

  override connectedCallback(): void {
    super.connectedCallback();
    this.route = this.#read();
    window.addEventListener('popstate', this.#onPopState);
    for (const [type, listener] of this.#listeners) this.addEventListener(type, listener);
    void LOAD['sign-in']().then(() => this.#markLoaded('sign-in'));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
    for (const [type, listener] of this.#listeners) this.removeEventListener(type, listener);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('routeParam') || changed.has('home')) this.route = this.#read();
    const view = this.route.view;
    if (!this.loaded.has(view)) void LOAD[view]().then(() => this.#markLoaded(view));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterRender) {
      this.#focusAfterRender = false;
      this.heading?.focus();
    }
  }

  #markLoaded(view: PortalView): void {
    if (this.loaded.has(view)) return;
    this.loaded = new Set([...this.loaded, view]);
  }

  /** The route named by the page address. */
  #read(): Route {
    const params = new URLSearchParams(location.search);
    const named = params.get(this.routeParam) as PortalView | null;
    const view = named && VIEWS.includes(named) ? named : VIEWS.includes(this.home) ? this.home : 'help';
    return { view, ticket: params.get('ticket') ?? '' };
  }

  /** The address of a view, keeping the host page's own query parameters. */
  href(view: PortalView, extra: Record<string, string> = {}): string {
    const url = new URL(location.href);
    for (const name of [this.routeParam, ...OWN_PARAMS]) url.searchParams.delete(name);
    url.searchParams.set(this.routeParam, view);
    for (const [name, value] of Object.entries(extra)) if (value) url.searchParams.set(name, value);
    url.hash = '';
    return `${url.pathname}${url.search}`;
  }

  /** Shows `view` and records it in the history (`replace` for a redirect). */
  navigate(view: PortalView, extra: Record<string, string> = {}, replace = false): void {
    const href = this.href(view, extra);
    if (replace) history.replaceState(history.state, '', href);
    else history.pushState(null, '', href);
    this.#go();
  }

  #go(): void {
    this.route = this.#read();
    // A subject carried from the help search belongs to that one visit of the form.
    if (this.route.view !== 'new') this.prefill = {};
    this.#focusAfterRender = true;
  }

  #onPopState = (): void => {
    const next = this.#read();
    if (next.view === this.route.view && next.ticket === this.route.ticket) return;
    this.#go();
  };

  /** Links to another view of this portal (in the nav or inside an element) move without a reload. */
  #onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && node.hasAttribute('href'));
    if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    const view = url.searchParams.get(this.routeParam) as PortalView | null;
    if (!view || !VIEWS.includes(view)) return;
    event.preventDefault();
    if (url.search === location.search) return;
    history.pushState(null, '', `${url.pathname}${url.search}`);
    this.#go();
  };

  #onTicketSelect = (event: PortalTicketSelectEvent): void => {
    const id = event.ticket.id;
    if (event.defaultPrevented) return;
    event.preventDefault();
    this.navigate('ticket', { ticket: id });
  };

  #onCreateTicket = (event: PortalCreateTicketEvent): void => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    this.prefill = event.query ? { subject: event.query } : {};
    this.navigate('new');
  };

  #onSignedIn = (): void => {
    if (this.route.view !== 'sign-in') return;
    const back = new URLSearchParams(location.search).get('return') as PortalView | null;
    this.navigate(back && VIEWS.includes(back) && back !== 'sign-in' ? back : 'tickets', {}, true);
  };

  /** What the app listens for on itself: link clicks, and the events of the elements it shows. */
  readonly #listeners: [string, EventListener][] = [
    ['click', this.#onClick as EventListener],
    ['portal-ticket-select', this.#onTicketSelect as EventListener],
    ['portal-create-ticket', this.#onCreateTicket as EventListener],
    ['portal-signed-in', this.#onSignedIn],
  ];

  protected override render(): TemplateResult {
    const { view } = this.route;
    const signedIn = this.session.status === 'signed-in';
    const signIn = this.href('sign-in', { return: view === 'sign-in' ? '' : view });
    const links: PortalView[] = signedIn ? ['help', 'tickets', 'new', 'team'] : ['help', 'tickets', 'new'];
    return html`
      <nav part="nav" aria-label=${this.localize.t('app.nav')}>
        <ul>
          ${links.map(
            (link) => html`<li>
              <a
                part="nav-link"
                href=${this.href(link)}
                aria-current=${view === link || (link === 'tickets' && view === 'ticket') ? 'page' : nothing}
                >${this.localize.t(title(link))}</a
              >
            </li>`,
          )}
        </ul>
        <portal-login part="account" exportparts=${exported('portal-login', 'account')} variant="compact" sign-in-href=${signIn}></portal-login>
      </nav>
      <section part="view" aria-labelledby="view-heading">
        <h2 id="view-heading" part="heading" tabindex="-1" data-focus>${this.localize.t(title(view))}</h2>
        ${this.loaded.has(view) ? this.#view(view, signIn) : html`<p class="loading" role="status">${this.localize.t('common.loading')}</p>`}
      </section>
    `;
  }

  #view(view: PortalView, signIn: string): TemplateResult {
    const ticketHref = `${this.href('ticket')}&ticket={id}`;
    switch (view) {
      case 'help':
        return html`<portal-kb-search
          sync-url
          create-ticket-href=${this.href('new')}
          sign-in-href=${signIn}
          exportparts=${exported('portal-kb-search')}
        ></portal-kb-search>`;
      case 'tickets':
        return html`<portal-ticket-list
          sync-url
          href-template=${ticketHref}
          sign-in-href=${signIn}
          exportparts=${exported('portal-ticket-list')}
        ></portal-ticket-list>`;
      case 'new':
        return html`<portal-ticket-form
          href-template=${ticketHref}
          .values=${this.prefill}
          exportparts=${exported('portal-ticket-form')}
        ></portal-ticket-form>`;
      case 'ticket':
        return html`<portal-thread
          ticket-id=${this.route.ticket}
          sign-in-href=${signIn}
          exportparts=${exported('portal-thread')}
        ></portal-thread>`;
      case 'team':
        return html`<portal-members sign-in-href=${signIn} exportparts=${exported('portal-members')}></portal-members>`;
      case 'sign-in':
        return html`<portal-login exportparts=${exported('portal-login')}></portal-login>`;
    }
  }
}
