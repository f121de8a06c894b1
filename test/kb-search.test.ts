import { expect, fixture, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '../src/elements/kb-search/define.js';
import type { PortalArticleFeedbackEvent, PortalArticleOpenEvent, PortalCreateTicketEvent } from '../src/elements/kb-search/events.js';
import type { PortalKbSearch } from '../src/elements/kb-search/kb-search.js';
import { splitMatches } from '../src/elements/kb-search/url.js';
import '../src/elements/provider/define.js';
import type { PortalProvider } from '../src/elements/provider/provider.js';
import { createMockBackend, SEED_USERS, startMockWorker } from '../src/mocks/index.js';

/** `waitUntil` with a 5 s default: three engines share two cores. */
function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}

const backend = createMockBackend();
let worker: SetupWorker;

// ----- helpers (strings, numbers and booleans only reach chai) -----

const root = (el: Element): ShadowRoot => el.shadowRoot as ShadowRoot;
const all = (el: Element, selector: string): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>(selector)];
const part = (el: Element, name: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element): string => (root(el).textContent ?? '').replace(/\s+/g, ' ').trim();
const must = (el: Element, name: string): HTMLElement => {
  const found = part(el, name);
  if (!found) throw new Error(`no part ${name}; shadow text: ${text(el)}`);
  return found;
};
const input = (el: Element): HTMLInputElement => must(el, 'input') as HTMLInputElement;
const focused = (el: Element): string => {
  const active = root(el).activeElement as HTMLElement | null;
  return active ? `${active.localName}#${active.id}|${active.getAttribute('part') ?? ''}` : '';
};
const live = (el: Element): string => root(el).querySelector('[role="status"]')?.textContent?.trim() ?? '';
const titles = (el: Element): string[] => all(el, '[part~="result-title"]').map((t) => t.textContent ?? '');
const visible = (el: HTMLElement | null): boolean => !!el && !el.closest('[hidden]') && el.getClientRects().length > 0;

