import type { Attachment, Message } from '../../api/types.js';

/** A reply typed here that the server has not confirmed yet (sending) or refused (failed). */
export interface Outgoing {
  clientId: string;
  /** The `Idempotency-Key`, the same on every retry, so the server creates the message once. */
  key: string;
  body: string;
  attachments: Attachment[];
  createdAt: string;
  state: 'sending' | 'failed';
  error?: string;
}

/**
 * Above this many characters a message is shown as text instead of markdown: parsing stays
 * bounded however large a message is, so a hostile or pasted log cannot freeze the page.
 */
export const MAX_MARKDOWN_CHARS = 20_000;
// Deeply nested quotes or lists (`>>>>`, `- - - -`, or deep indentation) make the parser
// recurse once per level.
const DEEP_NESTING = /^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])){16}|^[ \t]{48,}(?:[-*+]|\d+[.)])\s/m;

/** Whether a body is shown as plain text: too large or too deeply nested to parse safely. */
export function asText(body: string): boolean {
  return body.length > MAX_MARKDOWN_CHARS || DEEP_NESTING.test(body);
}

/** Merges messages by id, oldest first. */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The local calendar day of an ISO time, as a sortable key. */
export function dayKey(iso: string | Date): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** An http(s) or same-origin URL from untrusted data, or undefined. */
export function safeUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  return ((words[0]?.[0] ?? '?') + (words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/** Lets the browser paint and handle input between chunks of work. */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
