import type { Page } from '@playwright/test';
import { expect, FAST, PAPER_METHODS, test, type Explorer, settledUrl } from './fixtures';

interface Faith {
  status: string;
  progress: { done: number; total: number } | null;
  curves: Record<
    string,
    {
      deletion: { auc: number };
      insertion: { auc: number };
      sufficiency: { dice: number; retained: number; current?: boolean }[];
    }
  >;
}

const faith = (page: Page) =>
  page.evaluate(() => (window.segexplain.state() as unknown as { faithfulness: Faith }).faithfulness);

/** Opens the Faithfulness view (its toggle) and waits until every method on screen has its curves. */
async function openAndWait(explorer: Explorer, page: Page): Promise<Faith> {
  const toggle = page.getByRole('button', { name: 'Faithfulness', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const handle = await page.waitForFunction(
    () => {
      const f = (window.segexplain.state() as unknown as { faithfulness: Faith }).faithfulness;
      return f.status === 'error' ? `error` : f.status === 'done' ? 'done' : false;
    },
    null,
    { timeout: 170_000 },
  );
  expect(await handle.jsonValue()).toBe('done');
  return faith(page);
}

test('the faithfulness view draws deletion, insertion and sufficiency curves for the default click', async ({
  explorer,
  page,
}) => {
  await explorer.open(FAST);
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  const before = await explorer.stats();
  const f = await openAndWait(explorer, page);
  expect(Object.keys(f.curves).sort()).toEqual([...PAPER_METHODS].sort());
  // One curves pass per image: 2 × 21 for deletion and insertion, 18 + 1 for sufficiency, per map: the 3 methods,
  // the random and edge controls, and the 3 methods' blurred copies.
  const after = await explorer.stats();
  expect((after as { curves?: number }).curves ?? 0).toBe(((before as { curves?: number }).curves ?? 0) + 8 * 61);

  const view = page.getByRole('region', { name: 'Faithfulness' });
  for (const plot of ['deletion', 'insertion', 'sufficiency']) {
    const svg = view.locator(`figure[data-plot="${plot}"] svg[role="img"]`);
    await expect(svg).toHaveAccessibleName(/curves/);
    for (const m of PAPER_METHODS) {
      const d = await svg.locator(`path[data-method="${m}"]`).getAttribute('d');
      expect(d, `${plot} ${m}`).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){17,}$/);
    }
    await expect(view.locator(`figure[data-plot="${plot}"] details summary`)).toContainText('as a table');
    // the controls, dashed under the methods: random and edge, and a blurred twin per method
    const controls = svg.locator('g.control');
    await expect(controls).toHaveCount(5);
    for (const c of ['random', 'edge']) await expect(svg.locator(`g.control[data-control="${c}"] path`)).toHaveCount(1);
    await expect(svg.locator('g.control[data-control="blurred"] path')).toHaveCount(3);
    const dashes = await controls
      .locator('path')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke-dasharray')));
    expect(dashes.every((d) => !!d)).toBe(true);
    await expect(view.locator(`figure[data-plot="${plot}"] .control-legend`)).toHaveCount(3);
  }
  // The current threshold is marked on each sufficiency line, at the panel's own read-out.
  await expect(view.locator('figure[data-plot="sufficiency"] .current-threshold')).toHaveCount(3);
  const panels = await page.evaluate(() => window.segexplain.state().results);
  for (const m of PAPER_METHODS) {
    const here = f.curves[m]?.sufficiency.find((p) => p.current);
    expect(here?.dice, m).toBe(panels[m].sufficiency?.dice);
    expect(here?.retained, m).toBe(panels[m].sufficiency?.retained);
  }
  // The AUC table: a number in [0, 1] for each method and each curve …
  const table = page.getByRole('table', { name: 'Areas under the deletion and insertion curves' });
  await expect(table.locator('tbody:not(.control-rows) tr')).toHaveCount(3);
  // … and the controls as reference rows (random, edge, each method blurred), each name with its tooltip
  const refs = table.locator('tr.control-row');
  await expect(refs).toHaveCount(5);
  for (const th of await refs.locator('th').all()) await expect(th).toHaveAttribute('title', /^A control: /);
  const fc = await faith(page);
  const random = (fc as unknown as { controls: { random: { deletion: { auc: number }; insertion: { auc: number } } } })
    .controls.random;
  // a method is marked "not better than random" exactly where its area does not beat the random map's
  for (const m of PAPER_METHODS) {
    const row = table.locator(`tbody:not(.control-rows) tr[data-method="${m}"]`);
    const del = (f.curves[m]?.deletion.auc ?? NaN) >= random.deletion.auc;
    const ins = (f.curves[m]?.insertion.auc ?? NaN) <= random.insertion.auc;
    await expect(row.locator('[data-not-better="deletion"]'), `${m} deletion`).toHaveCount(del ? 1 : 0);
    await expect(row.locator('[data-not-better="insertion"]'), `${m} insertion`).toHaveCount(ins ? 1 : 0);
  }
  const cells = await table.locator('tbody:not(.control-rows) td[data-auc]').allTextContents();
  expect(cells).toHaveLength(6);
  for (const c of cells) {
    const v = Number(/^[\d.]+/.exec(c)?.[0]);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
});

test('a new click during a curves job supersedes it: the curves shown belong to the second click', async ({
  explorer,
  page,
}) => {
  await explorer.open(FAST);
  await page.getByRole('button', { name: 'Faithfulness', exact: true }).click();
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  // The first click's curves job is under way …
  await page.waitForFunction(
    () => {
      const f = (window.segexplain.state() as unknown as { faithfulness: Faith }).faithfulness;
      return f.status === 'running' && (f.progress?.done ?? 0) > 0;
    },
    null,
    { timeout: 120_000 },
  );
  // … when a second click comes: the old job stops, and its curves are never shown.
  await explorer.clickAt(0.55, 0.6);
  expect((await faith(page)).curves).toEqual({});
  await explorer.waitDone();
  const shown = await openAndWait(explorer, page);
  const region = await explorer.region();
  expect(region).toMatchObject({ x: expect.closeTo(0.55, 1), y: expect.closeTo(0.6, 1) });

  // A fresh page on the same link (the second click) measures the same curves.
  await page.goto(await settledUrl(page));
  await explorer.waitDone();
  const again = await openAndWait(explorer, page);
  for (const m of PAPER_METHODS) {
    expect(shown.curves[m]?.deletion.auc, m).toBeCloseTo(again.curves[m]?.deletion.auc ?? NaN, 6);
    expect(shown.curves[m]?.insertion.auc, m).toBeCloseTo(again.curves[m]?.insertion.auc ?? NaN, 6);
  }
});

test('each panel shows what the model saw at the threshold, and opens it large', async ({ explorer, page }) => {
  await explorer.open(FAST);
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  await explorer.waitSufficiency();
  const trigger = explorer.panel('Seg-XRes-CAM').getByRole('button', { name: /what the model saw at t = 0\.20/ });
  await expect(trigger).toBeVisible();
  // Two small pictures, both painted: the masked input and the prediction on it.
  const painted = await trigger.locator('canvas').evaluateAll((cs) =>
    (cs as HTMLCanvasElement[]).map((c) => {
      const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
      let opaque = 0;
      for (let i = 3; i < d.length; i += 4) if ((d[i] as number) > 0) opaque++;
      return opaque / (c.width * c.height);
    }),
  );
  expect(painted).toHaveLength(2);
  painted.forEach((share) => expect(share).toBeGreaterThan(0.9));
  const masked = await page.evaluate(() => {
    const m = window.segexplain.state().results.xres.sufficiency as unknown as {
      masked: { image: { width: number; height: number }; labels: Uint8Array; labelSize: number[] };
    };
    return {
      w: m.masked.image.width,
      h: m.masked.image.height,
      labels: m.masked.labels.length,
      size: m.masked.labelSize,
    };
  });
  expect(masked).toEqual({ w: 128, h: 128, labels: 256 * 256, size: [256, 256] });

  await trigger.click();
  const dialog = page.getByRole('dialog', { name: /Seg-XRes-CAM: what the model saw at t = 0\.20/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('img', { name: /Masked input/ })).toBeVisible();
  await expect(dialog.getByRole('img', { name: /prediction on the masked input/ })).toBeVisible();
  const large = await dialog.getByRole('img', { name: /Masked input/ }).boundingBox();
  expect(large?.width ?? 0).toBeGreaterThan(200);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
});
