import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import type { ClientAuthEvent, PortalClient } from '../src/api/client.js';
import { PortalError } from '../src/api/errors.js';
import type { Me, PortalConfig, Session } from '../src/api/types.js';
import { PortalElement, defineElement } from '../src/base/portal-element.js';
import { configure, pageServices } from '../src/context/page.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import type { PortalSessionChangeEvent } from '../src/events.js';
import { baseStyles } from '../src/theme/shared-styles.js';

const baseConfig: PortalConfig = {
  name: 'Acme Help',
  logoUrl: null,
  loginMethods: ['otp'],
  selfSignup: false,
  ticketCreation: true,
  kbVisibility: 'public',
  visibleTicketFields: [],
  editableTicketFields: [],
  ticketHistoryDays: 365,
  attachments: { maxBytes: 1_000_000, allowedTypes: ['image/*'] },
  csat: true,
  locales: ['en'],
};

const me: Me = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada', role: 'customer_admin' },
  organization: { id: 'o1', name: 'Northwind' },
};

/** A PortalClient test double: counts calls, lets a test fire auth events. */
function fakeClient(name = 'Acme Help', overrides: Partial<PortalClient> = {}): PortalClient & {
  calls: Record<string, number>;
  emit(event: ClientAuthEvent): void;
} {
  const listeners = new Set<(event: ClientAuthEvent) => void>();
  const calls: Record<string, number> = {};
  const count = (method: string): void => {
    calls[method] = (calls[method] ?? 0) + 1;
  };
  let token: string | null = null;
  const notImplemented = (): Promise<never> => Promise.reject(new Error('not used in this test'));
  const client = {
    calls,
    emit: (event: ClientAuthEvent) => listeners.forEach((l) => l(event)),
    get token() {
      return token;
    },
    setToken(value: string | null) {
      token = value;
    },
    onAuthEvent(listener: (event: ClientAuthEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getPortalConfig: async () => {
      count('getPortalConfig');
      return { ...baseConfig, name };
    },
    getMe: async () => {
      count('getMe');
      return me;
    },
    logout: async () => {
      count('logout');
    },
    startOtp: notImplemented,
    verifyOtp: notImplemented,
    startMagicLink: notImplemented,
    listAuthProviders: notImplemented,
    exchangeCode: notImplemented,
    signInWithIdentity: notImplemented,
    listTicketForms: notImplemented,
    listTickets: notImplemented,
    createTicket: notImplemented,
    getTicket: notImplemented,
    updateTicket: notImplemented,
    listMessages: notImplemented,
    createMessage: notImplemented,
    rateTicket: notImplemented,
    uploadAttachment: notImplemented,
    listMembers: notImplemented,
    inviteMember: notImplemented,
    reinviteMember: notImplemented,
    updateMember: notImplemented,
    exportMembers: notImplemented,
    listCollections: notImplemented,
    listArticles: notImplemented,
    getArticle: notImplemented,
    sendArticleFeedback: notImplemented,
    ...overrides,
  };
  return client;
}

/** A minimal portal element that shows what it received from context. */
class TestConsumer extends PortalElement {
  get receivedClient(): PortalClient | undefined {
    return this.client;
  }
  get sessionStatus(): string {
    return this.session.status;
  }
  protected override render(): unknown {
    const config = this.configState.status === 'ready' ? this.configState.config.name : this.configState.status;
    const who = this.session.status === 'signed-in' ? this.session.user.name : '';
    return litHtml`<p>${config}|${this.session.status}|${who}|${this.localize.t('common.retry')}</p>`;
  }
}
defineElement('test-consumer', TestConsumer);

/** A consumer with the shared styles and a link, to see the theme as elements render it. */
class StyledConsumer extends PortalElement {
  static override styles = baseStyles;
  protected override render(): unknown {
    return litHtml`<a href="#x">link</a>`;
  }
}
defineElement('styled-consumer', StyledConsumer);

const session: Session = { token: 'tok-1', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: me.user };
const text = (el: Element): string => el.shadowRoot?.textContent?.trim() ?? '';

describe('<portal-provider>', () => {
  afterEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it('gives nested elements its client and the portal config', async () => {
    const client = fakeClient();
    const el = await fixture<PortalProvider>(html`
      <portal-provider .client=${client}><section><div><test-consumer></test-consumer></div></section></portal-provider>
    `);
    const consumer = el.querySelector('test-consumer') as TestConsumer;
    await waitUntil(() => text(consumer).startsWith('Acme Help'), 'config never arrived');
    expect(consumer.receivedClient === client, 'received the wrong client').to.equal(true);
    expect(text(consumer)).to.equal('Acme Help|signed-out||Try again');
  });

  it('serves elements scattered outside it on the same page, fetching the config once', async () => {
    const client = fakeClient('Scattered Co');
    const page = await fixture<HTMLElement>(html`
      <div>
        <header><test-consumer id="a"></test-consumer></header>
        <portal-provider .client=${client}></portal-provider>
        <main><article><test-consumer id="b"></test-consumer></article></main>
      </div>
    `);
    const a = page.querySelector('#a') as TestConsumer;
    const b = page.querySelector('#b') as TestConsumer;
    await waitUntil(() => text(a).startsWith('Scattered Co') && text(b).startsWith('Scattered Co'));
    expect(a.receivedClient === client, 'received the wrong client').to.equal(true);
    expect(b.receivedClient === client, 'received the wrong client').to.equal(true);
    expect(client.calls['getPortalConfig']).to.equal(1);
  });

  it('reaches elements that connected before the provider existed (lazy load order)', async () => {
    const page = await fixture<HTMLElement>(html`<div><test-consumer></test-consumer></div>`);
    const consumer = page.querySelector('test-consumer') as TestConsumer;
    await consumer.updateComplete;
    const client = fakeClient('Late Provider');
    // Earlier tests' providers have left the page, so nothing serves this element yet.
    expect(consumer.receivedClient === undefined, 'served before any provider exists').to.equal(true);
    expect(text(consumer)).to.equal('loading|signed-out||Try again');
    const provider = document.createElement('portal-provider');
    provider.client = client;
    page.append(provider);
    await waitUntil(() => text(consumer).startsWith('Late Provider'), 'late provider never reached the element');
    expect(consumer.receivedClient === client, 'received the wrong client').to.equal(true);
  });

  it('lets a nested provider serve its own subtree', async () => {
    const outer = fakeClient('Outer');
    const inner = fakeClient('Inner');
    const el = await fixture<PortalProvider>(html`
      <portal-provider .client=${outer}>
        <test-consumer id="o"></test-consumer>
        <portal-provider .client=${inner}><test-consumer id="i"></test-consumer></portal-provider>
      </portal-provider>
    `);
    const o = el.querySelector('#o') as TestConsumer;
    const i = el.querySelector('#i') as TestConsumer;
    await waitUntil(() => text(o).startsWith('Outer') && text(i).startsWith('Inner'));
    expect(o.receivedClient === outer, 'received the wrong client').to.equal(true);
    expect(i.receivedClient === inner, 'received the wrong client').to.equal(true);
  });

  it('sends a session change to every element, nested and scattered, and announces it', async () => {
    const client = fakeClient();
    const page = await fixture<HTMLElement>(html`
      <div>
        <test-consumer id="outside"></test-consumer>
        <portal-provider .client=${client}><test-consumer id="inside"></test-consumer></portal-provider>
      </div>
    `);
    const provider = page.querySelector('portal-provider') as PortalProvider;
    const changes: string[] = [];
    provider.addEventListener('portal-session-change', (e: PortalSessionChangeEvent) => changes.push(e.session.status));
    await provider.services.session.signIn(session);
    const inside = page.querySelector('#inside') as TestConsumer;
    const outside = page.querySelector('#outside') as TestConsumer;
    await waitUntil(() => text(inside).includes('signed-in|Ada') && text(outside).includes('signed-in|Ada'));
    expect(client.token).to.equal('tok-1');
    expect(changes).to.deep.equal(['signing-in', 'signed-in']);

    // A 401 anywhere marks the session expired for everyone, keeping who it was.
    client.emit({ type: 'expired' });
    await waitUntil(() => inside.sessionStatus === 'expired' && outside.sessionStatus === 'expired');
    expect(changes.at(-1)).to.equal('expired');
    expect(client.token).to.equal(null);
    expect(sessionStorage.length).to.equal(0);
  });

  it('keeps the session per token-storage and restores it on reload', async () => {
    const first = fakeClient();
    const a = await fixture<PortalProvider>(html`<portal-provider token-storage="local" .client=${first}></portal-provider>`);
    await a.services.session.signIn(session);
    expect(localStorage.length).to.equal(1);
    expect(sessionStorage.length).to.equal(0);
    a.remove();

    // A "reload": a new provider with a new client finds the kept token and asks who it is.
    const second = fakeClient();
    const b = await fixture<PortalProvider>(html`
      <portal-provider token-storage="local" .client=${second}><test-consumer></test-consumer></portal-provider>
    `);
    const consumer = b.querySelector('test-consumer') as TestConsumer;
    await waitUntil(() => consumer.sessionStatus === 'signed-in', 'session was not restored');
    expect(second.token).to.equal('tok-1');
    expect(second.calls['getMe']).to.equal(1);
  });

  it('ends a restored session as expired when the server rejects the kept token', async () => {
    sessionStorage.setItem(
      'portal-elements:session:custom',
      JSON.stringify({ token: 'stale', expiresAt: null, user: me.user, organization: me.organization }),
    );
    const client = fakeClient('Acme Help', {
      getMe: () => Promise.reject(new PortalError({ status: 401, title: 'Session expired', code: 'session_expired' })),
    });
    const el = await fixture<PortalProvider>(html`<portal-provider .client=${client}><test-consumer></test-consumer></portal-provider>`);
    const consumer = el.querySelector('test-consumer') as TestConsumer;
    await waitUntil(() => consumer.sessionStatus === 'expired');
    expect(sessionStorage.length).to.equal(0);
  });

  it('keeps memory sessions out of Web Storage', async () => {
    const el = await fixture<PortalProvider>(html`<portal-provider token-storage="memory" .client=${fakeClient()}></portal-provider>`);
    await el.services.session.signIn(session);
    expect(sessionStorage.length + localStorage.length).to.equal(0);
    expect(el.services.session.value.status).to.equal('signed-in');
  });

  it('lets a sign-out made during a slow restore win over the restore', async () => {
    sessionStorage.setItem(
      'portal-elements:session:custom',
      JSON.stringify({ token: 'kept', expiresAt: null, user: me.user, organization: me.organization }),
    );
    let answer: (value: Me) => void = () => undefined;
    const client = fakeClient('Acme Help', { getMe: () => new Promise<Me>((resolve) => (answer = resolve)) });
    const el = await fixture<PortalProvider>(html`<portal-provider .client=${client}></portal-provider>`);
    const store = el.services.session;
    expect(store.value.status).to.equal('signing-in');
    await store.signOut();
    answer(me);
    await store.ready;
    expect(store.value.status).to.equal('signed-out');
    expect(client.token).to.equal(null);
    expect(sessionStorage.length).to.equal(0);
    expect(client.calls['logout']).to.equal(1);
  });

  it('keeps an expired session expired when signing in again fails', async () => {
    let failMe = false;
    const client = fakeClient('Acme Help', {
      getMe: () => (failMe ? Promise.reject(new PortalError({ status: 503, title: 'Unavailable' })) : Promise.resolve(me)),
    });
    const el = await fixture<PortalProvider>(html`<portal-provider .client=${client}></portal-provider>`);
    const store = el.services.session;
    await store.signIn(session);
    client.emit({ type: 'expired' });
    expect(store.value.status).to.equal('expired');
    failMe = true;
    let failed = false;
    await store.signIn({ ...session, token: 'tok-2' }).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(store.value.status).to.equal('expired');
    expect(store.user?.name).to.equal('Ada');
  });

  it('renews a session without sending elements through signing-in, and keeps it if renewal fails', async () => {
    let failMe = false;
    const client = fakeClient('Acme Help', {
      getMe: () => (failMe ? Promise.reject(new PortalError({ status: 0, title: 'Network error' })) : Promise.resolve(me)),
    });
    const el = await fixture<PortalProvider>(html`<portal-provider .client=${client}></portal-provider>`);
    const store = el.services.session;
    await store.signIn(session);
    const seen: string[] = [];
    store.subscribe((state) => seen.push(state.status));
    await store.signIn({ ...session, token: 'tok-2' });
    expect(seen).to.deep.equal(['signed-in']);
    expect(client.token).to.equal('tok-2');
    failMe = true;
    await store.signIn({ ...session, token: 'tok-3' }).catch(() => undefined);
    expect(store.value.status).to.equal('signed-in');
    expect(client.token).to.equal('tok-2');
  });

  it('does not report a 401 inside a sign-in as an expired session', async () => {
    const client = fakeClient('Acme Help', {
      getMe: () => {
        client.emit({ type: 'expired' });
        return Promise.reject(new PortalError({ status: 401, title: 'Unauthorized' }));
      },
    });
    const el = await fixture<PortalProvider>(html`<portal-provider .client=${client}></portal-provider>`);
    const seen: string[] = [];
    el.services.session.subscribe((state) => seen.push(state.status));
    await el.services.session.signIn(session).catch(() => undefined);
    expect(seen).to.deep.equal(['signing-in', 'signed-out']);
  });

  it('hands scattered elements to the next provider when the page provider leaves', async () => {
    const first = fakeClient('First');
    const second = fakeClient('Second');
    const page = await fixture<HTMLElement>(html`
      <div>
        <test-consumer></test-consumer>
        <portal-provider id="p1" .client=${first}></portal-provider>
        <portal-provider id="p2" .client=${second}></portal-provider>
      </div>
    `);
    const consumer = page.querySelector('test-consumer') as TestConsumer;
    await waitUntil(() => text(consumer).startsWith('First'));
    page.querySelector('#p1')!.remove();
    await waitUntil(() => text(consumer).startsWith('Second'), 'the remaining provider did not take over');
    expect(consumer.receivedClient === second).to.equal(true);
    page.querySelector('#p2')!.remove();
    await waitUntil(() => consumer.receivedClient === undefined, 'the element kept a removed provider');
    expect(consumer.sessionStatus).to.equal('signed-out');
  });

  it('signs in from identity-token, lets a newer token replace one under way, and retries after a move', async () => {
    const signals: AbortSignal[] = [];
    const pending: ((value: Session) => void)[] = [];
    const client = fakeClient('Acme Help', {
      signInWithIdentity: (_jwt: string, options?: { signal?: AbortSignal }) =>
        new Promise<Session>((resolve) => {
          if (options?.signal) signals.push(options.signal);
          pending.push(resolve);
        }),
    });
    const page = await fixture<HTMLElement>(html`<div><portal-provider .client=${client} identity-token="jwt-1"></portal-provider></div>`);
    const provider = page.querySelector('portal-provider') as PortalProvider;
    await waitUntil(() => signals.length === 1);
    provider.identityToken = 'jwt-2';
    await waitUntil(() => signals.length === 2);
    expect(signals[0]!.aborted, 'the older sign-in was not aborted').to.equal(true);

    // Moved while the sign-in is under way: it is abandoned, and runs again once back.
    provider.remove();
    expect(signals[1]!.aborted).to.equal(true);
    page.append(provider);
    await waitUntil(() => signals.length === 3, 'the identity sign-in did not run again after the move');
    pending[2]!(session);
    await waitUntil(() => provider.services.session.value.status === 'signed-in');
  });

  it('signs out locally even when the server call fails', async () => {
    const client = fakeClient('Acme Help', { logout: () => Promise.reject(new PortalError({ status: 0, title: 'Network error' })) });
    const el = await fixture<PortalProvider>(html`<portal-provider .client=${client}></portal-provider>`);
    await el.services.session.signIn(session);
    await el.services.session.signOut();
    expect(el.services.session.value.status).to.equal('signed-out');
    expect(client.token).to.equal(null);
    expect(sessionStorage.length).to.equal(0);
  });

  it('shows a config error state that can be retried', async () => {
    let fail = true;
    const client = fakeClient('Recovered', {
      getPortalConfig: () =>
        fail ? Promise.reject(new PortalError({ status: 503, title: 'Unavailable' })) : Promise.resolve({ ...baseConfig, name: 'Recovered' }),
    });
    const el = await fixture<PortalProvider>(html`<portal-provider .client=${client}><test-consumer></test-consumer></portal-provider>`);
    const consumer = el.querySelector('test-consumer') as TestConsumer;
    await waitUntil(() => text(consumer).startsWith('error|'));
    fail = false;
    await el.services.config.load({ force: true });
    await waitUntil(() => text(consumer).startsWith('Recovered|'));
  });

  it('applies theme and lang to the elements it serves', async () => {
    const el = await fixture<PortalProvider>(html`
      <portal-provider theme="dark" lang="de" .client=${fakeClient()}><test-consumer></test-consumer></portal-provider>
    `);
    const consumer = el.querySelector('test-consumer') as TestConsumer;
    await waitUntil(() => consumer.getAttribute('data-portal-theme') === 'dark');
    expect(consumer.resolvedLang).to.equal('de');
    const bg = getComputedStyle(consumer).getPropertyValue('--portal-color-bg').trim();
    expect(bg).to.equal('#0b1120');
    el.theme = 'light';
    await waitUntil(() => consumer.getAttribute('data-portal-theme') === 'light');
    expect(getComputedStyle(consumer).getPropertyValue('--portal-color-bg').trim()).to.equal('#ffffff');
    el.theme = 'auto';
    await waitUntil(() => !consumer.hasAttribute('data-portal-theme'));
  });

  it('derives link and focus colours from an accent the host sets on any ancestor', async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div><section id="a"><styled-consumer></styled-consumer></section><section id="b"><styled-consumer></styled-consumer></section></div>
    `);
    wrapper.querySelector<HTMLElement>('#a')!.style.setProperty('--portal-color-accent', 'rgb(200, 0, 100)');
    wrapper.querySelector<HTMLElement>('#b')!.style.setProperty('--portal-color-accent', 'rgb(0, 120, 60)');
    const [a, b] = [...wrapper.querySelectorAll('styled-consumer')] as StyledConsumer[];
    await a!.updateComplete;
    await b!.updateComplete;
    const linkA = getComputedStyle(a!.shadowRoot!.querySelector('a')!).color;
    const linkB = getComputedStyle(b!.shadowRoot!.querySelector('a')!).color;
    expect(linkA).not.to.equal(linkB);
    a!.style.setProperty('--portal-color-link', 'rgb(1, 2, 3)');
    expect(getComputedStyle(a!.shadowRoot!.querySelector('a')!).color).to.equal('rgb(1, 2, 3)');
  });

  it('never changes the host page colour scheme', async () => {
    await fixture<PortalProvider>(html`<portal-provider theme="dark" .client=${fakeClient()}><test-consumer></test-consumer></portal-provider>`);
    const scheme = getComputedStyle(document.documentElement).colorScheme;
    expect(scheme === 'normal' || scheme === '', `html color-scheme is ${scheme}`).to.equal(true);
  });

  it('warns instead of throwing when a second copy defines a tag again', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      defineElement('portal-provider', class SecondCopy extends LitElement {});
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('already defined');
  });

  it('serves a script-only page through configure()', async () => {
    const client = fakeClient('Configured');
    const services = configure({ client, theme: 'dark' });
    const page = await fixture<HTMLElement>(html`<div><test-consumer></test-consumer></div>`);
    const consumer = page.querySelector('test-consumer') as TestConsumer;
    await waitUntil(() => text(consumer).startsWith('Configured'));
    expect(pageServices() === services, 'configure() did not take the page').to.equal(true);
    expect(consumer.getAttribute('data-portal-theme')).to.equal('dark');
  });
});
