import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { isAbortError, isPortalError } from '../../api/errors.js';
import type { ArticlePage, ArticleSummary } from '../../api/types.js';
import { PortalElement } from '../../base/portal-element.js';
import { renderMarkdown } from '../../markdown/index.js';
import { baseStyles, controlStyles } from '../../theme/shared-styles.js';
import { PortalArticleFeedbackEvent, PortalArticleOpenEvent, PortalCreateTicketEvent } from './events.js';
import { kbStyles } from './kb-search.styles.js';
import { readParam, splitMatches, writeParams } from './url.js';
import { kbEn } from '../../i18n/en/kb.js';

const ARROW = html`<span class="arrow" aria-hidden="true">←</span>`;

type Access = 'ok' | 'wait' | 'sign-in' | 'error';
type Vote = { id: string; helpful: boolean; status: 'sending' | 'error'; error?: unknown };

const DEBOUNCE_MS = 250;
/** Results per search, and how many more "Show more" asks for. */
const PAGE = 10;
const VOTES_KEY = 'portal-elements:kb:votes';

/** Votes already sent from this browser: article id → helpful. */
function votes(): Record<string, boolean> {
  try {
    return JSON.parse(localStorage.getItem(VOTES_KEY) ?? '{}') as Record<string, boolean>;
  } catch {
    return {};
  }
}

function recall(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function store(key: string, value: string): void {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // Blocked storage: kept for this page only.
  }
}

/**
 * Knowledge-base search: a search box whose results (title, topic, date, and a snippet with the
 * words searched for highlighted) appear as you type; with an empty box, the topics and their
 * articles; an article view with a table of contents and a "Was this helpful?" vote; and, when
 * nothing matches, a way to ask the support team. Works signed out when the portal's knowledge
 * base is public; otherwise asks to sign in. `variant="compact"` is the box with a dropdown, for a
 * site header.
 *
 * @summary Knowledge-base search, topics, articles and helpful votes.
 * @tag portal-kb-search
 *
 * @csspart box - The search box around the input.
 * @csspart input - The search input.
 * @csspart popup - The compact variant's dropdown.
 * @csspart collections - The list of topics.
 * @csspart collection - One topic button.
 * @csspart collection-heading - The heading of a chosen topic.
 * @csspart results - The list of articles.
 * @csspart result - One article in the list.
 * @csspart result-title - An article's title in the list.
 * @csspart snippet - The text excerpt of a result.
 * @csspart meta - Topic and date of a result or article.
 * @csspart mark - A highlighted search term.
 * @csspart more - "Show more articles".
 * @csspart status - "Searching…" and empty-result messages.
 * @csspart create-ticket - "Ask our support team" when nothing matches.
 * @csspart article - The article view.
 * @csspart back - "Back to results" and "All topics".
 * @csspart article-title - The article's heading.
 * @csspart toc - The article's table of contents.
 * @csspart body - The article's rendered markdown.
 * @csspart feedback - The "Was this helpful?" block.
 * @csspart vote - The yes and no buttons.
 * @csspart alert - An error message with its retry button.
 * @csspart retry - The "Try again" button.
 * @csspart sign-in - The prompt to sign in, for a private knowledge base.
 * @csspart sign-in-link - The link to sign in in that prompt, when `sign-in-href` is set.
 *
 * @cssprop [--portal-kb-search-max-inline-size=48rem] - Widest the full variant grows.
 * @cssprop [--portal-kb-search-gap=var(--portal-space-4)] - Space between the parts.
 * @cssprop [--portal-kb-search-input-block-size=3rem] - Height of the search box.
 * @cssprop [--portal-kb-search-radius=var(--portal-radius-md)] - Corner radius of the box, cards and results.
 * @cssprop [--portal-kb-search-mark-background=var(--portal-color-warning-bg)] - Background of highlighted terms.
 * @cssprop [--portal-kb-search-popup-inline-size=28rem] - Width of the compact variant's dropdown.
 * @cssprop [--portal-kb-search-popup-max-block-size=70vh] - Tallest the dropdown grows before it scrolls.
 * @cssprop [--portal-kb-search-scroll-margin=6rem] - Space kept above a section the table of contents scrolls to (room for a sticky site header).
 *
 * @fires portal-article-open - A person opened an article (cancelable). `event.articleId`, `event.title`, `event.query`.
 * @fires portal-article-feedback - A helpful vote was recorded. `event.articleId`, `event.helpful`.
 * @fires portal-create-ticket - Nothing matched and the person asked for help (cancelable). `event.query`.
 */
