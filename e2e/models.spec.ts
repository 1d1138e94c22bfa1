import { expect, test, settledUrl } from './fixtures';

const DEFAULT_LAYER = {
  unet: 'dec3_conv1',
  deeplab: 'aspp_project_conv',
  unetr: '/dec2/dec2.0/dec2.0.0/Conv_output_0',
};
const BOTTLENECK = { unet: 'bottleneck', deeplab: 'bottleneck', unetr: '/blocks.5/Add_1_output_0' };

for (const model of ['unet', 'deeplab', 'unetr'] as const) {
  test(`${model}: a sample scene, a click on an object, three maps and their sufficiency`, async ({
    explorer,
    page,
  }) => {
    await explorer.open(`?backend=wasm&model=${model}&n=32&s=6`);
    await expect(page.getByLabel('Model', { exact: true })).toHaveValue(model);
    await expect(page.getByLabel('Sample')).toHaveValue('fashion-1');
    await expect(page.getByRole('list', { name: 'Classes' })).toContainText('Ankle boot');
    const name = await explorer.clickAnObject();
    await explorer.waitDone();
    await explorer.waitSufficiency();
    await expect(page.getByText(`Explaining class ${name} over 1 output pixel`)).toBeVisible();
    // The default layer was chosen by measurement (README, "Default layers"); the paper's bottleneck is one click away.
    await expect(page.getByLabel('Layer', { exact: true })).toHaveValue(DEFAULT_LAYER[model]);
    for (const m of ['gradcam', 'xres', 'rise'] as const)
      expect(Math.max(...(await explorer.mapData(m)))).toBeGreaterThan(0.5);
    await page.getByRole('button', { name: "Use the paper's layer (the bottleneck)" }).click();
    await expect(page.getByLabel('Layer', { exact: true })).toHaveValue(BOTTLENECK[model]);
    await explorer.waitDone(['gradcam', 'xres']);
    await expect.poll(() => page.url()).toContain(`layer=${encodeURIComponent(BOTTLENECK[model])}`);
    // The model and sample live in the share link.
    await expect.poll(() => page.url()).toContain(`model=${model}`);
  });
}

test("the user's own model from files: loads, explains; a corrupt one is refused and the old one stays", async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=16&s=4');
  await page.getByText('Your own model (TensorFlow.js or ONNX)').click();
  await page.getByLabel('Class names').fill('background, thing, other');
  await page
    .getByLabel('Model files')
    .setInputFiles(['e2e/fixtures/tiny-model/model.json', 'e2e/fixtures/tiny-model/weights.bin']);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('3 classes');
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('bottleneck');
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam', 'xres', 'rise']);
  await expect.poll(() => page.url()).toContain('model=files');

  await page.getByLabel('Model files').setInputFiles({
    name: 'model.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"modelTopology": [oops'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'model.json is not valid JSON' })).toBeVisible();
  await page.getByLabel('Model files').setInputFiles(['e2e/fixtures/tiny-model/model.json']);
  await expect(page.getByRole('alert').filter({ hasText: 'Missing weight file "weights.bin"' })).toBeVisible();
  // Still the previous (tiny) model, still working.
  await explorer.clickAt(0.3, 0.3);
  await explorer.waitDone(['gradcam']);
  await expect(page.getByText(/Explaining class/)).toBeVisible();
});

test("the user's own model from a URL: the share link holds the URL and reopens the model", async ({
  explorer,
  page,
  context,
}) => {
  // Serve the fixture as if it were hosted elsewhere (the test machine has no network).
  await context.route('https://models.example.org/tiny/**', (route) =>
    route.fulfill({
      path: `e2e/fixtures/tiny-model/${new URL(route.request().url()).pathname.split('/').pop()}`,
      headers: { 'access-control-allow-origin': '*' },
    }),
  );
  await explorer.open('?backend=wasm&n=16&s=4');
  await page.getByText('Your own model (TensorFlow.js or ONNX)').click();
  await page.getByLabel('Model URL').fill('https://models.example.org/tiny/model.json');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('input 32×32');
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam', 'xres']);
  await expect.poll(() => page.url()).toContain('model=url');
  expect(decodeURIComponent(await settledUrl(page))).toContain('mu=https://models.example.org/tiny/model.json');

  const fresh = await context.newPage();
  await fresh.goto(await settledUrl(page));
  await fresh.waitForFunction(() => window.segexplain?.state().results.gradcam.status === 'done', null, {
    timeout: 120_000,
  });
  expect(
    await fresh.evaluate(
      () => (window.segexplain.state() as unknown as { model: { inputSize: number[] } }).model.inputSize,
    ),
  ).toEqual([32, 32]);
});

