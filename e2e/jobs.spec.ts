import { expect, test, settledUrl } from './fixtures';

test('RISE shows progress and can be cancelled', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=4000&stop=all&s=6');
  await explorer.clickAt(0.45, 0.3);
  const progress = page.getByRole('progressbar', { name: 'RISE progress' });
  await expect(progress).toBeVisible();
  // Until the first batch the bar is indeterminate and says so, never a made-up total.
  await expect(explorer.panel('RISE').getByText(/^(starting…|\d+ \/ 4000 masks( · .+)?)$/)).toBeVisible();
  await page.waitForFunction(
    () =>
      ((window.segexplain.state().results.rise as unknown as { progress: { done: number } | null }).progress?.done ??
        0) > 0,
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(explorer.panel('RISE').getByText('Cancelled.')).toBeVisible();
  // The worker answers at once (it is not stuck in the 4000-mask loop) and runs no more than the batch in flight.
  const ran = (await explorer.stats()).rise ?? 0;
  expect(ran).toBeLessThan(4000);
  await page.waitForTimeout(2000);
  expect((await explorer.stats()).rise).toBeLessThanOrEqual(ran + 8);
});

test('a new click supersedes the running job and the stale result is never painted', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=200&s=6');
  await explorer.clickAt(0.45, 0.3);
  await page.waitForTimeout(300);
  await explorer.clickAt(0.8, 0.85);
  await explorer.waitDone();
  const region = await page.evaluate(() => window.segexplain.state().params.region);
  expect(region).toMatchObject({ x: expect.closeTo(0.8, 1), y: expect.closeTo(0.85, 1) });
  // The final RISE map belongs to the second click: recomputing that click from scratch gives the same map.
  const shown = await explorer.mapData('rise');
  await page.goto(await settledUrl(page));
  await explorer.waitDone(['rise']);
  const again = await explorer.mapData('rise');
  expect(Math.max(...again.map((v, i) => Math.abs(v - (shown[i] ?? 0))))).toBeLessThan(1e-5);
});

test('the keyboard picks a region: arrows move, Enter explains', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=8');
  await explorer.image.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await explorer.waitDone(['gradcam']);
  const region = await page.evaluate(() => window.segexplain.state().params.region as { x: number; y: number });
  expect(region.x).toBeCloseTo(0.5, 3);
  expect(region.y).toBeCloseTo(0.5 - 2 / 64, 3);
});

test('an image that will not decode gives a message and the current image stays', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=8');
  await page
    .getByLabel('Open image…')
    .setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('this is not a png') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.png' })).toContainText('could not be decoded');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam']);
});

test('a 20-megapixel photo is downscaled on decode and explained', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=8');
  await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(5472, 3648);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const g = ctx.createLinearGradient(0, 0, 5472, 3648);
    g.addColorStop(0, '#203040');
    g.addColorStop(1, '#e0c0a0');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 5472, 3648);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    const input = document.querySelector('input[aria-label="Open image…"]') as HTMLInputElement;
    const dt = new DataTransfer();
    dt.items.add(new File([blob], 'big.jpg', { type: 'image/jpeg' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByRole('status').filter({ hasText: 'Opened big.jpg' })).toBeVisible();
  const image = await page.evaluate(() => {
    const s = window.segexplain.state() as unknown as { image: { originalSize: number[]; bitmap: ImageBitmap } };
    return { original: s.image.originalSize, shown: [s.image.bitmap.width, s.image.bitmap.height] };
  });
  expect(image.original).toEqual([5472, 3648]);
  expect(Math.max(...image.shown)).toBeLessThanOrEqual(2048);
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam']);
});

test('moving the sliders while the CAMs are computing runs no RISE pass', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=24&s=6');
  await explorer.clickAt(0.45, 0.3);
  const midway = await page.evaluate(() => window.segexplain.state().results.xres.status);
  await page.getByLabel('Window size', { exact: true }).fill('3');
  await page.getByLabel('Pooling').selectOption('mean');
  await page.getByLabel('Edges').selectOption('reference');
  await explorer.waitDone();
  expect(midway).toBe('running'); // the sliders really moved during the CAM computation
  // One RISE run of 24 masks, never restarted by the sliders; the CAMs ended with the last slider values.
  expect((await explorer.stats()).rise).toBe(24);
  await expect(explorer.panel('Seg-XRes-CAM').getByText('mean-pooled gradients, window 4×4')).toBeVisible();
});