export class PortalKbSearch extends PortalElement {
  static override styles = [baseStyles, controlStyles, kbStyles];
  static override strings = [kbEn];

  readonly #collections = new Task(this, {
    task: async ([client, ok], { signal }) => (client && ok ? (await client.listCollections({ signal })).items : initialState),
    args: () => [this.client, this.#access() === 'ok'] as const,
  });

  /** Search results, or a topic's articles. A newer query aborts the older request. */
  readonly #results = new Task(this, {
    task: async ([client, ok, q, collectionId, limit], { signal }) =>
      client && ok && (q || collectionId)
        ? client.listArticles(q ? { q, limit } : { collectionId, limit: 100 }, { signal })
        : initialState,
    args: () => [this.client, this.#access() === 'ok', this.term, this.collectionId, this.variant === 'compact' ? 6 : this.limit] as const,
    onComplete: ({ items, nextCursor }) => {
      if (this.#grown >= 0) {
        // "Show more": the first new article is highlighted, with the focus back in the box.
        this.active = this.#grown;
        this.#grown = -1;
        this.#focus = 'input';
      }
      if (this.term) this.#say(items.length ? this.localize.t(nextCursor ? 'kb.resultsMore' : 'kb.results', { count: items.length }) : this.localize.t('kb.noResults', { query: this.term }));
    },
    onError: (error) => this.#sayError(error),
  });

  readonly #article = new Task(this, {
    task: async ([client, ok, id], { signal }) => {
      if (!client || !ok || !id) return initialState;
      const article = await client.getArticle(id, { signal });
      return { article, rendered: await renderMarkdown(article.body, { mode: 'article', idPrefix: 'kb-' }) };
    },
    args: () => [this.client, this.#access() === 'ok', this.articleId] as const,
    onError: (error) => this.#sayError(error),
  });

  /** What is in the box. */
  @state() private text = '';
  /** The search sent: `text` trimmed, after the debounce. */
  @state() private term = '';
  @state() private collectionId = '';
  @state() private articleId = '';
  /** The highlighted option of the results listbox. */
  @state() private active = -1;
  /** The compact variant's dropdown. */
  @state() private open = false;
  /** How many results to ask for; "Show more" raises it. */
  @state() private limit = PAGE;
  @state() private vote: Vote | null = null;
  @state() private announcement = '';

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The result count before "Show more", until the longer list arrives. */
  #grown = -1;
  #focus = '';
  /** The article opened from the list, so "Back to results" returns to it. */
  #from = '';


  /** Prefills the search box (and searches). */
  @property() query = '';

  /** `full` (default): box, topics, results and articles. `compact`: the box with a dropdown of results. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  /** Mirrors the search, topic and open article in the address (`?q=`, `?collection=`, `?article=`). */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;

  /** Opens articles by going to this address (`/help/articles/{id}`) instead of showing them here. */
  @property({ attribute: 'href-template' }) hrefTemplate = '';

  /** The query parameter that names the article to open when the page loads (full variant). */
  @property({ attribute: 'article-param' }) articleParam = 'article';

  /** Where "Ask our support team" goes when no listener cancels `portal-create-ticket`; `{query}` is replaced. */
  @property({ attribute: 'create-ticket-href' }) createTicketHref = '';

  /** For a private knowledge base: the page to sign in on, linked from the sign-in prompt. */
  @property({ attribute: 'sign-in-href' }) signInHref = '';

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.#onPopState);
    document.addEventListener('pointerdown', this.#onOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.#onPopState);
    document.removeEventListener('pointerdown', this.#onOutside);
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) {
      // The address wins over the attribute, which wins over what was typed before a reload.
      this.#setText(this.query || recall(this.#key()));
      this.#fromUrl();
    } else if (changed.has('query')) {
      this.#setText(this.query);
    }
    if (changed.has('term') || changed.has('collectionId')) {
      this.limit = PAGE;
      this.#grown = -1;
      this.active = -1;
    }
  }

  protected override updated(): void {
    if (this.#focus === 'hash') {
      // A link to a section of an article (`?article=…#kb-steps`): there once the article is.
      if (this.#article.status === TaskStatus.COMPLETE) {
        this.#focus = '';
        this.#jump(decodeURIComponent(location.hash.slice(1)));
      }
      return;
    }
    const el = this.#focus && this.renderRoot.querySelector<HTMLElement>(`[data-focus="${this.#focus}"]`);
    if (el) {
      this.#focus = '';
      el.focus();
      if (el.localName === 'input') this.renderRoot.querySelector(`#o${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  // ----- event handlers -----

  /** Back and Forward: only an element that writes the address follows it. */
  readonly #onPopState = (): void => {
    if (this.syncUrl) this.#fromUrl();
  };

  #fromUrl(): void {
    if (this.syncUrl) {
      // The address is the whole state here: an article link opens with no stale search behind it.
      this.#setText(readParam('q') || this.query);
      this.collectionId = readParam('collection');
    }
    if (this.variant === 'full') this.articleId = readParam(this.articleParam);
    if (this.articleId && location.hash.startsWith('#kb-')) this.#focus = 'hash';
  }

  readonly #onOutside = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  #onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    store(this.#key(), this.text);
    this.open = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#search(), DEBOUNCE_MS);
  }

  #onKeyDown(event: KeyboardEvent): void {
    const items = this.#items();
    const move = (by: number): void => {
      event.preventDefault();
      this.open = true;
      if (items.length) this.active = (this.active + by + items.length + (this.active < 0 && by < 0 ? 1 : 0)) % items.length;
      this.updateComplete.then(() => this.renderRoot.querySelector(`#o${this.active}`)?.scrollIntoView({ block: 'nearest' }), () => undefined);
    };
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter') {
      event.preventDefault();
      const item = this.#expanded() ? items[this.active] : undefined;
      if (item) this.#openArticle(item);
      else this.#search();
    }
  }

  /** Escape closes the dropdown (from anywhere in it, focus back in the box), else clears the box. */
  #onEscape(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    if (this.variant === 'compact' && this.open) {
      this.open = false;
      this.#focus = 'input';
    } else if (this.text && (event.target as Element).localName === 'input') {
      this.#setText('');
      this.#url(false);
    } else return;
    event.preventDefault();
    this.active = -1;
  }

  #onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (to && !this.renderRoot.contains(to)) this.open = false;
  }

  /** In-page links of the table of contents and the article: the shadow root hides their targets from the browser. */
  #onArticleClick(event: Event): void {
    const href = (event.target as Element).closest('a')?.getAttribute('href');
    if (href?.startsWith('#') && this.#jump(decodeURIComponent(href.slice(1)))) event.preventDefault();
  }

  /** Scrolls to and focuses a section of the article; with `sync-url` the address links to it. */
  #jump(id: string): boolean {
    const target = this.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
    if (!target) return false;
    target.tabIndex = -1;
    target.scrollIntoView();
    target.focus({ preventScroll: true });
    if (this.syncUrl) history.replaceState(history.state, '', `#${id}`);
    return true;
  }

  // ----- actions -----

  #key(): string {
    return `portal-elements:kb:${this.variant}:${location.pathname}`;
  }

  #setText(text: string): void {
    clearTimeout(this.#timer);
    this.text = text;
    this.term = text.trim();
    store(this.#key(), text);
  }

  #search(): void {
    clearTimeout(this.#timer);
    const term = this.text.trim();
    this.open = true;
    if (term === this.term) return;
    this.term = term;
    if (term) this.collectionId = '';
    this.articleId = '';
    this.#url(false);
  }

  #url(push: boolean): void {
    if (!this.syncUrl) return;
    writeParams({ q: this.term, collection: this.collectionId, [this.articleParam]: this.articleId }, push);
  }

  #say(message: string): void {
    // The same words twice would not be read again: clear first.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = message));
  }

  #sayError(error: unknown): void {
    if (!isAbortError(error)) this.#say(this.localize.error(error));
  }

  #openArticle(item: ArticleSummary): void {
    if (!this.dispatchEvent(new PortalArticleOpenEvent(item, this.term))) return;
    if (this.hrefTemplate) {
      location.assign(this.hrefTemplate.replace('{id}', encodeURIComponent(item.id)));
      return;
    }
    this.#from = item.id;
    this.articleId = item.id;
    this.vote = null;
    this.open = true;
    this.#focus = 'article';
    this.#url(true);
  }

  #back(): void {
    this.articleId = '';
    this.active = this.#items().findIndex((item) => item.id === this.#from);
    this.#focus = this.active < 0 && this.collectionId ? 'collection' : 'input';
    this.#url(true);
  }

  #chooseCollection(id: string): void {
    if (!id) this.#focus = `c-${this.collectionId}`;
    else this.#focus = 'collection';
    this.collectionId = id;
    this.#url(true);
  }

  #more(): void {
    this.#grown = this.#items().length;
    this.limit += PAGE;
  }

  async #sendVote(id: string, helpful: boolean): Promise<void> {
    if (!this.client || this.vote?.status === 'sending') return;
    this.vote = { id, helpful, status: 'sending' };
    try {
      await this.client.sendArticleFeedback(id, { helpful });
      try {
        localStorage.setItem(VOTES_KEY, JSON.stringify({ ...votes(), [id]: helpful }));
      } catch {
        // Blocked storage: the vote counts; only this browser forgets it was sent.
      }
      this.vote = null;
      this.#focus = 'thanks';
      this.#say(this.localize.t('kb.thanks'));
      this.dispatchEvent(new PortalArticleFeedbackEvent(id, helpful));
    } catch (error) {
      this.vote = { id, helpful, status: 'error', error };
      this.#sayError(error);
    }
  }

  #createTicket(): void {
    if (this.dispatchEvent(new PortalCreateTicketEvent(this.term)) && this.createTicketHref) {
      location.assign(this.createTicketHref.replace('{query}', encodeURIComponent(this.term)));
    }
  }

  #access(): Access {
    const config = this.configState;
    if (config.status !== 'ready') return config.status === 'error' ? 'error' : 'wait';
    if (config.config.kbVisibility === 'public' || this.session.status === 'signed-in') return 'ok';
    return this.session.status === 'signing-in' ? 'wait' : 'sign-in';
  }

  /** The articles in the listbox now. */
  #items(): ArticleSummary[] {
    const page = this.#page();
    return page?.items ?? [];
  }

  #page(): ArticlePage | undefined {
    const r = this.#results;
    return (this.term || this.collectionId) && r.status !== TaskStatus.ERROR ? r.value : undefined;
  }

  /** Whether the listbox is showing (for `aria-expanded`). */
  #expanded(): boolean {
    return !this.articleId && (this.variant === 'full' || this.open) && this.#items().length > 0;
  }

  // ----- render -----

  protected override render(): TemplateResult {
    const access = this.#access();
    const compact = this.variant === 'compact';
    const config = this.configState;
    // Without access the full variant shows only why; the compact one keeps its box in the header.
    const blocked = access === 'sign-in' || config.status === 'error';
    const view = access === 'sign-in'
      ? html`<p class="card" part="sign-in">
          ${this.localize.t('kb.signIn')} ${this.signInHref ? html`<a part="sign-in-link" href=${this.signInHref}>${this.localize.t('common.signIn')}</a>` : nothing}
        </p>`
      : config.status === 'error'
        ? this.#alert(config.error, () => void this.configStore?.load({ force: true }).catch(() => undefined))
        : this.articleId
          ? this.#renderArticle()
          : this.term || compact
            ? this.#renderResults()
            : this.#renderBrowse();
    const body = compact
      ? html`${this.#renderBox()}
          <div class="popup" part="popup" ?hidden=${!this.open || !(this.term || this.articleId || blocked)}>${view}</div>`
      : html`${blocked ? nothing : this.#renderBox()}${view}`;
    return html`<div class="root" @focusout=${this.#onFocusOut} @keydown=${this.#onEscape}>${body}</div>
      <div role="status" class="visually-hidden">${this.announcement}</div>`;
  }

  #renderBox(): TemplateResult {
    const expanded = this.#expanded();
    const busy = this.#results.status === TaskStatus.PENDING;
    return html`<div class="box" part="box">
      <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7" /><path d="m20 20-3.5-3.5" /></svg>
      <input
        id="q"
        part="input"
        type="search"
        role="combobox"
        autocomplete="off"
        enterkeyhint="search"
        aria-label=${this.localize.t('kb.label')}
        aria-autocomplete="list"
        aria-controls="list"
        aria-expanded=${String(expanded)}
        aria-activedescendant=${expanded && this.active >= 0 ? `o${this.active}` : nothing}

        aria-busy=${String(busy)}
        placeholder=${this.localize.t(this.variant === 'compact' ? 'kb.placeholderCompact' : 'kb.placeholder')}
        data-focus="input"
        .value=${live(this.text)}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
        @click=${() => (this.open = true)}
      />
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
    </div>`;
  }

  #renderBrowse(): TemplateResult {
    const collections = this.#collections;
    if (this.collectionId) {
      const title = collections.value?.find((c) => c.id === this.collectionId)?.title ?? '';
      return html`<div class="flow">
        <button class="button quiet" part="back" type="button" @click=${() => this.#chooseCollection('')}>${ARROW}${this.localize.t('kb.allTopics')}</button>
        <h2 part="collection-heading" tabindex="-1" data-focus="collection">${title}</h2>
        ${this.#renderResults()}
      </div>`;
    }
    return html`${this.#list([])}
      ${collections.render({
        pending: () => html`<p class="muted" part="status">${this.localize.t('common.loading')}</p>`,
        error: (error) => this.#alert(error, () => void collections.run()),
        complete: (items) => html`<h2 class="visually-hidden">${this.localize.t('kb.collections')}</h2>
          <ul class="collections" part="collections">
            ${items.map(
              (c) => html`<li>
                <button type="button" class="card" part="collection" data-focus="c-${c.id}" @click=${() => this.#chooseCollection(c.id)}>
                  <strong>${c.title}</strong><span>${c.description}</span
                  ><span class="muted">${this.localize.t('kb.articleCount', { count: c.articleCount })}</span>
                </button>
              </li>`,
            )}
          </ul>`,
      })}`;
  }

  #renderResults(): TemplateResult {
    const results = this.#results;
    const page = this.#page();
    const items = this.#items();
    // Before the list: why it is empty (an error, or a search under way); after: what is next.
    return html`${results.status === TaskStatus.ERROR
        ? this.#alert(results.error, () => void results.run())
        : !page && results.status === TaskStatus.PENDING
          ? html`<p class="muted" part="status">${this.localize.t('kb.searching')}</p>`
          : nothing}${this.#list(items)}
      ${!page
        ? nothing
        : !items.length
          ? html`<div class="empty" part="status">
          ${this.term
            ? html`<p><strong>${this.localize.t('kb.noResults', { query: this.term })}</strong></p>
                <p class="muted">${this.localize.t('kb.noResultsHint')}</p>
                <button class="button" data-variant="primary" part="create-ticket" type="button" @click=${this.#createTicket}>
                  ${this.localize.t('kb.createTicket')}
                </button>`
            : html`<p>${this.localize.t('kb.emptyCollection')}</p>`}
            </div>`
          : page.nextCursor && this.variant === 'full'
            ? html`<button class="button" part="more" type="button" @click=${this.#more}>${this.localize.t('kb.more')}</button>`
            : nothing}`;

  }

  #list(items: ArticleSummary[]): TemplateResult {
    const names = new Map(this.#collections.value?.map((c) => [c.id, c.title]));
    // The keyboard reaches every option from the input (aria-activedescendant, scrolled into view);
    // tabindex="-1" tells checkers that a scrolling dropdown of options is still keyboard-operable.
    // A press in it keeps the focus in the input.
    return html`<ul id="list" role="listbox" tabindex="-1" part="results" aria-label=${this.localize.t('kb.resultsLabel')} ?hidden=${!items.length}
      @pointerdown=${(event: Event) => event.preventDefault()}
    >
      ${items.map(
        // The keyboard drives the options from the input (aria-activedescendant): see #onKeyDown.
        // eslint-disable-next-line lit-a11y/click-events-have-key-events
        (item, i) => html`<li
          id="o${i}"
          role="option"
          part="result"
          aria-selected=${String(i === this.active)}
          @click=${() => this.#openArticle(item)}
        >
          <span class="title" part="result-title">${this.#mark(item.title)}</span>
          <span class="meta" part="meta">${names.get(item.collectionId) ?? ''} · ${this.#date(item.updatedAt)}</span>
          <span class="snippet" part="snippet">${this.#mark(item.snippet)}</span>
        </li>`,
      )}
    </ul>`;
  }

  /** The runs of `text` that match the search, marked: DOM built from text, never from HTML. */
  #mark(text: string): unknown[] {
    return splitMatches(text, this.term).map((run) => (run.match ? html`<mark part="mark">${run.text}</mark>` : run.text));
  }

  #date(iso: string): TemplateResult {
    return html`<time datetime=${iso}>${this.localize.t('kb.updated', { date: this.localize.date(iso, { dateStyle: 'medium' }) })}</time>`;
  }

  #renderArticle(): TemplateResult {
    const task = this.#article;
    const back = html`<button class="button quiet" part="back" type="button" @click=${this.#back}>
      ${ARROW}${this.localize.t(this.term || this.collectionId ? 'kb.back' : 'kb.allTopics')}
    </button>`;
    // Catches clicks on in-page links, which the keyboard activates as clicks too.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<article class="flow" part="article" @click=${this.#onArticleClick}>
      ${back}
      ${task.render({
        pending: () => html`<p class="muted" part="status">${this.localize.t('common.loading')}</p>`,
        error: (error) => this.#alert(error, () => void task.run(), 'article'),
        complete: ({ article, rendered }) => {
          const toc = rendered.headings.filter((h) => h.level <= 3);
          const topic = this.#collections.value?.find((c) => c.id === article.collectionId)?.title;
          return html`<h2 id="title" part="article-title" tabindex="-1" data-focus="article">${article.title}</h2>
            <p class="meta" part="meta">${topic ? html`${topic} · ` : nothing}${this.#date(article.updatedAt)}</p>
            ${toc.length > 1
              ? html`<nav part="toc" aria-label=${this.localize.t('kb.toc')}>
                  <p class="toc-title">${this.localize.t('kb.toc')}</p>
                  <ul>
                    ${toc.map((h) => html`<li class="l${h.level}"><a href="#${h.id}">${h.text}</a></li>`)}
                  </ul>
                </nav>`
              : nothing}
            <div class="body prose" part="body">${unsafeHTML(rendered.html)}</div>
            ${this.#renderFeedback(article.id)}`;
        },
      })}
    </article>`;
  }

  #renderFeedback(id: string): TemplateResult {
    const sent = votes()[id];
    const vote = this.vote?.id === id ? this.vote : null;
    const button = (helpful: boolean): TemplateResult => html`<button
      class="button"
      part="vote"
      type="button"
      aria-pressed=${String(vote?.helpful === helpful)}

      ?disabled=${vote?.status === 'sending'}
      @click=${() => void this.#sendVote(id, helpful)}
    >
      ${this.localize.t(helpful ? 'kb.yes' : 'kb.no')}
    </button>`;
    return html`<div class="feedback" part="feedback" role="group" aria-labelledby="helpful">
      <p id="helpful">${this.localize.t('kb.helpful')}</p>
      ${sent === undefined
        ? html`<div class="votes">${button(true)}${button(false)}</div>
            ${vote?.status === 'error' ? this.#alert(vote.error, () => void this.#sendVote(id, vote.helpful)) : nothing}`
        : html`<p tabindex="-1" data-focus="thanks">${this.localize.t('kb.thanks')}</p>`}
    </div>`;
  }

  #alert(error: unknown, retry: () => void, focus = ''): TemplateResult {
    return html`<div class="alert" part="alert" tabindex="-1" data-focus=${focus}>
      <p>${(isPortalError(error) && error.status === 422 && error.fieldErrors[0]?.message) || this.localize.error(error)}</p>
      <button class="button" part="retry" type="button" @click=${retry}>${this.localize.t('common.retry')}</button>
    </div>`;
  }
}