test('a link to a model URL that no longer loads opens the default model and says why', async ({ explorer, page }) => {
  await page
    .context()
    .route('https://gone.example.org/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await explorer.open('?backend=wasm&n=8&model=url&mu=https://gone.example.org/model.json');
  await expect(page.getByRole('alert').filter({ hasText: 'Opened the default model instead' })).toContainText(
    'gone.example.org',
  );
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('selfie');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam']);
});

test('switching model adapts a window that does not fit the new layer, and says so', async ({ explorer, page }) => {
  // 15×15 fits the selfie model's 16×16 bottleneck, not DeepLabV3's 12×12 default layer.
  await explorer.open('?backend=wasm&n=8&win=15&pool=mean');
  await page.getByLabel('Model', { exact: true }).selectOption('deeplab');
  await page.waitForURL(/model=deeplab/);
  await page.waitForFunction(() => window.segexplain?.state().prediction != null, null, { timeout: 120_000 });
  await expect(page.getByRole('status').filter({ hasText: 'a 15×15 window does not fit' })).toContainText(
    'the 12×12 grid of layer aspp_project_conv',
  );
  expect(
    await page.evaluate(
      () => (window.segexplain.state().params.settings as { xres: { window: number; pool: string } }).xres,
    ),
  ).toMatchObject({ window: 2, pool: 'mean' });
  await expect.poll(() => page.url()).toContain('win=2');
});

test("switching model keeps the user's own image, segments it with the new model, and does not reload", async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=8&s=4');
  // The user's own image, pasted (as e2e/input.spec.ts does): a 120×90 gradient.
  await explorer.pasteGradient('mine.png');
  // A page reload would drop this marker (and the pasted image with it).
  await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  await page.getByLabel('Model', { exact: true }).selectOption('unet');
  await expect.poll(() => page.url()).toContain('model=unet');
  await page.waitForFunction(
    () => {
      const s = window.segexplain.state();
      const size = s.prediction?.size;
      return s.model?.id === 'unet' && size?.[0] === s.model.outputSize[0] && size?.[1] === s.model.outputSize[1];
    },
    null,
    { timeout: 120_000 },
  );
  const after = await page.evaluate(() => {
    const s = window.segexplain.state();
    const marker = (window as unknown as { samePage?: boolean }).samePage;
    return { name: s.image?.name, original: s.image?.originalSize, sample: s.params.image, marker };
  });
  expect(after).toEqual({ name: 'mine.png', original: [120, 90], sample: null, marker: true });
  await expect(page.getByRole('list', { name: 'Classes' })).toContainText('Ankle boot');
  // It is segmented and explained by the new model.
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam', 'xres']);
});

test("switching backend keeps the user's own image and the region, recomputes on the new backend, and does not reload", async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=8&s=4');
  // The user's own image, pasted: a 120×90 gradient.
  await explorer.pasteGradient('mine.png');
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam']);
  const region = await page.evaluate(() => window.segexplain.state().params.region);
  expect(region).not.toBeNull();
  // A page reload would drop this marker (and the pasted image with it).
  await page.evaluate(() => {
    const w = window as unknown as { samePage: boolean; oldMap: unknown };
    w.samePage = true;
    w.oldMap = window.segexplain.state().results.gradcam;
  });
  await page.getByLabel('Backend', { exact: true }).selectOption('cpu');
  await expect.poll(() => page.url()).toContain('backend=cpu');
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 120_000 });
  expect(await page.evaluate(() => window.segexplain.activeBackend())).toBe('cpu');
  // The same region is explained again on the new backend, on the same image.
  await page.waitForFunction(
    () => {
      const r = window.segexplain.state().results.gradcam;
      return r.status === 'done' && r !== (window as unknown as { oldMap: unknown }).oldMap;
    },
    null,
    { timeout: 170_000 },
  );
  const after = await page.evaluate(() => {
    const s = window.segexplain.state();
    const marker = (window as unknown as { samePage?: boolean }).samePage;
    return {
      name: s.image?.name,
      original: s.image?.originalSize,
      sample: s.params.image,
      marker,
      region: s.params.region,
    };
  });
  expect(after).toEqual({ name: 'mine.png', original: [120, 90], sample: null, marker: true, region });
  expect(await page.evaluate(() => window.segexplain.state().prediction?.size)).toEqual(
    await page.evaluate(() => window.segexplain.state().model?.outputSize),
  );
});