function type(el: PortalKbSearch, value: string): void {
  const box = input(el);
  box.focus();
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The `q` of every search sent since the test began. */
let queries: string[] = [];
const searches = (): string[] => queries;

async function mount(attrs = html`<portal-kb-search></portal-kb-search>`): Promise<{ provider: PortalProvider; el: PortalKbSearch }> {
  const provider = await fixture<PortalProvider>(html`<portal-provider token-storage="memory">${attrs}</portal-provider>`);
  const el = provider.querySelector('portal-kb-search') as PortalKbSearch;
  return { provider, el };
}

async function collections(el: PortalKbSearch): Promise<void> {
  await waitUntil(() => all(el, '[part~="collection"]').length > 0, `no collections: ${text(el)}`);
}

async function results(el: PortalKbSearch, query: string): Promise<void> {
  type(el, query);
  await waitUntil(() => input(el).getAttribute('aria-expanded') === 'true' || part(el, 'create-ticket') || part(el, 'alert'), `no results: ${text(el)}`);
}

async function article(el: PortalKbSearch): Promise<void> {
  await waitUntil(() => part(el, 'article-title') || part(el, 'alert'), `no article: ${text(el)}`);
  await el.updateComplete;
}

describe('<portal-kb-search>', () => {
  before(async () => {
    worker = await startMockWorker(backend, { quiet: true });
  });
  after(() => worker.stop());
  beforeEach(() => {
    backend.reset();
    backend.clearRequestLog();
    sessionStorage.clear();
    localStorage.clear();
    queries = [];
    worker.use(
      http.get('/api/kb/articles', ({ request }) => {
        const q = new URL(request.url).searchParams.get('q');
        if (q !== null) queries.push(q);
        return undefined;
      }),
    );
  });
  afterEach(() => {
    worker.resetHandlers();
    history.replaceState(null, '', location.pathname);
  });

  it('shows the topics with their article counts when the box is empty', async () => {
    const { el } = await mount();
    await collections(el);
    const cards = all(el, '[part~="collection"]').map((c) => c.textContent?.replace(/\s+/g, ' ').trim() ?? '');
    expect(cards.length).to.equal(5);
    expect(cards[0]).to.contain('Getting started');
    expect(cards[0]).to.contain('6 articles');
    expect(cards[3]).to.contain('4 articles');
    await expect(el).to.be.accessible();
  });

  it('searches as you type after a pause, with title, topic, date and highlighted snippet', async () => {
    const { el } = await mount();
    await collections(el);
    type(el, 'api');
    type(el, 'api key');
    await results(el, 'api key');
    // One request for the final text: the debounce swallowed the first.
    expect(searches().length).to.equal(1);
    expect(searches()[0]).to.equal('api key');
    expect(titles(el)).to.include('Authenticate with API keys');
    const first = must(el, 'result');
    expect(first.getAttribute('role')).to.equal('option');
    expect(first.textContent).to.contain('API & integrations');
    expect(first.querySelector('time')?.getAttribute('datetime')).to.match(/^\d{4}-/);
    const marks = all(el, 'mark').map((m) => m.textContent?.toLowerCase());
    expect(marks).to.include('api');
    expect(marks).to.include('key');
    await waitUntil(() => /articles? found/.test(live(el)));
    await expect(el).to.be.accessible();
  });

  it('never shows an older search: a newer query aborts the one in flight', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    worker.use(
      http.get('/api/kb/articles', async ({ request }) => {
        if (new URL(request.url).searchParams.get('q') !== 'billing') return undefined;
        held = true;
        await gate;
        return HttpResponse.json({ items: [{ id: 'x', title: 'Stale billing result', snippet: '', collectionId: 'col_billing', updatedAt: new Date().toISOString() }], nextCursor: null });
      }),
    );
    const { provider, el } = await mount();
    // The client sees the signal the element passes: a newer search must abort it.
    const signals: (AbortSignal | undefined)[] = [];
    const client = provider.services.client;
    const list = client.listArticles.bind(client);
    client.listArticles = (query, options) => {
      signals.push(options?.signal);
      return list(query, options);
    };
    await collections(el);
    type(el, 'billing');
    await waitUntil(() => held, 'never searched');
    expect(input(el).getAttribute('aria-busy')).to.equal('true');
    expect(must(el, 'status').textContent).to.contain('Searching');
    await expect(el).to.be.accessible();
    await results(el, 'invite');
    expect(signals.length).to.equal(2);
    expect(signals[0]?.aborted).to.equal(true);
    expect(signals[1]?.aborted).to.equal(false);
    release();
    await delay(50);
    expect(titles(el).join('|')).to.equal('Invite your team');
    expect(text(el)).not.to.contain('Stale billing');
  });

  it('highlights by building text, never HTML, even for HTML-like queries and snippets', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    worker.use(
      http.get('/api/kb/articles', () =>
        HttpResponse.json({
          items: [{ id: 'art_001', title: `About ${hostile}`, snippet: `Raw <b>bold</b> and ${hostile} stay text`, collectionId: 'col_api', updatedAt: new Date().toISOString() }],
          nextCursor: null,
        }),
      ),
    );
    const { el } = await mount();
    await results(el, hostile);
    expect(root(el).querySelectorAll('img, b').length).to.equal(0);
    expect(must(el, 'snippet').textContent).to.equal(`Raw <b>bold</b> and ${hostile} stay text`);
    const marks = all(el, 'mark').map((m) => m.textContent);
    expect(marks).to.include('<img');
    expect(marks).to.include('onerror=alert(1)>');
    expect(splitMatches('a.b (c)', '. (c)').map((r) => `${r.match ? '[' : ''}${r.text}${r.match ? ']' : ''}`).join('')).to.equal('a[.]b [(c)]');
  });

  it('finds the article with HTML in its title through the real search', async () => {
    const { el } = await mount();
    await results(el, '<script>');
    expect(titles(el).join('|')).to.contain('<script>alert("xss")</script>');
    expect(root(el).querySelectorAll('script').length).to.equal(0);
  });

  it('opens a topic, lists its articles, and goes back to the topic button', async () => {
    const { el } = await mount();
    await collections(el);
    const pipelines = all(el, '[part~="collection"]')[1] as HTMLElement;
    pipelines.click();
    await waitUntil(() => titles(el).length === 6, `no topic articles: ${text(el)}`);
    expect(must(el, 'collection-heading').textContent).to.equal('Pipelines');
    expect(focused(el)).to.contain('collection-heading');
    expect(titles(el)).to.include('Schedule a pipeline');
    await expect(el).to.be.accessible();
    must(el, 'back').click();
    await collections(el);
    await el.updateComplete;
    expect(focused(el)).to.contain('collection');
    expect((root(el).activeElement as HTMLElement).textContent).to.contain('Pipelines');
  });

  it('works by keyboard alone: arrows, Enter opens, back restores the list and the focus', async () => {
    const { el } = await mount();
    await collections(el);
    input(el).focus();
    await sendKeys({ type: 'pipeline' });
    // On a loaded machine the pause can fall mid-word and show the results for "p" first: wait
    // for the list of the whole word (every highlight is "pipeline").
    await waitUntil(() => {
      const marks = [...root(el).querySelectorAll('[part~="mark"]')].map((mark) => (mark.textContent ?? '').toLowerCase());
      const settled = input(el).getAttribute('aria-expanded') === 'true' && input(el).getAttribute('aria-busy') !== 'true';
      return settled && marks.length > 0 && marks.every((mark) => mark === 'pipeline');
    }, `no results for the whole word: ${text(el)}`);
    const before = titles(el);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('o1');
    expect(root(el).querySelector('#o1')?.getAttribute('aria-selected')).to.equal('true');
    const opened = oneEvent(el, 'portal-article-open') as Promise<PortalArticleOpenEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await opened;
    expect(event.query).to.equal('pipeline');
    expect(event.title).to.equal(before[1]);
    await article(el);
    expect(must(el, 'article-title').textContent).to.equal(before[1]);
    expect(focused(el)).to.contain('article-title');
    await expect(el).to.be.accessible();

    // (WebDriver has no Shift+Tab: the back button, a native button, gets focus directly.)
    must(el, 'back').focus();
    // What a screen reader says: the arrow is decoration.
    const back = (root(el).activeElement as HTMLElement).cloneNode(true) as HTMLElement;
    back.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    expect(back.textContent?.trim()).to.equal('Back to results');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => titles(el).length > 0);
    await el.updateComplete;
    expect(titles(el).join('|')).to.equal(before.join('|'));
    expect(focused(el)).to.equal('input#q|input');
    expect(input(el).value).to.equal('pipeline');
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('o1');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    await collections(el);
  });

  it('shows an article with its table of contents, working anchor links and code blocks', async () => {
    const { el } = await mount();
    await results(el, 'rotate');
    (must(el, 'result')).click();
    await article(el);
    const toc = all(el, '[part~="toc"] a');
    expect(toc.map((a) => a.textContent)).to.include.members(['Before you begin', 'Steps', 'Troubleshooting']);
    expect(root(el).querySelector('[part~="body"] pre code')?.textContent).to.contain('fernwood login');
    expect(root(el).querySelectorAll('[part~="body"] table').length).to.equal(1);
    // The element's own list reset stops at the article: its lists keep bullets and numbers.
    const bodyLists = [...root(el).querySelectorAll('[part~="body"] :is(ul, ol)')].map((list) => getComputedStyle(list).listStyleType);
    expect(bodyLists.join(' ')).to.equal('disc decimal');
    expect(getComputedStyle(root(el).querySelector('[part~="toc"] ul') as Element).listStyleType).to.equal('none');
    const steps = toc.find((a) => a.textContent === 'Steps') as HTMLAnchorElement;
    const href = steps.getAttribute('href') ?? '';
    steps.click();
    expect(location.hash).to.equal('');
    expect(`#${(root(el).activeElement as HTMLElement).id}`).to.equal(href);
    expect((root(el).activeElement as HTMLElement).textContent).to.equal('Steps');
    await expect(el).to.be.accessible();
  });

  it('takes a helpful vote once per article, and says thanks', async () => {
    const { el } = await mount();
    await results(el, 'refund');
    must(el, 'result').click();
    await article(el);
    expect(must(el, 'feedback').textContent).to.contain('Was this article helpful?');
    const votes = all(el, '[part~="vote"]');
    expect(votes.map((b) => b.textContent?.trim()).join('|')).to.equal('Yes|No');
    const sent = oneEvent(el, 'portal-article-feedback') as Promise<PortalArticleFeedbackEvent>;
    (votes[0] as HTMLElement).click();
    const event = await sent;
    expect(event.helpful).to.equal(true);
    await el.updateComplete;
    expect(must(el, 'feedback').textContent).to.contain('Thanks for your feedback.');
    expect(all(el, '[part~="vote"]').length).to.equal(0);
    expect(focused(el)).to.contain('p#');
    await waitUntil(() => live(el) === 'Thanks for your feedback.');
    expect(backend.requestLog.filter((r) => r.method === 'POST').length).to.equal(1);
    await expect(el).to.be.accessible();

    // Opened again after a reload (a new element): no second vote.
    el.closest('portal-provider')?.remove();
    history.replaceState(null, '', `?article=${event.articleId}`);
    const again = await mount();
    await article(again.el);
    expect(must(again.el, 'article-title').textContent).to.equal('Request a refund');
    expect(all(again.el, '[part~="vote"]').length).to.equal(0);
    expect(must(again.el, 'feedback').textContent).to.contain('Thanks for your feedback.');
  });

  it('keeps the vote when sending it fails, and sends it on retry', async () => {
    backend.injectFault({ match: 'POST /kb/articles/:id/feedback', status: 500, times: 1 });
    const { el } = await mount();
    await results(el, 'refund');
    must(el, 'result').click();
    await article(el);
    (all(el, '[part~="vote"]')[1] as HTMLElement).click();
    await waitUntil(() => part(el, 'alert'));
    expect(must(el, 'alert').textContent).to.contain('Something went wrong on our side');
    expect(all(el, '[part~="vote"]')[1]?.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    must(el, 'retry').click();
    await waitUntil(() => must(el, 'feedback').textContent?.includes('Thanks'));
    const posts = backend.requestLog.filter((r) => r.method === 'POST');
    expect(posts.length).to.equal(2);
  });

  it('suggests asking support when nothing matches, with the query', async () => {
    const { el } = await mount();
    await results(el, 'zebra crossing');
    expect(text(el)).to.contain('No articles match “zebra crossing”.');
    await waitUntil(() => live(el) === 'No articles match “zebra crossing”.');
    await expect(el).to.be.accessible();
    const asked = oneEvent(el, 'portal-create-ticket') as Promise<PortalCreateTicketEvent>;
    must(el, 'create-ticket').click();
    expect((await asked).query).to.equal('zebra crossing');
  });

  describe('failures', () => {
    for (const [name, fault, words] of [
      // GETs are retried twice by the client: three failures reach the element.
      ['a server error', { status: 500, times: 3 }, 'Something went wrong on our side'],
      ['the network', { network: true, times: 3 }, 'Can’t reach the support server'],
      ['a rate limit', { status: 429, retryAfter: 30, times: 1 }, 'Try again in 30 seconds'],
      ['a forbidden answer', { status: 403, times: 1 }, 'You don’t have access'],
    ] as const) {
      it(`explains ${name} and retries the search`, async () => {
        backend.injectFault({ match: 'GET /kb/articles', ...fault });
        const { el } = await mount();
        await results(el, 'invite');
        await waitUntil(() => part(el, 'alert'));
        expect(must(el, 'alert').textContent).to.contain(words);
        expect(input(el).value).to.equal('invite');
        await waitUntil(() => live(el).includes(words), `announced: ${live(el)}`);
        await expect(el).to.be.accessible();
        must(el, 'retry').click();
        await waitUntil(() => titles(el).length > 0, `no results after retry: ${text(el)}`);
        expect(titles(el)).to.include('Invite your team');
      });
    }

    it('shows the server’s words for a rejected query (422)', async () => {
      worker.use(
        http.get('/api/kb/articles', () =>
          HttpResponse.json(
            { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: 'q', message: 'Search for 200 characters at most.' }] },
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      );
      const { el } = await mount();
      await results(el, 'x'.repeat(300));
      expect(must(el, 'alert').textContent).to.contain('Search for 200 characters at most.');
    });

    it('explains a failed article and retries it', async () => {
      backend.injectFault({ match: 'GET /kb/articles/:id', times: 3, status: 500 });
      const { el } = await mount();
      await results(el, 'refund');
      must(el, 'result').click();
      await waitUntil(() => part(el, 'status'));
      await expect(el).to.be.accessible();
      await article(el);
      expect(focused(el)).to.contain('alert');
      await expect(el).to.be.accessible();
      must(el, 'retry').click();
      await waitUntil(() => part(el, 'article-title'), `no article after retry: ${text(el)}`);
      expect(must(el, 'article-title').textContent).to.equal('Request a refund');
    });

    it('explains topics that failed to load', async () => {
      backend.injectFault({ match: 'GET /kb/collections', times: 3, status: 500 });
      const { el } = await mount();
      await waitUntil(() => part(el, 'alert'));
      await expect(el).to.be.accessible();
      must(el, 'retry').click();
      await collections(el);
    });
  });

  describe('private knowledge base', () => {
    beforeEach(() => backend.setConfig({ kbVisibility: 'authenticated' }));

    it('asks to sign in, and searches once signed in without losing the text', async () => {
      const { provider, el } = await mount(html`<portal-kb-search query="invite" sign-in-href="/sign-in"></portal-kb-search>`);
      await waitUntil(() => part(el, 'sign-in'));
      expect(must(el, 'sign-in').textContent).to.contain('Sign in to search the help center.');
      expect(must(el, 'sign-in-link').getAttribute('href')).to.equal('/sign-in');
      expect(searches().length).to.equal(0);
      await expect(el).to.be.accessible();
      await provider.services.session.signIn(backend.signIn(SEED_USERS.customer.email));
      await waitUntil(() => titles(el).length > 0, `no results: ${text(el)}`);
      expect(input(el).value).to.equal('invite');
      expect(titles(el)).to.include('Invite your team');
    });

    it('keeps the compact box in the header and asks to sign in inside its dropdown', async () => {
      const { el } = await mount(html`<portal-kb-search variant="compact"></portal-kb-search>`);
      await waitUntil(() => part(el, 'sign-in'));
      expect(visible(part(el, 'input'))).to.equal(true);
      expect(visible(part(el, 'sign-in'))).to.equal(false);
      await expect(el).to.be.accessible();
      type(el, 'invite');
      await el.updateComplete;
      expect(visible(part(el, 'sign-in'))).to.equal(true);
      expect(searches().length).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('asks to sign in again when the session expires (401), keeping the query', async () => {
      const { provider, el } = await mount();
      await provider.services.session.signIn(backend.signIn(SEED_USERS.customer.email));
      await collections(el);
      backend.expireSessions();
      type(el, 'invite');
      await waitUntil(() => part(el, 'sign-in'), `no sign-in prompt: ${text(el)}`);
      await provider.services.session.signIn(backend.signIn(SEED_USERS.customer.email));
      await waitUntil(() => titles(el).length > 0, `no results: ${text(el)}`);
      expect(input(el).value).to.equal('invite');
    });
  });

  describe('address and navigation', () => {
    it('opens the article named in the address with no host script', async () => {
      history.replaceState(null, '', '?article=art_003');
      const { el } = await mount();
      await article(el);
      expect(must(el, 'article-title').textContent).to.equal('Run your first pipeline');
      expect(all(el, '[part~="vote"]').length).to.equal(2);
    });

    it('links to a section of an article with sync-url', async () => {
      history.replaceState(null, '', '?article=art_021#kb-troubleshooting');
      const { el } = await mount(html`<portal-kb-search sync-url></portal-kb-search>`);
      await article(el);
      await waitUntil(() => (root(el).activeElement as HTMLElement | null)?.id === 'kb-troubleshooting', `focused: ${focused(el)}`);
      const steps = all(el, '[part~="toc"] a').find((a) => a.textContent === 'Steps') as HTMLElement;
      steps.click();
      expect(location.hash).to.equal('#kb-steps');
      must(el, 'back').click();
      await el.updateComplete;
      expect(location.hash).to.equal('');
      expect(location.search).to.equal('');
    });

    it('mirrors the search and the open article in the address with sync-url', async () => {
      const { el } = await mount(html`<portal-kb-search sync-url></portal-kb-search>`);
      await results(el, 'seats');
      expect(new URLSearchParams(location.search).get('q')).to.equal('seats');
      must(el, 'result').click();
      await article(el);
      expect(new URLSearchParams(location.search).get('article')).to.equal('art_019');
      must(el, 'back').click();
      await el.updateComplete;
      expect(new URLSearchParams(location.search).get('article')).to.equal(null);
      // The browser's Back button reopens the article.
      history.back();
      await article(el);
      expect(must(el, 'article-title').textContent).to.equal('How seats are counted');
      expect(input(el).value).to.equal('seats');
    });

    it('reads the query from the address with sync-url, and prefills from the query attribute', async () => {
      history.replaceState(null, '', '?q=webhook');
      const { el } = await mount(html`<portal-kb-search sync-url query="ignored"></portal-kb-search>`);
      await waitUntil(() => titles(el).length > 0);
      expect(input(el).value).to.equal('webhook');
      expect(titles(el)).to.include('Verify webhook signatures');
      history.replaceState(null, '', location.pathname);
      const second = await mount(html`<portal-kb-search query="refund"></portal-kb-search>`);
      await waitUntil(() => titles(second.el).length > 0);
      expect(titles(second.el)).to.include('Request a refund');
    });

    it('keeps what was typed across a reload', async () => {
      const first = await mount();
      type(first.el, 'audit');
      first.provider.remove();
      const { el } = await mount();
      expect(input(el).value).to.equal('audit');
    });

    it('leaves the host’s own history alone without sync-url', async () => {
      const { el } = await mount();
      await results(el, 'refund');
      must(el, 'result').click();
      await article(el);
      expect(location.search).to.equal('');
      history.pushState(null, '', '?tab=other');
      const popped = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
      history.back();
      await popped;
      await el.updateComplete;
      expect(must(el, 'article-title').textContent).to.equal('Request a refund');
    });

    it('lets the host take over opening an article', async () => {
      const { el } = await mount();
      await results(el, 'refund');
      el.addEventListener('portal-article-open', (event) => event.preventDefault(), { once: true });
      must(el, 'result').click();
      await el.updateComplete;
      expect(part(el, 'article')).to.equal(null);
    });

    it('goes to href-template instead of showing the article', async () => {
      const { el } = await mount(html`<portal-kb-search href-template="#help-{id}"></portal-kb-search>`);
      await results(el, 'refund');
      must(el, 'result').click();
      await el.updateComplete;
      expect(location.hash).to.equal('#help-art_021');
      expect(part(el, 'article')).to.equal(null);
    });

    it('shows more results on request', async () => {
      const { el } = await mount();
      await results(el, 'the');
      expect(titles(el).length).to.equal(10);
      const first = titles(el).join('|');
      must(el, 'more').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => titles(el).length > 10);
      await el.updateComplete;
      expect(new Set(titles(el)).size).to.equal(titles(el).length);
      expect(titles(el).slice(0, 10).join('|')).to.equal(first);
      // The first new article is highlighted, with the focus back in the box.
      expect(focused(el)).to.equal('input#q|input');
      expect(input(el).getAttribute('aria-activedescendant')).to.equal('o10');
    });
  });

  describe('compact variant', () => {
    it('shows results in a dropdown that Escape closes, and articles inside it', async () => {
      const { el } = await mount(html`<portal-kb-search variant="compact"></portal-kb-search>`);
      expect(part(el, 'collections')).to.equal(null);
      input(el).focus();
      await sendKeys({ type: 'invite' });
      await waitUntil(() => titles(el).length > 0);
      expect(visible(must(el, 'popup'))).to.equal(true);
      expect(titles(el).length).to.be.at.most(6);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(visible(part(el, 'popup'))).to.equal(false);
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(visible(part(el, 'popup'))).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await article(el);
      expect(visible(must(el, 'article-title'))).to.equal(true);
      expect(focused(el)).to.contain('article-title');
      await expect(el).to.be.accessible();
      // Escape from inside the dropdown closes it and puts the focus back in the box.
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(visible(part(el, 'popup'))).to.equal(false);
      expect(focused(el)).to.equal('input#q|input');
      expect(input(el).value).to.equal('invite');
    });
  });
});
