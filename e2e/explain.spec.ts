import { ALL_METHODS, expect, FAST, test, settledUrl } from './fixtures';

test('a click on the person gives three non-empty maps with sufficiency read-outs', async ({ explorer, page }) => {
  await explorer.open(FAST);
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'wasm');
  const blank = await explorer.canvasPixels('Seg-Grad-CAM');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  for (const name of ['Seg-Grad-CAM', 'Seg-XRes-CAM', 'RISE'] as const) {
    const readouts = explorer.panel(name).getByLabel('Read-outs');
    await expect(readouts).toContainText(/Dice @ t = 0\.20\s*\d\.\d{3}/);
    await expect(readouts).toContainText(/Kept\s*[\d.]+%/);
    await expect(readouts).toContainText(/Confidence kept\s*\d\.\d{3}/);
    await expect(readouts).toContainText(/Mass in region\s*[\d.e-]+ \(chance [\d.e-]+\)/);
    await expect(readouts).toContainText(/Pointing game\s*(hit|miss)/);
    if (name !== 'RISE') await expect(readouts).toContainText(/vs RISE\s*r -?\d\.\d{3}, ρ -?\d\.\d{3}/);
  }
  // The map metrics (pixel sorts) run on their own worker, not on the UI thread nor the busy tfjs one.
  expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringContaining('metrics.worker'));
  for (const m of ['gradcam', 'xres', 'rise'] as const) {
    const data = await explorer.mapData(m);
    expect(data.length).toBe(256 * 256);
    expect(Math.max(...data)).toBeGreaterThan(0.9); // normalised to 1 on the layer grid, then upsampled
    expect(Math.min(...data)).toBeLessThan(0.01);
  }
  // The heat map is painted: the canvas differs from the bare image it showed before.
  const painted = await explorer.canvasPixels('Seg-Grad-CAM');
  const changed = painted.filter((v, i) => Math.abs(v - (blank[i] ?? 0)) > 8).length;
  expect(changed).toBeGreaterThan(painted.length / 10);
  await expect(page.getByText(/Explaining class person over 1 output pixel/)).toBeVisible();
});

test('a class not predicted at the click: Dice and confidence kept read n/a with the reason, not a ratio over ~0', async ({
  explorer,
  page,
}) => {
  await explorer.open(FAST);
  await explorer.clickAt(0.45, 0.3); // on the person
  await explorer.waitDone();
  await page.getByLabel('Class', { exact: true }).selectOption('background');
  await expect
    .poll(() =>
      page.evaluate(
        () => (window.segexplain.state() as unknown as { target: { classIndex: number } | null }).target?.classIndex,
      ),
    )
    .toBe(0);
  await explorer.waitDone();
  await explorer.waitSufficiency();
  const readouts = explorer.panel('Seg-Grad-CAM').getByLabel('Read-outs');
  await expect(readouts).toContainText(/Dice @ t = 0\.20\s*n\/a: the class is not predicted in the region/);
  await expect(readouts).toContainText(/Confidence kept\s*n\/a/);
  await expect(readouts).not.toContainText(/Confidence kept\s*\d/);
  await expect(readouts).toContainText(/Kept\s*[\d.]+%/);
  await expect(readouts.getByText('n/a: the class is not predicted in the region')).toHaveAttribute(
    'title',
    /No pixel of the region is predicted as this class/,
  );
  // Back to the predicted class: numbers again.
  await page.getByLabel('Class', { exact: true }).selectOption('');
  await explorer.waitDone();
  await explorer.waitSufficiency();
  await expect(readouts).toContainText(/Confidence kept\s*\d\.\d{3}/);
});

test('changing pooling or window recombines cached gradients: no network run', async ({ explorer, page }) => {
  await explorer.open(FAST);
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  await explorer.waitSufficiency();
  const before = await explorer.stats();
  const xresBefore = await explorer.mapData('xres');

  await page.getByLabel('Pooling').selectOption('mean');
  await page.waitForFunction((prev) => window.segexplain.state().results.xres.map?.data[prev.i] !== prev.v, {
    i: xresBefore.indexOf(Math.max(...xresBefore)),
    v: Math.max(...xresBefore),
  });
  await page.getByLabel('Window size', { exact: true }).press('End'); // the largest window: the whole grid
  await expect(explorer.panel('Seg-XRes-CAM').getByText('window 16×16')).toBeVisible();
  await explorer.waitSufficiency();

  const after = await explorer.stats();
  // The maps were recombined from cached A and G: no activation, gradient, prediction or RISE pass ran.
  expect({ ...after, sufficiency: 0 }).toEqual({ ...before, sufficiency: 0 });
  // Only the Seg-XRes-CAM sufficiency read-out was refreshed (one masked forward pass per change at most).
  expect(after.sufficiency - before.sufficiency).toBeLessThanOrEqual(2);
  // Window = full grid with mean pooling is Seg-Grad-CAM.
  const [grad, xres] = [await explorer.mapData('gradcam'), await explorer.mapData('xres')];
  expect(Math.max(...grad.map((v, i) => Math.abs(v - (xres[i] ?? 0))))).toBeLessThan(1e-4);
});

