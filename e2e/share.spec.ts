import { expect, FAST, test } from './fixtures';

test('a copied link reproduces the same view and the same maps in a fresh page', async ({
  explorer,
  page,
  context,
}) => {
  await explorer.open(FAST);
  await page.getByLabel('Pooling').selectOption('mean');
  await page.getByLabel('Window size', { exact: true }).fill('1'); // slider index 1: a 2×2 window
  await page.getByLabel('Threshold', { exact: true }).fill('0.35');
  await page.getByLabel('Seed').fill('42');
  await page.getByLabel('Seed').press('Enter');
  await explorer.clickAt(0.6, 0.42);
  await explorer.waitDone();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(/v=1/);
  const params = await page.evaluate(() => window.segexplain.state().params);
  const maps = {
    gradcam: await explorer.mapData('gradcam'),
    xres: await explorer.mapData('xres'),
    rise: await explorer.mapData('rise'),
  };

  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.waitForFunction(
    () =>
      ['gradcam', 'xres', 'rise'].every((m) => window.segexplain?.state().results[m as 'gradcam'].status === 'done'),
    null,
    { timeout: 170_000 },
  );
  expect(await fresh.evaluate(() => window.segexplain.state().params)).toEqual(params);
  for (const m of ['gradcam', 'xres', 'rise'] as const) {
    const again = await fresh.evaluate(
      (k) => Array.from(window.segexplain.state().results[k as 'gradcam'].map?.data ?? []),
      m,
    );
    expect(again.length).toBe(maps[m].length);
    expect(Math.max(...again.map((v, i) => Math.abs(v - (maps[m][i] ?? 0))))).toBeLessThan(1e-5);
  }
  await expect(fresh.getByLabel('Threshold', { exact: true })).toHaveValue('0.35');
  await expect(fresh.getByLabel('Pooling')).toHaveValue('mean');
});

test('a link with nonsense parameters opens with defaults and says what it ignored', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=banana&thr=7&pool=median&region=circle:1,2&model=evil&zzz=1');
  await expect(page.getByRole('status').filter({ hasText: 'pool' }).first()).toBeVisible();
  await expect(page.getByText(/Threshold \(thr\) 7 clamped to 1/)).toBeVisible();
  await expect(page.getByText(/unknown link parameter: zzz/)).toBeVisible();
  await expect(page.getByLabel('Pooling')).toHaveValue('max');
  // The app still works after the bad link.
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam', 'xres']);
});

test('turning methods on and off and changing their settings survive the share link', async ({
  explorer,
  page,
  context,
}) => {
  await explorer.open(FAST);
  await explorer.showMethod('RISE', false);
  await explorer.showMethod('LayerCAM');
  await explorer.showMethod('Score-CAM');
  await page.getByLabel('Pooling').selectOption('mean');
  await page.getByLabel('Edges').selectOption('reference');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam', 'xres', 'layercam', 'scorecam']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const params = await page.evaluate(() => window.segexplain.state().params);

  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.waitForFunction(
    () =>
      ['gradcam', 'xres', 'layercam', 'scorecam'].every(
        (m) => window.segexplain?.state().results[m as 'gradcam'].status === 'done',
      ),
    null,
    { timeout: 170_000 },
  );
  expect(await fresh.evaluate(() => window.segexplain.state().params)).toEqual(params);
  await expect(fresh.getByRole('figure')).toHaveCount(4);
  await expect(fresh.getByRole('figure', { name: 'RISE' })).toHaveCount(0);
  await expect(fresh.getByLabel('Show Score-CAM')).toBeChecked();
  await expect(fresh.getByLabel('Edges')).toHaveValue('reference');
});

test('a link made after opening your own image never claims the astronaut', async ({ explorer, page }) => {
  await explorer.open(FAST);
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(64, 48);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.fillStyle = '#c08060';
    ctx.fillRect(0, 0, 64, 48);
    return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
  });
  await page
    .getByLabel('Open image…')
    .setInputFiles({ name: 'mine.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(page.getByLabel('Sample')).toHaveValue('__own__');
  await expect(page.getByLabel('Sample').locator('option:checked')).toHaveText('Your image: mine.png');
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam']);
  await expect.poll(() => page.url()).not.toContain('img=');
  await expect.poll(() => page.url()).not.toContain('region=');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const dialog = page.getByRole('dialog', { name: 'This link cannot reproduce the view' });
  await expect(dialog).toContainText('your own image');
  await expect(page.getByLabel('Share link')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Copy link without image' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toContain('img=astronaut');
  expect(link).not.toContain('region=');
});
