import { expect, test, settledUrl } from './fixtures';

const regionOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => JSON.stringify(window.segexplain.state().params.region));

test('a worker that dies mid-run is restarted, with a notice, and the view is recomputed as it was', async ({
  explorer,
  page,
}) => {
  // A terminated worker says nothing: only the watchdog notices. Shorten it for the test.
  await page.addInitScript(() => localStorage.setItem('segexplain.hangTimeout', '3000'));
  await explorer.open('?backend=wasm&n=400&s=4');
  await explorer.clickAt(0.45, 0.3);
  await page.waitForFunction(
    () =>
      ((window.segexplain.state().results.rise as unknown as { progress: { done: number } | null }).progress?.done ??
        0) > 0,
  );
  const region = await regionOf(page);
  const url = await settledUrl(page);
  await page.evaluate(() => window.segexplain.killWorker());
  await expect(page.getByRole('status').filter({ hasText: 'stopped answering' })).toContainText('Restarted it on wasm');
  await explorer.waitDone();
  expect(await regionOf(page)).toBe(region);
  await expect.poll(() => page.url()).toBe(url);
  // The new worker counts from zero: it ran the whole RISE again (all 400 masks) for the same click.
  expect((await explorer.stats()).rise).toBe(400);
});

test('a WebGL context lost mid-run is re-created; lost again, the app goes on on wasm', async ({ explorer, page }) => {
  test.setTimeout(300_000);
  const loseContext = async () => {
    const worker = page.workers().at(-1);
    if (!worker) throw new Error('no worker');
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