test('the layer picker recomputes at another layer', async ({ explorer, page }) => {
  await explorer.open(FAST);
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  const layer = page.getByLabel('Layer', { exact: true });
  await expect(layer.locator('option')).not.toHaveCount(0);
  const before = await explorer.stats();
  await layer.selectOption({ label: 'head: multiply_6 (16×16×128)' });
  await page.waitForFunction(() => window.segexplain.state().results.gradcam.status === 'done');
  await expect.poll(async () => (await explorer.stats()).gradient).toBe(before.gradient + 1);
  expect((await explorer.stats()).rise).toBe(before.rise); // RISE does not depend on the layer
  await expect.poll(() => page.url()).toContain('layer=multiply_6');
});

test('every method turned on gives a non-empty map', async ({ explorer, page }) => {
  // MiSuRe kept short through its link settings: 3 steps on an 8-cell mask.
  await explorer.open(`${FAST}&msteps=3&mres=8`);
  for (const name of ['LayerCAM', 'Grad-CAM++', 'Score-CAM', 'MiSuRe'] as const) await explorer.showMethod(name);
  await expect(page.getByRole('figure')).toHaveCount(ALL_METHODS.length);
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(ALL_METHODS);
  for (const m of ALL_METHODS) {
    const data = await explorer.mapData(m);
    expect(data.length, m).toBe(256 * 256);
    expect(Math.max(...data), m).toBeGreaterThan(0.9);
  }
  await expect(explorer.panel('Score-CAM').getByLabel('Read-outs')).toContainText(/Dice @ t = 0\.20\s*\d\.\d{3}/);
  await expect.poll(() => page.url()).toContain('m=gradcam%2Cxres%2Clayercam%2Cgradcampp%2Cscorecam%2Crise%2Cmisure');
});

test('a region mode chosen before the first click is the one that click uses', async ({ explorer, page }) => {
  await explorer.open(FAST);
  await page.getByLabel('Region', { exact: true }).selectOption('component');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam']);
  await expect(page.getByLabel('Region', { exact: true })).toHaveValue('component');
  expect(await page.evaluate(() => (window.segexplain.state().params.region as { kind: string }).kind)).toBe(
    'component',
  );
  expect(
    await page.evaluate(
      () => (window.segexplain.state() as unknown as { target: { regionPixels: number } }).target.regionPixels,
    ),
  ).toBeGreaterThan(100);
});

test('a window change while RISE runs is recombined off the tfjs worker: painted before RISE ends, equal to a fresh computation', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=2000&stop=all&s=6');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam', 'xres']);
  const before = await explorer.mapData('xres');
  const recombined = (await explorer.stats()).recombine ?? 0;
  await page.getByLabel('Window size', { exact: true }).press('End');
  await page.waitForFunction(
    (prev) => window.segexplain.state().results.xres.map?.data.some((v, i) => Math.abs(v - (prev[i] ?? 0)) > 1e-3),
    before,
  );
  // RISE (2000 masks, about half a minute here) is still busy on the tfjs worker: the new map did not wait for it.
  expect(await page.evaluate(() => window.segexplain.state().results.rise.status)).toBe('running');
  expect((await explorer.stats()).recombine ?? 0).toBe(recombined); // the tfjs worker recombined nothing
  const shown = await explorer.mapData('xres');
  await page.goto(await settledUrl(page));
  await explorer.waitDone(['xres']);
  const fresh = await explorer.mapData('xres');
  expect(Math.max(...fresh.map((v, i) => Math.abs(v - (shown[i] ?? 0))))).toBeLessThan(1e-5);
});

test('the window sweep shows every window with its mass and Dice, from cached gradients; a thumbnail sets the window', async ({
  explorer,
  page,
}) => {
  await explorer.open(FAST);
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  const before = await explorer.stats();
  const panel = explorer.panel('Seg-XRes-CAM');
  await panel.getByText(/Window sweep/).click();
  const strip = panel.getByRole('list', { name: 'Window sizes' });
  await expect(strip.getByRole('button')).toHaveCount(16); // 1×1 … 15×15 and the whole 16×16 grid
  await expect(strip.getByRole('button').first()).toHaveAccessibleName(
    /Window 1×1 \(= HiResCAM\): mass in region [\d.]+, Dice [\d.]+$/,
  );
  await strip.getByRole('button', { name: /^Window 4×4:/ }).click();
  await expect
    .poll(() =>
      page.evaluate(() => (window.segexplain.state().params.settings as { xres: { window: number } }).xres.window),
    )
    .toBe(4);
  await expect(strip.getByRole('button', { name: /^Window 4×4:/ })).toHaveAttribute('aria-pressed', 'true');
  const after = await explorer.stats();
  // No gradient, activation or RISE pass: the strip and the click recombine cached A and G.
  expect({ gradient: after.gradient, activation: after.activation, rise: after.rise }).toEqual({
    gradient: before.gradient,
    activation: before.activation,
    rise: before.rise,
  });
  // The strip's sufficiency passes ran as one batch: 16 masked images.
  expect(after.sufficiency - before.sufficiency).toBeGreaterThanOrEqual(16);
});
