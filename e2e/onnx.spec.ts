import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { ALL_METHODS, expect, settledUrl, test } from './fixtures';

const FIXTURES = 'src/model/onnx/fixtures';

test('an ONNX file (torchvision DeepLabV3-MobileNetV3) opens from the file picker and gives every map', async ({
  explorer,
  page,
}) => {
  await explorer.open(
    '?backend=wasm&n=24&s=4&m=gradcam%2Cxres%2Clayercam%2Cgradcampp%2Cscorecam%2Crise%2Cmisure&stop=all&rw=dice' +
      '&msteps=3&mres=8',
  );
  await page.getByText('Your own model (TensorFlow.js or ONNX)').click();
  await page.getByLabel('Model files').setInputFiles([`${FIXTURES}/deeplabv3-mobilenetv3.onnx`]);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('4 classes');
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('input 64×64');
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(ALL_METHODS);
  for (const m of ALL_METHODS) {
    const data = await explorer.mapData(m);
    expect(data.length, m).toBe(64 * 64);
    expect(data.every(Number.isFinite), m).toBe(true);
    // random weights: Score-CAM's ReLU(Σ s_k A_k) may rightly be empty when every masked channel lowers the score
    // (and so may RISE's centred form when no mask changes the prediction: the link asks for the Dice form)
    if (m !== 'scorecam') expect(Math.max(...data), m).toBeGreaterThan(0.9);
  }
  await expect.poll(() => page.url()).toContain('model=files');
});

test('an ONNX model with an operator the app lacks is refused with the list, and the previous model stays', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=16&s=4');
  await page.getByText('Your own model (TensorFlow.js or ONNX)').click();
  const model = onnxProto.onnx.ModelProto.decode(readFileSync(`${FIXTURES}/unet.onnx`));
  for (const n of model.graph?.node ?? []) if (n.opType === 'Relu') n.opType = 'Celu';
  const buffer = Buffer.from(onnxProto.onnx.ModelProto.encode(model).finish());
  await page
    .getByLabel('Model files')
    .setInputFiles({ name: 'celu.onnx', mimeType: 'application/octet-stream', buffer });
  await expect(page.getByRole('alert').filter({ hasText: 'operators the app cannot run yet: Celu ×5' })).toBeVisible();
  await page.getByLabel('Model files').setInputFiles({
    name: 'broken.onnx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('this is not protobuf at all'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'not a valid ONNX file' })).toBeVisible();
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam']);
});

test('a ViT ONNX file by URL: token layers in the list, the share link reopens it; a dropped .onnx file loads too', async ({
  explorer,
  page,
  context,
}) => {
  await context.route('https://models.example.org/vit/**', (route) =>
    route.fulfill({ path: `${FIXTURES}/vit-seg.onnx`, headers: { 'access-control-allow-origin': '*' } }),
  );
  await explorer.open('?backend=wasm&n=16&s=4&m=gradcam%2Cxres');
  await page.getByText('Your own model (TensorFlow.js or ONNX)').click();
  await page.getByLabel('Model URL').fill('https://models.example.org/vit/vit-seg.onnx');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('input 64×64');
  await expect(page.getByRole('combobox', { name: 'Layer' })).toContainText('8×8×32 (64 tokens + 1 left out)');
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam', 'xres']);
  await expect.poll(() => page.url()).toContain('model=url');
  const link = await settledUrl(page);
  expect(decodeURIComponent(link)).toContain('mu=https://models.example.org/vit/vit-seg.onnx');

  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.waitForFunction(() => window.segexplain?.state().results.xres.status === 'done', null, {
    timeout: 120_000,
  });

  // Dropped on the form: the same file as a DataTransfer.
  const bytes = [...readFileSync(`${FIXTURES}/unet.onnx`)];
  const drop = await page.evaluateHandle((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], 'dropped-unet.onnx'));
    return dt;
  }, bytes);
  await page.locator('details.custom-model').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toContainText('input 32×32');
});
