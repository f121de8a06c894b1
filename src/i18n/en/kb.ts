import type { Catalogue } from '../en.js';

/** English strings for <portal-kb-search>. The element lists it in its `static strings`. */
export const kbEn = {
  'kb.label': 'Search the help center',
  'kb.placeholder': 'Search for answers',
  'kb.placeholderCompact': 'Search help',
  'kb.resultsLabel': 'Articles',
  'kb.collections': 'Browse by topic',
  'kb.articleCount': { one: '{count} article', other: '{count} articles' },
  'kb.results': { one: '{count} article found.', other: '{count} articles found.' },
  'kb.resultsMore': 'More than {count} articles found.',
  'kb.noResults': 'No articles match “{query}”.',
  'kb.noResultsHint': 'Try fewer or different words, or ask our support team.',
  'kb.emptyCollection': 'This topic has no articles yet.',
  'kb.createTicket': 'Ask our support team',
  'kb.more': 'Show more articles',
  'kb.searching': 'Searching…',
  'kb.back': 'Back to results',
  'kb.allTopics': 'All topics',
  'kb.toc': 'On this page',
  'kb.updated': 'Updated {date}',
  'kb.helpful': 'Was this article helpful?',
  'kb.yes': 'Yes',
  'kb.no': 'No',
  'kb.thanks': 'Thanks for your feedback.',
  'kb.signIn': 'Sign in to search the help center.',
} as const satisfies Catalogue;
