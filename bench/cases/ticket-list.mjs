// Case "ticket list, 10,000 tickets": bench/pages/ticket-list.html in three variants (see its
// .ts): the windowed element with every ticket loaded, the same with 100-ticket pages loaded
// while scrolling, and a plain `repeat` of the same rows as the baseline, after one unreported
// warm-up run.
export const name = 'ticket list, 10,000 tickets';
export const page = 'ticket-list.html';

const VARIANTS = [
  { id: 'virtual', label: 'windowed (10,000 loaded)' },
  { id: 'paged', label: 'windowed, pages of 100' },
  { id: 'repeat', label: 'plain repeat (baseline)' },
];

export async function run({ page, url }) {
  // Warm-up, not reported: the first page in a fresh renderer pays once for compiling and for the
  // first Intl formatters (60-120 ms more "first rows" on this machine), which made whichever
  // variant ran first look slower. Every measured variant now starts from the same warm renderer.
  await page.goto(`${url}?variant=paged`);
  await page.waitForFunction(() => 'bench' in window);
  await page.evaluate(() => window.bench.run());
  const rows = [];
  for (const variant of VARIANTS) {
    await page.goto(`${url}?variant=${variant.id}`);
    await page.waitForFunction(() => 'bench' in window);
    const result = await page.evaluate(() => window.bench.run());
    rows.push({
      case: name,
      variant: variant.label,
      metrics: {
        'first rows (ms)': result.firstRowsMs,
        'rows in DOM': result.rowsAfterFirstPaint,
        'max rows scrolling': result.maxRowsWhileScrolling,
        'longest task scrolling (ms)': result.longestTaskMs,
        'median frame (ms)': result.medianFrameMs,
        'longest frame (ms)': result.longestFrameMs,
        'frames scrolled': result.scrollFrames,
        'rows reached': result.loaded,
      },
    });
  }
  return rows;
}
