import { expect, settledUrl, test } from './fixtures';

/** Share of the map above t (what sufficiency keeps). */
const keptAt = (map: number[], t = 0.2) => map.filter((v) => v > t).length / map.length;

test('RISE’s weights: centred by default, the paper’s Dice one click away, re-weighting the masks already run', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&model=unet&m=rise&n=400&stop=all');
  await expect(page.getByLabel('Mask weights', { exact: true })).toHaveValue('centred');
  await explorer.clickAnObject();
  await explorer.waitDone(['rise']);
  const centred = await explorer.mapData('rise');
  expect((await explorer.stats()).rise).toBe(400);
  await expect(explorer.panel('RISE')).toContainText('centred weights');

  await page.getByLabel('Mask weights', { exact: true }).selectOption('dice');
  await page.waitForFunction(() => window.segexplain.state().results.rise.status === 'running');
  await explorer.waitDone(['rise']);
  // the same 400 masks re-weighted: no new forward pass
  expect((await explorer.stats()).rise).toBe(400);
  const dice = await explorer.mapData('rise');
  // a one-pixel click: the paper's form keeps most of the image at t = 0.2, the centred form far less
  expect(keptAt(dice)).toBeGreaterThan(0.6);
  expect(keptAt(centred)).toBeLessThan(keptAt(dice) - 0.2);
  await expect(explorer.panel('RISE')).toContainText('Dice weights (paper)');
  expect(new URL(await settledUrl(page)).searchParams.get('rw')).toBe('dice');

  // The original RISE's continuous weight: the cache holds labels, not probabilities, so it runs its own 400 passes
  await page.getByLabel('Mask weights', { exact: true }).selectOption('probability');
  await page.waitForFunction(() => window.segexplain.state().results.rise.status === 'running');
  await explorer.waitDone(['rise']);
  expect((await explorer.stats()).rise).toBe(800);
  const probability = await explorer.mapData('rise');
  expect(probability).not.toEqual(dice);
  await expect(explorer.panel('RISE')).toContainText(
    'mean-probability weights (original RISE: another region runs its own passes)',
  );
  expect(new URL(await settledUrl(page)).searchParams.get('rw')).toBe('probability');
  // back to Dice and again to the continuous form: its weights for this region are kept, no new pass
  await page.getByLabel('Mask weights', { exact: true }).selectOption('dice');
  await explorer.waitDone(['rise']);
  await page.getByLabel('Mask weights', { exact: true }).selectOption('probability');
  await expect(explorer.panel('RISE')).toContainText(
    'mean-probability weights (original RISE: another region runs its own passes)',
  );
  await explorer.waitDone(['rise']);
  // the same map up to float rounding (the kept weights are summed over the masks in another order)
  await expect
    .poll(async () => Math.max(...(await explorer.mapData('rise')).map((v, i) => Math.abs(v - probability[i]!))))
    .toBeLessThan(1e-4);
  expect((await explorer.stats()).rise).toBe(800);
});
