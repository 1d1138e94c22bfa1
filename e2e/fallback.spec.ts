import { expect, test } from './fixtures';

// Runs in the "no-webgl" project (Chromium with neither GPU nor software rasteriser): the app must fall back and say so.
test('without WebGL the worker falls back to wasm and says so', async ({ explorer, page }) => {
  await explorer.open('?n=8&s=4');
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByRole('status').filter({ hasText: 'Running on wasm' })).toBeVisible();
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam']);
});
