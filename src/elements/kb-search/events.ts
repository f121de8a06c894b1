import type { ArticleSummary } from '../../api/types.js';

/**
 * Fired by `<portal-kb-search>` when a person opens an article from the results, before it opens
 * (or before the page goes to `href-template`). Cancelable: call `preventDefault()` to route to the
 * article yourself.
 */
export class PortalArticleOpenEvent extends Event {
  static readonly eventName = 'portal-article-open';
  readonly articleId: string;
  readonly title: string;
  /** The search that found it; empty when the article was picked from a collection. */
  readonly query: string;

  constructor(article: Pick<ArticleSummary, 'id' | 'title'>, query: string) {
    super(PortalArticleOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.articleId = article.id;
    this.title = article.title;
    this.query = query;
  }
}

/** Fired by `<portal-kb-search>` when the server accepted a "Was this helpful?" vote. */
export class PortalArticleFeedbackEvent extends Event {
  static readonly eventName = 'portal-article-feedback';
  readonly articleId: string;
  readonly helpful: boolean;

  constructor(articleId: string, helpful: boolean) {
    super(PortalArticleFeedbackEvent.eventName, { bubbles: true, composed: true });
    this.articleId = articleId;
    this.helpful = helpful;
  }
}

/**
 * Fired by `<portal-kb-search>` when a person who found no answer asks for help, with what they
 * searched for, so the host can open its ticket form prefilled. Cancelable: without
 * `preventDefault()` the element goes to its `create-ticket-href`, when set.
 */
export class PortalCreateTicketEvent extends Event {
  static readonly eventName = 'portal-create-ticket';
  readonly query: string;

  constructor(query: string) {
    super(PortalCreateTicketEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.query = query;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-article-open': PortalArticleOpenEvent;
    'portal-article-feedback': PortalArticleFeedbackEvent;
    'portal-create-ticket': PortalCreateTicketEvent;
  }
}
