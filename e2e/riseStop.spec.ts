import { expect, settledUrl, test } from './fixtures';

interface Extent {
  used: number;
  total: number;
  stability: number;
}
const extentOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window.segexplain.state().results.rise as unknown as { extent: Extent | null }).extent);

test('RISE stops when stable, says how many masks it used, the link reproduces it, and "all N" runs only the rest', async ({
  explorer,
  page,
}) => {
  test.setTimeout(300_000);
  await explorer.open('?backend=wasm&model=deeplab');
  await explorer.clickAnObject();
  await explorer.waitDone(['rise']);
  const extent = (await extentOf(page)) as Extent;
  expect(extent.total).toBe(2000);
  expect(extent.used).toBeLessThan(2000);
  expect(extent.used).toBeGreaterThanOrEqual(200);
  expect(extent.used % 50).toBe(0);
  expect(extent.stability).toBeGreaterThan(0);
  // Exactly the masks used went through the network.
  expect((await explorer.stats()).rise).toBe(extent.used);
  await expect(explorer.panel('RISE').getByTestId('job-extent')).toHaveText(
    new RegExp(`^${extent.used} of 2000 masks, stopped when stable; stability 0\\.\\d\\d$`),
  );
  const map = await explorer.mapData('rise');

  // The link carries the rule; opened afresh it stops at the same mask with the same map.
  const url = await settledUrl(page);
  expect(new URL(url).searchParams.get('stop')).toBe('stable');
  expect(new URL(url).searchParams.get('tol')).toBe('1');
  await page.goto(url);
  await explorer.waitDone(['rise']);
  expect((await extentOf(page))?.used).toBe(extent.used);
  const again = await explorer.mapData('rise');
  expect(Math.max(...again.map((v, i) => Math.abs(v - (map[i] ?? 0))))).toBeLessThan(1e-5);

  // The paper's run, one choice away: it re-uses the masks already run and runs only the rest.
  await page.getByLabel('Stop', { exact: true }).selectOption('all');
  await page.waitForFunction(() => window.segexplain.state().results.rise.status === 'running');
  await explorer.waitDone(['rise']);
  expect((await extentOf(page))?.used).toBe(2000);
  expect((await explorer.stats()).rise).toBe(2000);
  await expect(explorer.panel('RISE').getByTestId('job-extent')).toHaveText(/^2000 of 2000 masks; stability/);
});

test('the built app is cross-origin isolated and runs the threaded wasm build; maps come out of it', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=16&s=4');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  // Half the cores each for the engine and its helper (at most the 8 of tfjs's pthread pool); all of them alone.
  const [workers, threads] = cores >= 2 ? [2, Math.min(Math.floor(cores / 2), 8)] : [1, 1];
  const engine = await page.evaluate(() => window.segexplain.state().engine);
  expect(engine.threads).toEqual({ used: threads, cores, isolated: true, workers });
  const each = `${threads} thread${threads === 1 ? '' : 's'}`;
  await expect(page.getByLabel('Active backend')).toHaveText(
    `WebAssembly (CPU, ${workers > 1 ? `${workers} workers × ${each}` : each})`,
  );
  // The threaded build runs: the engine worker and tfjs's pool of pthread workers (8, started with the module).
  expect(page.workers().length).toBeGreaterThan(8);
  if (workers > 1) expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringContaining('helper'));
  await explorer.clickAnObject();
  await explorer.waitDone();
  expect((await explorer.mapData('gradcam')).some((v) => v > 0)).toBe(true);
  // RISE's batches were shared: the helper ran some of its 16 masks (never all: the engine keeps half of each batch)
  const { helper, rise } = await explorer.stats();
  if (workers > 1) expect(helper).toBeGreaterThan(0);
  expect(helper ?? 0).toBeLessThan(rise ?? 0);
});
