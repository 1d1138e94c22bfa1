import { expect, test } from './fixtures';

// Only the two gradient methods: the note is about them, and RISE would only slow the test down.
const QUICK = '?backend=wasm&m=gradcam,xres';

test("DeepLabV3's bottleneck: the linear-layer note shows beside the maps, and leads to the default layer", async ({
  explorer,
  page,
}) => {
  await explorer.open(`${QUICK}&model=deeplab&layer=bottleneck`);
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam', 'xres']);
  const note = page.getByRole('note', { name: 'Linear layer' });
  await expect(note).toBeVisible();
  await expect(note).toContainText('Only linear operations follow bottleneck (1×1 convolution, bilinear upsampling)');
  await expect(note).toContainText('r = 1');
  await note.getByRole('button', { name: 'Use aspp_project_conv' }).click();
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('aspp_project_conv');
  await explorer.waitDone(['gradcam', 'xres']);
  await expect(note).toHaveCount(0);
});

test('UNet: no note, at the default layer or at the bottleneck', async ({ explorer, page }) => {
  await explorer.open(`${QUICK}&model=unet`);
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone(['gradcam', 'xres']);
  await expect(page.getByText(/^Explaining class/)).toBeVisible();
  await expect(page.getByRole('note', { name: 'Linear layer' })).toHaveCount(0);
  await page.getByLabel('Layer', { exact: true }).selectOption('bottleneck');
  await explorer.waitDone(['gradcam', 'xres']);
  await expect(page.getByText(/layer grid 6×6×128/)).toBeVisible();
  await expect(page.getByRole('note', { name: 'Linear layer' })).toHaveCount(0);
});
