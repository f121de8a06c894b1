import type {
  Article,
  Attachment,
  Author,
  FieldValue,
  MemberStatus,
  Message,
  Organization,
  Role,
  Satisfaction,
  TicketForm,
  TicketPriority,
  TicketStatus,
} from '../api/types.js';

/** A portal member: both the signed-in `User` and the `Member` the Team page lists. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: MemberStatus;
  invitedAt: string | null;
  lastSeenAt: string | null;
}

/** A ticket as stored; `preview` and `lastMessageAt` are derived from its messages. */
export interface TicketRecord {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  requesterId: string;
  createdAt: string;
  updatedAt: string;
  fields: Record<string, FieldValue>;
  formId: string | null;
  satisfaction: Satisfaction | null;
  unread: boolean;
}

/** An uploaded (or seeded) file, served by the handlers at `attachment.url`. */
export interface FileRecord {
  attachment: Attachment;
  blob: Blob;
  /** Who uploaded it (null for seed files); only they may attach it. */
  ownerId: string | null;
  /** The message or ticket it was attached to, once it was. */
  usedBy: string | null;
}

export interface CollectionRecord {
  id: string;
  title: string;
  description: string;
}

/** Everything the mock backend knows. Plain data: `reset()` rebuilds it from the seed. */
export interface MockStore {
  organization: Organization;
  users: UserRecord[];
  agents: Author[];
  system: Author;
  tickets: TicketRecord[];
  /** Messages per ticket id, oldest first. */
  messages: Map<string, Message[]>;
  forms: TicketForm[];
  collections: CollectionRecord[];
  articles: Article[];
  files: Map<string, FileRecord>;
  nextTicketNumber: number;
}

/** Markdown reduced to plain text, for previews and search snippets (never HTML). */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/^\s*\|?[-:| ]+\|[-:| ]*$/gm, '')
    .replace(/[*`~]/g, '')
    .replace(/[|>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The start of a text, cut at a word boundary. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Encodes an offset as an opaque cursor string. */
export function encodeCursor(kind: string, offset: number): string {
  return btoa(`${kind}:${offset}`).replace(/=+$/, '');
}

/** Decodes a cursor made by `encodeCursor` for the same kind, or returns null. */
export function decodeCursor(kind: string, cursor: string): number | null {
  try {
    const [k, n] = atob(cursor).split(':');
    const offset = Number(n);
    return k === kind && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

/** `items[index]`, wrapping around; throws on an empty list (seed tables are never empty). */
export function cycle<T>(items: readonly T[], index: number): T {
  const item = items[((index % items.length) + items.length) % items.length];
  if (item === undefined) throw new Error('cycle() of an empty list');
  return item;
}
