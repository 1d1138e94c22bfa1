import type { Page } from '@playwright/test';
import { engineWorker, expect, test, settledUrl } from './fixtures';

const regionOf = (page: Page) => page.evaluate(() => JSON.stringify(window.segexplain.state().params.region));

/** RISE has run some batches, and the gradient maps and their read-outs are done: only the job is running. */
const midRise = (page: Page) =>
  page.waitForFunction(() => {
    const r = window.segexplain.state().results;
    return (r.rise.progress?.done ?? 0) > 0 && r.gradcam.sufficiency !== null && r.xres.sufficiency !== null;
  });

test('a worker that dies mid-run is noticed within 5 s and restarted, and the view is recomputed as it was', async ({
  explorer,
  page,
}) => {
  // The app's own watchdog, not a shortened one: a dead worker must be noticed within 5 s, never after 45 s.
  await explorer.open('?backend=wasm&n=400&stop=all&s=4');
  await explorer.clickAt(0.45, 0.3);
  await midRise(page);
  const region = await regionOf(page);
  const url = await settledUrl(page);
  await page.evaluate(() => window.segexplain.killWorker());
  const killed = Date.now();
  await expect(page.getByRole('status').filter({ hasText: 'The engine crashed' })).toContainText(
    'Restarted it on wasm',
    { timeout: 5_000 },
  );
  expect(Date.now() - killed).toBeLessThan(5_000);
  await explorer.waitDone();
  expect(await regionOf(page)).toBe(region);
  await expect.poll(() => page.url()).toBe(url);
  // The new worker counts from zero: it ran the whole RISE again (all 400 masks) for the same click.
  expect((await explorer.stats()).rise).toBe(400);
});

test('a worker that hangs mid-run (its heartbeats stop) is noticed within 5 s and restarted', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=4000&stop=all&s=4');
  await explorer.clickAt(0.45, 0.3);
  await midRise(page);
  const worker = engineWorker(page);
  // Between two batches the worker's thread is taken for a minute: alive, but it answers nothing.
  await worker.evaluate(() => {
    setTimeout(() => {
      const end = Date.now() + 60_000;
      while (Date.now() < end);
    }, 0);
  });
  const hung = Date.now();
  await expect(page.getByRole('status').filter({ hasText: 'stopped answering' })).toContainText(
    'Restarted it on wasm',
    { timeout: 6_000 },
  );
  expect(Date.now() - hung).toBeLessThan(6_000);
  await explorer.waitDone(['gradcam', 'xres']);
});

test('a WebGL context lost mid-run is re-created; lost again, the app goes on on wasm', async ({ explorer, page }) => {
  test.setTimeout(300_000);
  const loseContext = async () => {
    const worker = engineWorker(page);
    expect(
      await worker.evaluate(() =>
        (self as unknown as { segexplainWorker: { loseWebglContext(): boolean } }).segexplainWorker.loseWebglContext(),
      ),
    ).toBe(true);
  };
  await explorer.open('?backend=webgl&n=8&s=4&m=gradcam,xres');
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'webgl');
  await explorer.clickAt(0.45, 0.3);
  await loseContext();
  await expect(page.getByRole('status').filter({ hasText: 'GPU context was lost' })).toContainText(
    'Restarted it on webgl',
  );
  await explorer.waitDone(['gradcam', 'xres']);
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'webgl');
  expect(Math.max(...(await explorer.mapData('xres')))).toBeGreaterThan(0.9);
  await loseContext();
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 120_000 });
  await explorer.waitDone(['gradcam', 'xres']);
  await expect.poll(() => page.url()).toContain('backend=webgl'); // the link still asks for what the user asked for
});
