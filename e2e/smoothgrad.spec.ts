import { expect, settledUrl, test } from './fixtures';

test('a link with sg=2 shows SmoothGrad, smooths the gradient maps, and keeps the key', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&m=gradcam,xres&sg=2');
  const field = page.getByLabel('SmoothGrad copies');
  await expect(field).toHaveValue('2');
  const before = await explorer.stats();
  await explorer.clickAnObject();
  await explorer.waitDone(['gradcam', 'xres']);
  // two noisy forward + backward passes, shared by both methods
  expect((await explorer.stats()).gradient - before.gradient).toBe(2);
  for (const name of ['Seg-Grad-CAM', 'Seg-XRes-CAM'] as const) {
    await expect(explorer.panel(name).getByTestId('smoothgrad-note')).toHaveText('· SmoothGrad n = 2');
  }
  expect(await settledUrl(page)).toMatch(/[?&]sg=2(&|$)/);
  const smoothed = await explorer.mapData('gradcam');
  const xres = await explorer.mapData('xres');
  // Off: one pass on the clean image, other maps, no note, and the key leaves the link.
  await field.fill('1');
  await field.press('Enter');
  const plain = await explorer.waitNewMap('gradcam', smoothed);
  await explorer.waitDone(['gradcam', 'xres']);
  expect(plain.some((v, i) => Math.abs(v - (smoothed[i] ?? 0)) > 1e-3)).toBe(true);
  expect((await explorer.mapData('xres')).some((v, i) => Math.abs(v - (xres[i] ?? 0)) > 1e-3)).toBe(true);
  await expect(explorer.panel('Seg-Grad-CAM').getByTestId('smoothgrad-note')).toHaveCount(0);
  expect(await settledUrl(page)).not.toMatch(/[?&]sg=/);
  // Back on: seeded noise, so the same smoothed map again.
  await field.fill('2');
  await field.press('Enter');
  const again = await explorer.waitNewMap('gradcam', plain);
  expect(again.every((v, i) => Math.abs(v - (smoothed[i] ?? 0)) < 1e-6)).toBe(true);
  expect(await settledUrl(page)).toMatch(/[?&]sg=2(&|$)/);
});
