// Bench page: <portal-thread> showing a 1,000-message ticket, served by an in-page PortalClient
// (no network, so only rendering is measured). `?variant=chunked` (the default, chunk-size 20)
// or `?variant=all` (chunk-size 0: every message rendered in one go). The result lands in
// `window.benchResult` for bench/cases/thread.mjs.
import type { PortalClient } from '../../src/api/client.js';
import type { Message, MessagePage, PortalConfig, Ticket } from '../../src/api/types.js';
import '../../src/elements/provider/define.js';
import type { PortalProvider } from '../../src/elements/provider/provider.js';
import '../../src/elements/thread/define.js';
import type { PortalThread } from '../../src/elements/thread/thread.js';
import { preloadMarkdown } from '../../src/markdown/index.js';

const COUNT = 1000;
const variant = new URLSearchParams(location.search).get('variant') === 'all' ? 'all' : 'chunked';
const user = { id: 'usr_bench', email: 'bench@example.com', name: 'Bea Bench', role: 'customer' as const };
const agent = { id: 'agt_1', name: 'Sam Support', kind: 'agent' as const, avatarUrl: null };
const start = Date.parse('2025-01-01T09:00:00Z');

// Bodies like a real support thread: prose, lists, code, tables, links.
const bodies = [
  'Thanks for the details! I checked the **ingest logs** and see the same errors on our side.',
  'Steps I took:\n\n1. Restarted the agent\n2. Cleared the cache\n3. Ran the sync again\n\nStill failing.',
  'Could you run this and send the output?\n\n```bash\nfernwood agent status --verbose\nfernwood sync --dry-run\n```',
  '| check | result |\n| --- | --- |\n| DNS | ok |\n| TLS | ok |\n| Auth | failed |\n\nThe key was revoked on Friday.',
  'See [the runbook](https://docs.example.com/runbooks/ingest) and the _retry policy_ section. Let me know if anything is unclear.',
];
const messages: Message[] = Array.from({ length: COUNT }, (_, i) => ({
  id: `msg_${String(i).padStart(5, '0')}`,
  ticketId: 'tkt_bench',
  author: i % 2 ? agent : { id: user.id, name: user.name, kind: 'customer', avatarUrl: null },
  body: `${bodies[i % bodies.length]}\n\n_Update ${i + 1} of ${COUNT}._`,
  attachments: [],
  createdAt: new Date(start + i * 40 * 60_000).toISOString(),
  clientId: null,
}));
const ticket: Ticket = {
  id: 'tkt_bench', number: 4242, subject: 'Intermittent 502s from the ingest API', status: 'open', priority: 'high',
  requester: { id: user.id, name: user.name, email: user.email }, createdAt: messages[0]?.createdAt ?? '',
  updatedAt: messages[COUNT - 1]?.createdAt ?? '', lastMessageAt: messages[COUNT - 1]?.createdAt ?? '', preview: '',
  fields: {}, formId: null, satisfaction: null, unread: false,
};
const config: PortalConfig = {
  name: 'Bench', logoUrl: null, loginMethods: ['otp'], selfSignup: false, ticketCreation: true, kbVisibility: 'public',
  visibleTicketFields: [], editableTicketFields: [], ticketHistoryDays: 365,
  attachments: { maxBytes: 1_000_000, allowedTypes: ['*/*'] }, csat: false, locales: ['en'],
};

// The whole thread in one page (an adapter for a helpdesk without the contract's 100 limit), so
// both variants render the same 1,000 messages.
const impl: Partial<PortalClient> = {
  token: 'bench',
  setToken: () => undefined,
  onAuthEvent: () => () => undefined,
  getPortalConfig: async () => config,
  getMe: async () => ({ user, organization: { id: 'org_bench', name: 'Bench Inc.' } }),
  getTicket: async () => ticket,
  listTicketForms: async () => [],
  listMessages: async (): Promise<MessagePage> => ({ items: messages, nextCursor: null }),
};
const client = new Proxy(impl, {
  get: (target, key) => (key in target ? target[key as keyof PortalClient] : () => Promise.reject(new Error(`bench client: ${String(key)}`))),
}) as PortalClient;

function frame(): Promise<number> {
  // After the next paint: a rAF runs before it, a task queued from the rAF after it.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
}

async function main(): Promise<void> {
  const provider = document.createElement('portal-provider') as PortalProvider;
  provider.setAttribute('token-storage', 'memory');
  provider.client = client;
  document.body.append(provider);
  await provider.services.session.signIn({ token: 'bench', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user });
  await preloadMarkdown();
  await frame();

  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });

  const thread = document.createElement('portal-thread') as PortalThread;
  thread.ticketId = ticket.id;
  thread.pollInterval = 0;
  thread.chunkSize = variant === 'all' ? 0 : 20;
  const t0 = performance.now();
  provider.append(thread);
  const count = (): number => thread.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0;
  const newest = (): boolean => !!thread.shadowRoot?.querySelector(`[data-id="${messages[COUNT - 1]?.id}"]`);
  const until = (test: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => (test() ? resolve() : void setTimeout(check, 0));
      check();
    });
  await until(newest);
  const firstPaint = (await frame()) - t0;
  await until(() => count() === COUNT);
  const full = (await frame()) - t0;
  observer.disconnect();
  (window as unknown as { benchResult: unknown }).benchResult = {
    firstPaint,
    full,
    longest: longTasks.length ? Math.max(...longTasks) : 0,
    longTasks: longTasks.length,
  };
}

void main();
