import type { Browser } from '@playwright/test';
import { Explorer } from '../../e2e/fixtures';
import type { BenchRow } from '../bench/measure';

/** Goals of "load → all default maps" on this machine's wasm (issue 16), in seconds. */
const GOAL_S: Record<string, number> = { selfie: 15, unet: 8, deeplab: 8 };

/**
 * performance.now() in the page once the segmentation (no ids) or the listed methods' maps are done, polled every
 * 50 ms. One inline arrow function: the app's CSP forbids evaluating strings, and tsx would wrap named helpers.
 */
async function when(explorer: Explorer, ids: string[] | null): Promise<number> {
  const handle = await explorer.page.waitForFunction(
    (m) => {
      const s = window.segexplain?.state();
      if (!s) return false;
      const ready =
        m === null
          ? s.prediction != null
          : m.every((id) => (s.results as Record<string, { status: string }>)[id]?.status === 'done');
      return ready && performance.now();
    },
    ids,
    { polling: 50, timeout: 900_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * The first view as a new user meets it, in the built app: a fresh browser profile (no cached batch size, nothing in
 * the HTTP cache), the model's page opened with the automatic backend, and a click on the largest object as soon as
 * its segmentation is on screen. Times are in the page's clock, from navigation start.
 */
export async function firstView(
  browser: Browser,
  origin: string,
  models: string[],
  log: (l: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const model of models) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const explorer = new Explorer(page);
    await page.goto(`${origin}/?model=${model}`);
    const segmented = await when(explorer, null);
    const backend = await page.evaluate(() => window.segexplain.state().engine);
    const clickAt = await page.evaluate(() => performance.now());
    await explorer.clickAnObject();
    const gradcam = await when(explorer, ['gradcam']);
    const shown = await page.evaluate(() => window.segexplain.state().params.methods);
    const all = await when(explorer, shown);
    const rise = await page.evaluate(
      () => window.segexplain.state().results.rise as unknown as { extent: { used: number; total: number } | null },
    );
    await context.close();
    const threads = backend.threads ? `, ${backend.threads.used} thread(s)` : '';
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const detail =
      `${backend.backend}${threads}; load → segmentation ${s(segmented)}, click → Seg-Grad-CAM ` +
      `${s(gradcam - clickAt)}, click → every map ${s(all - clickAt)}; RISE used ${rise.extent?.used ?? '?'} of ` +
      `${rise.extent?.total ?? '?'} masks`;
    log(`${model.padEnd(8)} load → all default maps ${s(all)} (${detail})`);
    rows.push({
      model,
      what: 'first view: load → all default maps (s)',
      value: all / 1000,
      unit: 'ratio',
      goal: `≤ ${GOAL_S[model] ?? 15}`,
      ok: all / 1000 <= (GOAL_S[model] ?? 15),
      detail,
    });
  }
  return rows;
}
