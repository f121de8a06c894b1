import { expect, fixture, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * `waitUntil` with a 5 s default: with three engines running at once on two cores, a mock round
 * trip can take longer than @open-wc's 1 s default. Tests still fail if the state never comes.
 */
function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}
import { sendKeys } from '@web/test-runner-commands';
import { html as litHtml } from 'lit';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { PortalElement, defineElement } from '../src/base/portal-element.js';
import '../src/elements/login/define.js';
import type { PortalLogin } from '../src/elements/login/login.js';
import { returnCode } from '../src/elements/login/return-code.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import type { PortalSessionExpiredEvent, PortalSignedInEvent } from '../src/events.js';
import {
  createIdentityToken,
  createManualClock,
  createMockBackend,
  DEMO_OTP_CODE,
  EXCHANGE_CODE_TTL_MS,
  OTP_TTL_MS,
  SEED_ORGANIZATION,
  SEED_USERS,
  startMockWorker,
} from '../src/mocks/index.js';

/** A placeholder portal element elsewhere on the page: shows the session and keeps a draft. */
class TestSessionConsumer extends PortalElement {
  get status(): string {
    return this.session.status;
  }
  protected override render(): unknown {
    const who = this.session.status === 'signed-in' ? this.session.user.name : '';
    return litHtml`<p>${this.session.status}|${who}</p><label>Draft <input id="draft" /></label>`;
  }
}
defineElement('test-session-consumer', TestSessionConsumer);

const clock = createManualClock(Date.now());
const backend = createMockBackend({ now: clock.now });
let worker: SetupWorker;
const admin = SEED_USERS.admin;

// ----- helpers (strings and booleans only reach chai: DOM values crash the test page) -----

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null =>
  root(el).querySelector<T>(`[part~="${name}"]`);
const must = <T extends HTMLElement = HTMLElement>(el: Element, name: string): T => {
  const found = part<T>(el, name);
  if (!found) throw new Error(`no part ${name}; shadow text: ${text(el)}`);
  return found;
};
const text = (el: Element): string => (root(el).textContent ?? '').replace(/\s+/g, ' ').trim();
const focusedId = (el: Element): string => (root(el).activeElement as HTMLElement | null)?.id ?? '';
const focusedPart = (el: Element): string => (root(el).activeElement as HTMLElement | null)?.getAttribute('part') ?? '';
const live = (el: Element): string => root(el).querySelector('[role="status"]')?.textContent?.trim() ?? '';

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function requests(path: string): number {
  return backend.requestLog.filter((r) => r.path === path).length;
}

/** Holds every request to `path` (below /api) until released; records their JSON bodies. */
function hold(path: string, held = true): { release: () => void; bodies: string[] } {
  let release = (): void => undefined;
  const gate = held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const bodies: string[] = [];
  worker.use(
    http.post(`/api${path}`, async ({ request }) => {
      bodies.push(await request.clone().text());
      await gate;
      // Returning nothing lets the mock backend answer.
    }),
  );
  return { release: () => release(), bodies };
}

/**
 * OTP starts with no resend delay (the mock backend still issues the code), or `answer(n)` for
 * the nth start.
 */
function quickStarts(answer?: (n: number) => Response | undefined): { count: () => number } {
  let starts = 0;
  worker.use(
    http.post('/api/auth/otp/start', async ({ request }) => {
      starts++;
      const answered = answer?.(starts);
      if (answered) return answered;
      const body = (await request.clone().json()) as { email?: unknown; name?: unknown; signup?: unknown };
      backend.startOtp(body.email, body.name, body.signup);
      return HttpResponse.json({ resendAfterSeconds: 0, codeLength: 6 }, { status: 202 });
    }),
  );
  return { count: () => starts };
}

/** Moves the login elsewhere inside its provider, as a host page re-laying out might. */
function move(provider: PortalProvider, login: PortalLogin): void {
  const spot = document.createElement('section');
  provider.append(spot);
  spot.append(login);
}

