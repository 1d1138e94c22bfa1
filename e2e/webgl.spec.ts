import { expect, test } from './fixtures';

// SwiftShader WebGL is slow: one small test proves the WebGL path in the worker end to end (asked for by the link,
// since on a software renderer the app itself picks wasm).
test('the WebGL backend runs in the worker and produces a map with correct gradients', async ({ explorer, page }) => {
  test.setTimeout(300_000);
  await explorer.open('?backend=webgl&n=8&s=4');
  expect(await page.evaluate(() => window.segexplain.activeBackend())).toBe('webgl');
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'webgl');
  // Our ResizeBilinear gradient is checked against finite differences on the active (WebGL) backend.
  expect(await page.evaluate(() => window.segexplain.checkGradients())).toBeLessThan(1e-2);
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam', 'xres']);
  const data = await explorer.mapData('xres');
  expect(Math.max(...data)).toBeGreaterThan(0.9);
});

test('the gradient check also holds on wasm', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=8');
  expect(await page.evaluate(() => window.segexplain.checkGradients())).toBeLessThan(1e-3);
});

test('on a software WebGL renderer (SwiftShader here) the app picks WebAssembly by itself, says why, and offers WebGL', async ({
  explorer,
  page,
}) => {
  await explorer.open('?n=8&s=4');
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'wasm');
  const notice = page.getByRole('status').filter({ hasText: 'software renderer' });
  await expect(notice).toContainText(/SwiftShader/i);
  await expect.poll(() => page.url()).not.toContain('backend='); // automatic: a shared link lets the opener's machine decide
  await notice.getByRole('button', { name: 'Use WebGL anyway' }).click();
  await page.waitForURL(/backend=webgl/);
  await expect(page.getByLabel('Active backend')).toHaveAttribute('data-backend', 'webgl', { timeout: 120_000 });
});
