// Query-string helpers for `sync-url` and `?article=`. Kept here until the library has a shared
// URL-state controller.

/** One query parameter of the current address ('' when absent). */
export function readParam(name: string): string {
  return new URLSearchParams(location.search).get(name) ?? '';
}

/** Sets (or, for '', removes) query parameters; `push` adds a history entry, else replaces. */
export function writeParams(values: Record<string, string>, push: boolean): void {
  const url = new URL(location.href);
  // A section of the article that was open: not of the next view.
  if (url.hash.startsWith('#kb-')) url.hash = '';
  for (const [name, value] of Object.entries(values)) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  if (url.href !== location.href) history[push ? 'pushState' : 'replaceState'](history.state, '', url);
}

/**
 * Splits `text` into runs, marking those that match a term of `query` (case-insensitive), for
 * highlighting by building DOM from text: the caller renders each run as text.
 */
export function splitMatches(text: string, query: string): { text: string; match: boolean }[] {
  const terms = query.split(/\s+/).filter(Boolean).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!terms.length) return [{ text, match: false }];
  terms.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(${terms.join('|')})`, 'giu');
  // With one capture group, split puts the matches at the odd indexes.
  return text
    .split(pattern)
    .map((run, i) => ({ text: run, match: i % 2 === 1 }))
    .filter((run) => run.text);
}
