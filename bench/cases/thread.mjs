// A 1,000-message thread: when the newest messages are painted, how long until every message is
// in the page, and the longest main-thread task on the way, rendering in chunks (the element's
// default) against rendering every message at once. Median of 3 runs per variant, alternated.
export const name = 'thread, 1,000 messages';
export const page = 'thread.html';

const RUNS = 3;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run({ page, url }) {
  const results = { chunked: [], all: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const variant of ['chunked', 'all']) {
      await page.goto(`${url}?variant=${variant}`);
      await page.waitForFunction(() => window.benchResult, undefined, { timeout: 120_000 });
      results[variant].push(await page.evaluate(() => window.benchResult));
    }
  }
  return Object.entries(results).map(([variant, runs]) => ({
    case: name,
    variant: variant === 'chunked' ? 'in chunks of 20 (default)' : 'all at once (chunk-size 0)',
    metrics: {
      'newest painted (ms)': median(runs.map((r) => r.firstPaint)),
      'all 1,000 rendered (ms)': median(runs.map((r) => r.full)),
      'longest task (ms)': median(runs.map((r) => r.longest)),
      'tasks over 50 ms': median(runs.map((r) => r.longTasks)),
    },
  }));
}
