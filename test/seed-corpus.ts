import { createSeed } from '../src/mocks/seed.js';

/** Every distinct markdown body of the seed data: the articles and the ticket messages. */
export function seedCorpus(): string[] {
  const store = createSeed({ now: new Date('2025-06-01T12:00:00Z'), basePath: '/api' });
  const bodies = new Set<string>();
  for (const article of store.articles) bodies.add(article.body);
  for (const thread of store.messages.values()) for (const message of thread) bodies.add(message.body);
  return [...bodies];
}