function problem422(errors: { field: string; message: string }[]): Response {
  return HttpResponse.json(
    { type: 'about:blank', title: 'Invalid', status: 422, errors },
    { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

interface Page {
  page: HTMLElement;
  provider: PortalProvider;
  login: PortalLogin;
  consumer: TestSessionConsumer;
}

/** A provider holding a login, and a consumer scattered elsewhere on the page. */
async function mount(loginAttrs = html`<portal-login></portal-login>`): Promise<Page> {
  const page = await fixture<HTMLElement>(html`
    <div>
      <aside><test-session-consumer></test-session-consumer></aside>
      <portal-provider>${loginAttrs}</portal-provider>
    </div>
  `);
  const provider = page.querySelector('portal-provider') as PortalProvider;
  const login = page.querySelector('portal-login') as PortalLogin;
  const consumer = page.querySelector('test-session-consumer') as TestSessionConsumer;
  return { page, provider, login, consumer };
}

async function ready(login: PortalLogin): Promise<void> {
  await waitUntil(() => part(login, 'email-input') || part(login, 'sso-button') || part(login, 'account'), 'the sign-in form never appeared', { timeout: 5000 });
}

async function toCodeStep(login: PortalLogin, email: string = admin.email): Promise<void> {
  await ready(login);
  type(must<HTMLInputElement>(login, 'email-input'), email);
  must(login, 'submit').click();
  await waitUntil(() => part(login, 'code-input'), 'the code step never appeared');
  await login.updateComplete;
}

async function signedIn(login: PortalLogin): Promise<void> {
  await waitUntil(() => part(login, 'account') || part(login, 'account-button'), `never signed in: ${text(login)}`, { timeout: 5000 });
}

describe('<portal-login>', () => {
  before(async () => {
    worker = await startMockWorker(backend, { quiet: true });
  });
  after(() => worker.stop());
  beforeEach(() => {
    clock.set(Date.now());
    backend.reset();
    backend.clearRequestLog();
    sessionStorage.clear();
    localStorage.clear();
    returnCode().update({ status: 'none' });
  });
  afterEach(() => {
    worker.resetHandlers();
    sessionStorage.clear();
  });

  describe('one-time code', () => {
    it('signs in with email and code, and every element on the page follows', async () => {
      const { login, consumer } = await mount();
      await ready(login);
      await expect(login).to.be.accessible();
      expect(text(login)).to.contain('Sign in to');
      await toCodeStep(login);
      expect(focusedId(login)).to.equal('code');
      expect(text(login)).to.contain(`We sent a code to ${admin.email}`);
      expect(live(login)).to.equal(`Code sent to ${admin.email}.`);
      await expect(login).to.be.accessible();

      const event = oneEvent(login, 'portal-signed-in') as Promise<PortalSignedInEvent>;
      // Completing the code submits it: no button press needed.
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      const signedInEvent = await event;
      expect(signedInEvent.user.email).to.equal(admin.email);
      expect(signedInEvent.organization.name).to.equal(SEED_ORGANIZATION.name);
      await signedIn(login);
      await waitUntil(() => consumer.status === 'signed-in');
      expect(text(consumer)).to.contain(`signed-in|${admin.name}`);
      const account = text(login);
      for (const expected of [admin.name, admin.email, SEED_ORGANIZATION.name, 'Customer admin', 'Sign out']) {
        expect(account).to.contain(expected);
      }
      expect(live(login)).to.equal(`Signed in as ${admin.name}.`);
      await expect(login).to.be.accessible();
    });

    it('has a single code input for autofill and paste, and takes a pasted code with spaces', async () => {
      const { login } = await mount();
      await toCodeStep(login);
      const input = must<HTMLInputElement>(login, 'code-input');
      expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(input.getAttribute('inputmode')).to.equal('numeric');
      expect(root(login).querySelectorAll('input').length).to.equal(1);
      expect(root(login).querySelector('label[for="code"]')?.textContent?.trim()).to.equal('Sign-in code');
      const verify = hold('/auth/otp/verify', false);
      input.focus();
      // Through the browser's own editing, as a paste is: nothing may cut the text short.
      document.execCommand('insertText', false, `${DEMO_OTP_CODE.slice(0, 3)} ${DEMO_OTP_CODE.slice(3)}`);
      await signedIn(login);
      expect(verify.bodies.length).to.equal(1);
      expect(JSON.parse(verify.bodies[0] ?? '{}').code).to.equal(DEMO_OTP_CODE);
    });

    it('does not reveal whether an email has an account', async () => {
      const outcome = async (email: string): Promise<string> => {
        const { page, login } = await mount();
        await toCodeStep(login, email);
        await waitUntil(() => live(login) !== '');
        const seen = `${text(login)} || ${live(login)} || ${focusedId(login)}`.split(email).join('EMAIL');
        page.remove();
        return seen;
      };
      const known = await outcome(admin.email);
      const unknown = await outcome('nobody@unknown.example');
      expect(unknown).to.contain('We sent a code to EMAIL');
      expect(unknown).to.equal(known);
    });

    it('says a wrong code is wrong, next to the input, and keeps what was typed', async () => {
      const { login } = await mount();
      await toCodeStep(login);
      type(must<HTMLInputElement>(login, 'code-input'), '000000');
      await waitUntil(() => part(login, 'field-error'), 'no error shown');
      const input = must<HTMLInputElement>(login, 'code-input');
      expect(must(login, 'field-error').textContent).to.contain('That code isn’t right');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('code-error');
      expect(input.value).to.equal('000000');
      expect(focusedId(login)).to.equal('code');
      await expect(login).to.be.accessible();
    });

    it('says an expired code has expired', async () => {
      const { login } = await mount();
      await toCodeStep(login);
      clock.advance(OTP_TTL_MS + 1000);
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      await waitUntil(() => part(login, 'field-error'));
      expect(must(login, 'field-error').textContent).to.contain('That code has expired');
    });

    it('says when there were too many wrong codes, and how long to wait', async () => {
      const { login } = await mount();
      await toCodeStep(login);
      const input = must<HTMLInputElement>(login, 'code-input');
      for (let i = 0; i < 6; i++) {
        type(input, '');
        type(input, `00000${i}`);
        await waitUntil(() => requests('/auth/otp/verify') === i + 1);
        await waitUntil(() => part(login, 'field-error'));
      }
      await waitUntil(() => (part(login, 'field-error')?.textContent ?? '').includes('Too many wrong codes'));
      expect(must(login, 'field-error').textContent).to.contain('Try again in 5 minutes');
    });

    it('shows the wait from Retry-After when sending is rate limited, keeping the email', async () => {
      backend.injectFault({ match: 'POST /auth/otp/start', status: 429, retryAfter: 42, times: 1 });
      const { login } = await mount();
      await ready(login);
      type(must<HTMLInputElement>(login, 'email-input'), admin.email);
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'alert'));
      await login.updateComplete;
      expect(must(login, 'alert').textContent).to.contain('Try again in 42 seconds');
      expect(focusedPart(login)).to.equal('alert');
      expect(must<HTMLInputElement>(login, 'email-input').value).to.equal(admin.email);
      await expect(login).to.be.accessible();
    });

    it('offers a retry after a server error, and the retry goes on to the code', async () => {
      backend.injectFault({ match: 'POST /auth/otp/start', status: 503, times: 1 });
      const { login } = await mount();
      await ready(login);
      type(must<HTMLInputElement>(login, 'email-input'), admin.email);
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'retry'));
      expect(must(login, 'alert').textContent).to.contain('Something went wrong on our side');
      must(login, 'retry').click();
      await waitUntil(() => part(login, 'code-input'));
    });

    it('says when the network is down, and the email survives a reload', async () => {
      backend.injectFault({ match: 'POST /auth/otp/start', network: true, times: 1 });
      const first = await mount();
      await ready(first.login);
      type(must<HTMLInputElement>(first.login, 'email-input'), admin.email);
      must(first.login, 'submit').click();
      await waitUntil(() => part(first.login, 'alert'));
      expect(must(first.login, 'alert').textContent).to.contain('Can’t reach the support server');
      first.page.remove();
      const second = await mount();
      await ready(second.login);
      expect(must<HTMLInputElement>(second.login, 'email-input').value).to.equal(admin.email);
    });

    it('puts a 422 field error on the email input', async () => {
      worker.use(
        http.post('/api/auth/otp/start', () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: 'email', message: 'Bad email' }] },
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      );
      const { login } = await mount();
      await ready(login);
      type(must<HTMLInputElement>(login, 'email-input'), 'x@y.example');
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'field-error'));
      await login.updateComplete;
      const input = must<HTMLInputElement>(login, 'email-input');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('email-error');
      expect(focusedId(login)).to.equal('email');
      await expect(login).to.be.accessible();
    });

    it('checks the email before sending anything', async () => {
      const { login } = await mount();
      await ready(login);
      type(must<HTMLInputElement>(login, 'email-input'), 'not-an-email');
      must(login, 'submit').click();
      await login.updateComplete;
      expect(must(login, 'field-error').textContent).to.contain('Enter an email address');
      expect(requests('/auth/otp/start')).to.equal(0);
    });

    it('explains a 403 on sending and a 5xx or network failure on verifying', async () => {
      backend.injectFault({ match: 'POST /auth/otp/start', status: 403, times: 1 });
      const { login } = await mount();
      await ready(login);
      type(must<HTMLInputElement>(login, 'email-input'), admin.email);
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'alert'));
      expect(must(login, 'alert').textContent).to.contain('aren’t allowed to sign in here');

      must(login, 'submit').click();
      await waitUntil(() => part(login, 'code-input'));
      backend.injectFault({ match: 'POST /auth/otp/verify', status: 500, times: 1 });
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      await waitUntil(() => part(login, 'retry'));
      expect(must<HTMLInputElement>(login, 'code-input').value).to.equal(DEMO_OTP_CODE);
      backend.injectFault({ match: 'POST /auth/otp/verify', network: true, times: 1 });
      must(login, 'retry').click();
      await waitUntil(() => (part(login, 'alert')?.textContent ?? '').includes('Can’t reach'));
      must(login, 'retry').click();
      await signedIn(login);
    });

    it('counts down before a new code can be sent, then sends one', async () => {
      let starts = 0;
      worker.use(
        http.post('/api/auth/otp/start', () => {
          starts++;
          return HttpResponse.json({ resendAfterSeconds: 1, codeLength: 6 }, { status: 202 });
        }),
      );
      const { login } = await mount();
      await toCodeStep(login);
      const resend = must<HTMLButtonElement>(login, 'resend');
      expect(resend.disabled).to.equal(true);
      expect(resend.textContent?.trim()).to.equal('Send again in 1 second');
      await waitUntil(() => !must<HTMLButtonElement>(login, 'resend').disabled, 'resend never enabled', { timeout: 5000 });
      expect(must(login, 'resend').textContent?.trim()).to.equal('Send a new code');
      must(login, 'resend').click();
      await waitUntil(() => starts === 2);
      await waitUntil(() => live(login) === 'A new email is on its way.');
    });

    it('keeps counting down when the element is moved in the page', async () => {
      quickStarts(() => HttpResponse.json({ resendAfterSeconds: 1, codeLength: 6 }, { status: 202 }));
      const { provider, login } = await mount();
      await toCodeStep(login);
      expect(must<HTMLButtonElement>(login, 'resend').disabled).to.equal(true);
      move(provider, login);
      await waitUntil(() => !must<HTMLButtonElement>(login, 'resend').disabled, 'resend never enabled after a move', { timeout: 5000 });
      expect(must(login, 'resend').textContent?.trim()).to.equal('Send a new code');
    });

    it('finishes signing in when the element is moved meanwhile', async () => {
      const { provider, login } = await mount();
      await toCodeStep(login);
      const verify = hold('/auth/otp/verify');
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      await waitUntil(() => verify.bodies.length === 1);
      move(provider, login);
      await login.updateComplete;
      verify.release();
      await signedIn(login);
    });

    it('cannot send a new code while signing in', async () => {
      quickStarts();
      const { login } = await mount();
      await toCodeStep(login);
      expect(must<HTMLButtonElement>(login, 'resend').disabled).to.equal(false);
      const verify = hold('/auth/otp/verify');
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      await waitUntil(() => verify.bodies.length === 1);
      await login.updateComplete;
      expect(must<HTMLButtonElement>(login, 'resend').disabled).to.equal(true);
      verify.release();
      await signedIn(login);
    });

    it('announces every resend, even with the same words', async () => {
      const starts = quickStarts();
      const { login } = await mount();
      await toCodeStep(login);
      const region = root(login).querySelector('[role="status"]') as HTMLElement;
      let said = region.textContent?.trim() ?? '';
      let announcements = 0;
      const observer = new MutationObserver(() => {
        const now = region.textContent?.trim() ?? '';
        if (now && now !== said) announcements++;
        said = now;
      });
      observer.observe(region, { childList: true, subtree: true, characterData: true });
      must(login, 'resend').click();
      await waitUntil(() => starts.count() === 2 && live(login) === 'A new email is on its way.');
      await waitUntil(() => !must<HTMLButtonElement>(login, 'resend').disabled);
      must(login, 'resend').click();
      await waitUntil(() => starts.count() === 3);
      await waitUntil(() => announcements === 2, `announced ${announcements} times`, { timeout: 5000 }).finally(() => observer.disconnect());
    });

    it('holds "send a new code" back for as long as a 429 asks', async () => {
      quickStarts((n) =>
        n === 1
          ? undefined
          : HttpResponse.json(
              { type: 'about:blank', title: 'Too many requests', status: 429 },
              { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' } },
            ),
      );
      const { login } = await mount();
      await toCodeStep(login);
      must(login, 'resend').click();
      await waitUntil(() => part(login, 'alert'));
      await login.updateComplete;
      expect(must(login, 'alert').textContent).to.contain('Try again in 42 seconds');
      const resend = must<HTMLButtonElement>(login, 'resend');
      expect(resend.disabled).to.equal(true);
      expect(resend.textContent?.trim()).to.equal('Send again in 42 seconds');
    });

    it('shows catalogue words, not the server’s, for a 422', async () => {
      quickStarts(() => problem422([{ field: 'phone', message: 'Account acme-42 already has this phone' }]));
      const { login } = await mount();
      await ready(login);
      type(must<HTMLInputElement>(login, 'email-input'), admin.email);
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'alert'));
      expect(must(login, 'alert').textContent?.trim()).to.equal('Some fields need attention.');
      expect(text(login)).not.to.contain('acme-42');
    });

    it('shows the catalogue’s name error for a 422 on sign-up', async () => {
      backend.setConfig({ selfSignup: true });
      quickStarts(() => problem422([{ field: 'name', message: 'Nom obligatoire pour le compte' }]));
      const { login } = await mount();
      await ready(login);
      must(login, 'mode-toggle').click();
      await login.updateComplete;
      type(must<HTMLInputElement>(login, 'name-input'), 'N');
      type(must<HTMLInputElement>(login, 'email-input'), 'nia@newco.example');
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'field-error'));
      expect(must(login, 'field-error').textContent?.trim()).to.equal('Enter your name.');
      expect(text(login)).not.to.contain('Nom obligatoire');
    });

    it('goes back to the email with "use a different email"', async () => {
      const { login } = await mount();
      await toCodeStep(login);
      must(login, 'back').click();
      await login.updateComplete;
      expect(must<HTMLInputElement>(login, 'email-input').value).to.equal(admin.email);
      expect(focusedId(login)).to.equal('email');
    });

    it('works by keyboard alone', async () => {
      const { login } = await mount();
      await ready(login);
      must(login, 'email-input').focus();
      await sendKeys({ type: SEED_USERS.customer.email });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focusedId(login) === 'code', 'focus never reached the code input');
      await sendKeys({ type: DEMO_OTP_CODE });
      await signedIn(login);
      await waitUntil(() => focusedId(login) === 'signed-in-heading', 'focus never moved to the signed-in heading');
      await sendKeys({ press: 'Tab' });
      expect(focusedPart(login)).to.equal('sign-out');
      const out = oneEvent(login, 'portal-signed-out');
      await sendKeys({ press: 'Enter' });
      await out;
      await waitUntil(() => focusedId(login) === 'email', 'focus never returned to the email input');
    });
  });

  describe('magic link', () => {
    it('shows only the link method without a chooser, then "check your inbox"', async () => {
      backend.setConfig({ loginMethods: ['magic_link'] });
      const { login } = await mount();
      await ready(login);
      expect(part(login, 'magic-link-button') === null, 'no chooser').to.equal(true);
      expect(part(login, 'divider') === null, 'no divider').to.equal(true);
      expect(must(login, 'submit').textContent?.trim()).to.equal('Email me a sign-in link');
      type(must<HTMLInputElement>(login, 'email-input'), admin.email);
      must(login, 'submit').click();
      await waitUntil(() => text(login).includes('Check your inbox'));
      await login.updateComplete;
      expect(focusedPart(login)).to.equal('heading');
      expect(must<HTMLButtonElement>(login, 'resend').disabled).to.equal(true);
      expect(backend.lastMagicLinkCode(admin.email) !== undefined, 'link sent').to.equal(true);
      await expect(login).to.be.accessible();
    });

    it('exchanges #portal_code on load, removes it from the address bar, exactly once', async () => {
      backend.startMagicLink(admin.email, location.href);
      const code = backend.lastMagicLinkCode(admin.email) ?? '';
      history.replaceState(null, '', `${location.pathname}${location.search}#portal_code=${code}&keep=1`);
      const page = await fixture<HTMLElement>(html`
        <div>
          <portal-login variant="compact"></portal-login>
          <portal-provider><portal-login></portal-login></portal-provider>
          <test-session-consumer></test-session-consumer>
        </div>
      `);
      expect(location.hash).to.equal('#keep=1');
      const full = page.querySelector('portal-login[variant="full"]') as PortalLogin;
      const compact = page.querySelector('portal-login[variant="compact"]') as PortalLogin;
      await signedIn(full);
      await signedIn(compact);
      expect(requests('/auth/code/exchange')).to.equal(1);
      const consumer = page.querySelector('test-session-consumer') as TestSessionConsumer;
      expect(consumer.status).to.equal('signed-in');
      history.replaceState(null, '', `${location.pathname}${location.search}`);
    });

    it('says so when the link expired, and when it was already used', async () => {
      const code = backend.mintExchangeCode(admin.email, location.href);
      clock.advance(EXCHANGE_CODE_TTL_MS + 1000);
      history.replaceState(null, '', `#portal_code=${code}`);
      const first = await mount();
      await waitUntil(() => part(first.login, 'alert'), 'no error for the expired link');
      expect(must(first.login, 'alert').textContent).to.contain('This sign-in link has expired');
      expect(location.hash).to.equal('');
      expect(part(first.login, 'email-input') !== null, 'can ask for a new link').to.equal(true);
      expect(part(first.login, 'retry') === null, 'no retry for a dead link').to.equal(true);
      await expect(first.login).to.be.accessible();
      first.page.remove();

      clock.set(Date.now());
      const used = backend.mintExchangeCode(admin.email, location.href);
      backend.exchangeCode(used);
      history.replaceState(null, '', `#portal_code=${used}`);
      const second = await mount();
      await waitUntil(() => part(second.login, 'alert'));
      expect(must(second.login, 'alert').textContent).to.contain('already used');
    });

    it('says so when the exchange fails on a 5xx', async () => {
      backend.injectFault({ match: 'POST /auth/code/exchange', status: 502, times: 1 });
      history.replaceState(null, '', '#portal_code=code_whatever');
      const { login } = await mount();
      await waitUntil(() => part(login, 'alert'));
      expect(must(login, 'alert').textContent).to.contain('Something went wrong on our side');
    });

    it('retries a link exchange that failed on the server', async () => {
      const code = backend.mintExchangeCode(admin.email, location.href);
      backend.injectFault({ match: 'POST /auth/code/exchange', status: 503, times: 1 });
      history.replaceState(null, '', `#portal_code=${code}`);
      const { login, consumer } = await mount();
      await waitUntil(() => part(login, 'retry'), `no retry: ${text(login)}`);
      expect(must(login, 'alert').textContent).to.contain('Something went wrong on our side');
      must(login, 'retry').click();
      await signedIn(login);
      expect(consumer.status).to.equal('signed-in');
    });
  });

  describe('SSO', () => {
    it('links each configured provider to its authorize URL with this page as redirect_uri', async () => {
      backend.setConfig({ loginMethods: ['otp', 'google', 'microsoft'] });
      const { login } = await mount();
      await waitUntil(() => root(login).querySelectorAll('[part~="sso-button"]').length === 2);
      const links = [...root(login).querySelectorAll<HTMLAnchorElement>('[part~="sso-button"]')];
      expect(links.map((a) => a.textContent?.trim()).join('|')).to.equal('Continue with Google|Continue with Microsoft');
      const url = new URL(links[0]?.href ?? '');
      expect(url.pathname).to.equal('/api/sso/google/authorize');
      const here = new URL(location.href);
      here.hash = '';
      expect(url.searchParams.get('redirect_uri')).to.equal(here.href);
      expect(part(login, 'divider') !== null, 'divider between email and SSO').to.equal(true);
      await expect(login).to.be.accessible();
    });

    it('shows only SSO when it is the only method, and retries a failed provider list', async () => {
      backend.setConfig({ loginMethods: ['microsoft'] });
      // No `times`: the client retries a failed GET by itself.
      const fault = backend.injectFault({ match: 'GET /auth/providers', status: 500 });
      const { login } = await mount();
      await waitUntil(() => part(login, 'retry'), 'no retry for the provider list');
      expect(part(login, 'email-input') === null, 'no email form').to.equal(true);
      fault.remove();
      must(login, 'retry').click();
      await waitUntil(() => part(login, 'sso-button'));
      expect(part(login, 'divider') === null, 'no divider').to.equal(true);
    });

    it('puts focus on the heading after signing out when only SSO is offered', async () => {
      backend.setConfig({ loginMethods: ['microsoft'] });
      const { login, provider } = await mount();
      await ready(login);
      await provider.services.session.signIn(backend.signIn(admin.email));
      await signedIn(login);
      must(login, 'sign-out').focus();
      must(login, 'sign-out').click();
      await waitUntil(() => part(login, 'sso-button'));
      await waitUntil(() => root(login).activeElement?.tagName === 'H2', 'focus never reached the heading').catch(() => undefined);
      const focused = root(login).activeElement as HTMLElement | null;
      expect(focused?.tagName ?? 'nothing').to.equal('H2');
      expect(focused?.textContent?.trim() ?? '').to.contain('Sign in to');
    });
  });

  describe('self sign-up', () => {
    it('creates an account with name and email, then the code', async () => {
      backend.setConfig({ selfSignup: true });
      const { login } = await mount();
      await ready(login);
      must(login, 'mode-toggle').click();
      await login.updateComplete;
      expect(focusedId(login)).to.equal('name');
      expect(text(login)).to.contain('Create your');
      must(login, 'submit').click();
      await login.updateComplete;
      expect(must(login, 'field-error').textContent).to.contain('Enter your name');
      type(must<HTMLInputElement>(login, 'name-input'), 'Nia Newcomer');
      type(must<HTMLInputElement>(login, 'email-input'), 'nia@newco.example');
      await expect(login).to.be.accessible();
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'code-input'));
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      await signedIn(login);
      expect(text(login)).to.contain('Nia Newcomer');
    });

    it('offers no sign-up when the portal does not allow it', async () => {
      backend.setConfig({ selfSignup: false });
      const { login } = await mount();
      await ready(login);
      expect(part(login, 'mode-toggle') === null, 'no sign-up link').to.equal(true);
    });
  });

  describe('host identity', () => {
    it('signs in from the provider identity-token with no login element on the page', async () => {
      const token = createIdentityToken({ email: SEED_USERS.customer.email, name: SEED_USERS.customer.name });
      const page = await fixture<HTMLElement>(html`
        <div><test-session-consumer></test-session-consumer><portal-provider identity-token=${token}></portal-provider></div>
      `);
      const consumer = page.querySelector('test-session-consumer') as TestSessionConsumer;
      await waitUntil(() => consumer.status === 'signed-in', 'never signed in');
      expect(text(consumer)).to.contain(SEED_USERS.customer.name);
      expect(requests('/auth/identity')).to.equal(1);
    });

    it('signs in with signInWithIdentityToken() and explains a rejected token', async () => {
      const { login, consumer } = await mount();
      await ready(login);
      let failed = '';
      await login.signInWithIdentityToken('not.a-valid.token!').catch((error: Error) => (failed = error.name));
      expect(failed).to.equal('PortalError');
      await login.updateComplete;
      expect(must(login, 'alert').textContent).to.contain('Your site account could not sign you in');
      expect(consumer.status).to.equal('signed-out');
      const me = await login.signInWithIdentityToken(createIdentityToken({ email: admin.email, name: admin.name }));
      expect(me.user.email).to.equal(admin.email);
      await signedIn(login);
      expect(consumer.status).to.equal('signed-in');
    });

    it('leaves focus on the host page when a host-started sign-in fails', async () => {
      const { page, login } = await mount();
      await ready(login);
      const hostInput = document.createElement('input');
      hostInput.setAttribute('aria-label', 'Host search');
      page.prepend(hostInput);
      hostInput.focus();
      await login.signInWithIdentityToken('not.a-valid.token!').catch(() => undefined);
      await login.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(must(login, 'alert').textContent).to.contain('Your site account could not sign you in');
      expect(document.activeElement === hostInput, 'focus stayed on the host input').to.equal(true);
    });
  });

  describe('session', () => {
    it('asks to sign in again when the session expires, losing nothing typed elsewhere', async () => {
      const { provider, login, consumer } = await mount();
      await toCodeStep(login);
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      await signedIn(login);
      const draft = root(consumer).querySelector('#draft') as HTMLInputElement;
      draft.value = 'half-written message';
      const expired = oneEvent(login, 'portal-session-expired') as Promise<PortalSessionExpiredEvent>;
      backend.expireSessions();
      await provider.services.client.getMe().catch(() => undefined);
      expect((await expired).user?.email).to.equal(admin.email);
      await waitUntil(() => part(login, 'email-input'));
      expect(consumer.status).to.equal('expired');
      expect(text(login)).to.contain('Your session has ended');
      await waitUntil(() => live(login).startsWith('Your session has ended'), 'the expiry was not announced');
      expect(must<HTMLInputElement>(login, 'email-input').value).to.equal(admin.email);
      expect((root(consumer).querySelector('#draft') as HTMLInputElement).value).to.equal('half-written message');
      await expect(login).to.be.accessible();
    });

    it('after an expiry, keeps a wrong code, a 5xx and a network failure at the code step', async () => {
      const { provider, login } = await mount();
      await ready(login);
      await provider.services.session.signIn(backend.signIn(admin.email));
      await signedIn(login);
      backend.expireSessions();
      await provider.services.client.getMe().catch(() => undefined);
      await waitUntil(() => part(login, 'email-input'));
      expect(must<HTMLInputElement>(login, 'email-input').value).to.equal(admin.email);
      must(login, 'submit').click();
      await waitUntil(() => part(login, 'code-input'));
      type(must<HTMLInputElement>(login, 'code-input'), '000000');
      await waitUntil(() => part(login, 'field-error'), `no error at the code: ${text(login)}`);
      await login.updateComplete;
      expect(must(login, 'field-error').textContent).to.contain('That code isn’t right');
      expect(must<HTMLInputElement>(login, 'code-input').value).to.equal('000000');
      expect(focusedId(login)).to.equal('code');

      backend.injectFault({ match: 'POST /auth/otp/verify', status: 500, times: 1 });
      type(must<HTMLInputElement>(login, 'code-input'), '');
      type(must<HTMLInputElement>(login, 'code-input'), DEMO_OTP_CODE);
      await waitUntil(() => (part(login, 'alert')?.textContent ?? '').includes('Something went wrong'), `no 5xx error: ${text(login)}`);
      expect(must<HTMLInputElement>(login, 'code-input').value).to.equal(DEMO_OTP_CODE);
      backend.injectFault({ match: 'POST /auth/otp/verify', network: true, times: 1 });
      must(login, 'retry').click();
      await waitUntil(() => (part(login, 'alert')?.textContent ?? '').includes('Can’t reach'), `no network error: ${text(login)}`);
      expect(must<HTMLInputElement>(login, 'code-input').value).to.equal(DEMO_OTP_CODE);
      must(login, 'retry').click();
      await signedIn(login);
    });

    it('restores the session on reload and signs out everywhere', async () => {
      const first = await mount();
      await toCodeStep(first.login);
      type(must<HTMLInputElement>(first.login, 'code-input'), DEMO_OTP_CODE);
      await signedIn(first.login);
      expect(Object.keys(sessionStorage).some((k) => k.startsWith('portal-elements:session:'))).to.equal(true);
      first.page.remove();
      const second = await mount();
      await signedIn(second.login);
      await waitUntil(() => second.consumer.status === 'signed-in');
      const out = oneEvent(second.login, 'portal-signed-out');
      must(second.login, 'sign-out').click();
      await out;
      await waitUntil(() => second.consumer.status === 'signed-out');
      await ready(second.login);
    });
  });

  describe('compact variant', () => {
    it('is an account button with a keyboard menu: Escape closes and focus returns', async () => {
      const { login, provider } = await mount(html`<portal-login variant="compact"></portal-login>`);
      await waitUntil(() => part(login, 'sign-in-button'));
      // Signed in elsewhere on the page (as the demo panel does): the compact element follows.
      await provider.services.session.signIn(backend.signIn(admin.email));
      await signedIn(login);
      const button = must<HTMLButtonElement>(login, 'account-button');
      expect(button.textContent?.replace(/\s+/g, ' ').trim()).to.equal(`DW Account: ${admin.name}`);
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      const controlled = root(login).getElementById(button.getAttribute('aria-controls') ?? '');
      expect(controlled?.getAttribute('role') ?? 'nothing').to.equal('menu');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focusedPart(login).includes('menu-item'), 'focus never reached the menu');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(text(login)).to.contain(SEED_ORGANIZATION.name);
      await expect(login).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => focusedId(login) === 'account-button', 'focus did not return');
      expect(must(login, 'menu').closest('[hidden]') !== null, 'menu hidden').to.equal(true);
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => focusedPart(login).includes('menu-item'));
      const out = oneEvent(login, 'portal-signed-out');
      await sendKeys({ press: 'Enter' });
      await out;
      await waitUntil(() => focusedPart(login) === 'sign-in-button', 'focus did not land on sign in');
    });

    it('opens a sign-in panel from "Sign in", or links to a sign-in page', async () => {
      const { login } = await mount(html`<portal-login variant="compact"></portal-login>`);
      const button = await waitUntil(() => part(login, 'sign-in-button')).then(() => must(login, 'sign-in-button'));
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focusedId(login) === 'email', 'focus never reached the email input');
      login.style.setProperty('--portal-login-panel-inline-size', '15rem');
      expect(Math.round(must(login, 'panel').getBoundingClientRect().width)).to.equal(240);
      await expect(login).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => focusedPart(login) === 'sign-in-button');
      expect(must(login, 'panel').hidden).to.equal(true);

      const linked = await fixture<PortalLogin>(html`<portal-login variant="compact" sign-in-href="/sign-in.html"></portal-login>`);
      await waitUntil(() => part(linked, 'sign-in-link'));
      expect(must(linked, 'sign-in-link').getAttribute('href')).to.equal('/sign-in.html');
    });
  });

  it('shows a retry when the portal config cannot load', async () => {
    const fault = backend.injectFault({ match: 'GET /portal', status: 500 });
    const { login } = await mount();
    await waitUntil(() => part(login, 'retry'), 'no retry', { timeout: 5000 });
    expect(text(login)).to.contain('could not load its settings');
    await expect(login).to.be.accessible();
    fault.remove();
    must(login, 'retry').click();
    await ready(login);
  });
});
