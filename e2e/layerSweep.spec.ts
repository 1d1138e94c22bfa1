import { expect, test } from './fixtures';

test('the layer sweep on the UNet: a row of maps per layer with mass and Dice, one click explains that layer', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&model=unet&m=gradcam%2Cxres');
  await explorer.clickAnObject();
  await explorer.waitDone(['gradcam', 'xres']);

  await page.getByRole('button', { name: 'Which layer? Compare layers' }).click();
  const section = page.getByRole('region', { name: 'Layer sweep' });
  await expect(section.getByRole('button', { name: 'Run 12 layers again' })).toBeVisible({ timeout: 120_000 });
  await expect(section.getByRole('alert')).toHaveCount(0);
  await expect(section).toContainText('gradients from one backward pass');
  const rows = section.getByRole('list', { name: 'Layers' }).getByRole('button');
  await expect(rows).toHaveCount(12);
  // the layer in use (the default) is marked; every row reads a mass and a Dice for both methods
  await expect(section.getByRole('button', { name: /^dec3_conv1 · default, 24×24×32: / })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const labels = await rows.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
  const masses = labels.map((l) => [...l.matchAll(/mass (\.\d\d|1\.00|0\.00)/g)].map((m) => Number(m[1])));
  for (const [i, l] of labels.entries()) {
    expect(l).toMatch(/Seg-Grad-CAM mass [.\d]+, Dice [.\d]+; Seg-XRes-CAM mass [.\d]+, Dice [.\d]+$/);
    expect(masses[i]).toHaveLength(2);
  }
  expect(new Set(masses.map((m) => m[1])).size).toBeGreaterThan(3); // the layer changes the answer
  // every map is drawn: the scene is the same in every thumbnail, so blank overlays would make them all alike
  const pixels = await section
    .locator('.layer-sweep-cell canvas')
    .evaluateAll((cs) =>
      cs.map((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 64, 64).data).join()),
    );
  expect(pixels).toHaveLength(24);
  expect(new Set(pixels).size).toBeGreaterThan(12);

  // One click explains the bottleneck: the layer setting and the link follow, the panels recompute, the sweep stays.
  const before = await explorer.mapData('xres');
  await section.getByRole('button', { name: /^bottleneck: bottleneck, 6×6×128: / }).click();
  await expect(page.getByRole('combobox', { name: 'Layer' })).toHaveValue('bottleneck');
  await expect(page).toHaveURL(/[?&]layer=bottleneck/);
  await explorer.waitNewMap('xres', before);
  await expect(section.getByRole('button', { name: /^bottleneck: bottleneck, 6×6×128: / })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // A new click supersedes the sweep: its rows go.
  await explorer.clickAt(0.1, 0.1);
  await expect(section.getByRole('list', { name: 'Layers' })).toHaveCount(0);
});

test('the UNETR (bundled ONNX): transformer blocks are token grids in the layer list and the sweep', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&model=unetr&m=gradcam%2Cxres');
  await expect(page.getByRole('combobox', { name: 'Layer' })).toContainText('12×12×112 (144 tokens)');
  await explorer.clickAnObject();
  await explorer.waitDone(['gradcam', 'xres']);
  await page.getByRole('button', { name: 'Which layer? Compare layers' }).click();
  const section = page.getByRole('region', { name: 'Layer sweep' });
  await expect(section.getByRole('button', { name: /^Run \d+ layers again$/ })).toBeVisible({ timeout: 180_000 });
  await expect(section.getByRole('alert')).toHaveCount(0);
  const bottleneck = section.getByRole('button', { name: /^bottleneck: \/blocks\.5\/Add_1_output_0.*144 tokens\): / });
  await expect(bottleneck).toContainText('144 tokens');
  await expect(bottleneck).toContainText('bottleneck');
  await bottleneck.click();
  await expect(page.getByRole('combobox', { name: 'Layer' })).toHaveValue('/blocks.5/Add_1_output_0');
  await explorer.waitDone(['gradcam', 'xres']);
  await expect(page.getByText(/layer grid 12×12×112/)).toBeVisible();
});
