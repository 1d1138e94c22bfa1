import { expect, test } from './fixtures';

test('the sanity check runs on the UNet: a row of maps per step for each gradient method, the ρ plot, weights restored, no leak', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&model=unet&n=8&s=4');
  await explorer.clickAnObject();
  await explorer.waitDone(['gradcam', 'xres', 'rise']);
  await explorer.waitSufficiency();
  const shown = await explorer.mapData('xres');
  const before = await explorer.stats();

  await page.getByRole('button', { name: 'Does the map depend on the weights?' }).click();
  const section = page.getByRole('region', { name: 'Sanity check: cascading weight randomisation' });
  await expect(section).toBeVisible();
  await expect(section.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 120_000 });
  await expect(section.getByRole('alert')).toHaveCount(0);

  // One row per gradient method on screen, each with the original and one map per step (the UNet has 8 steps).
  const rows = section.locator('.sanity-method');
  await expect(rows).toHaveCount(2);
  for (const title of ['Seg-Grad-CAM', 'Seg-XRes-CAM']) {
    const row = section.getByRole('region', { name: `${title} after each randomisation step` });
    const items = row.getByRole('listitem');
    await expect(items).toHaveCount(9);
    await expect(items.first()).toContainText('original');
    await expect(items.nth(1)).toContainText('logits');
    await expect(items.nth(2)).toContainText('→ up1');
    await expect(items.nth(8)).toContainText('→ enc1_conv1');
    await expect(items.nth(8)).toHaveAttribute(
      'title',
      /^Step 8 randomises enc2_conv1, enc1_conv2, enc1_conv1\. Random so far \(23 layers, from the output\): logits, dec1_conv2/,
    );
    // every map is drawn: its canvas is not blank
    const painted = await row.locator('canvas').evaluateAll((cs) =>
      cs.map((c) =>
        (c as HTMLCanvasElement)
          .getContext('2d')!
          .getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height)
          .data.some((v, i) => i % 4 === 3 && v > 0),
      ),
    );
    expect(painted).toEqual(Array(9).fill(true));
  }
  await expect(section.getByText(/8 steps at layer dec3_conv1 in/)).toBeVisible();

  // The plot: an SVG image with a line per method and a legend; its table fallback has the numbers.
  const plot = section.getByRole('img', { name: /Spearman correlation with the original map at each step/ });
  await expect(plot).toBeVisible();
  await expect(plot.locator('g[data-method]:not(.control) > path')).toHaveCount(2);
  // the controls' lines under them: random, edge, and each method's blurred copy
  await expect(plot.locator('g.control > path')).toHaveCount(4);
  await expect(section.getByRole('list', { name: 'Legend' })).toContainText('Seg-Grad-CAM');
  await section.getByText('ρ as a table').click();
  const table = section.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(10);
  const rho = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.querySelectorAll('td'))
        .slice(1)
        .map((td) => td.textContent ?? ''),
    ),
  );
  // columns: the two methods, then the controls (random, edge, each method blurred)
  expect(rho[0]).toEqual(['1.00', '1.00', '1.00', '1.00', '1.00', '1.00']);
  const num = (v: string | undefined) => Number((v ?? '').replace('−', '-'));
  for (const r of rho.slice(1)) {
    expect(r[3]).toBe('1.00'); // the edge map does not depend on the weights
    expect(Math.abs(num(r[2]))).toBeLessThan(0.1); // a random map drawn again
  }
  // Seg-Grad-CAM's map changes once the weights are random
  const grad = rho.slice(1).map((r) => Number((r[0] ?? '').replace('−', '-')));
  expect(Math.min(...grad.filter(Number.isFinite))).toBeLessThan(0.9);

  // eMPRT under the plot: the entropy rise to the fully random model, per method, with its tooltip
  const emprt = section.getByLabel('eMPRT');
  for (const id of ['gradcam', 'xres']) {
    await expect(emprt.getByTestId(`emprt-${id}`)).toHaveText(/^−?\d+\.\d\d \(H \d+\.\d\d → \d+\.\d\d nats\)$/);
  }
  await expect(emprt.getByText('eMPRT, Seg-Grad-CAM')).toHaveAttribute('title', /relative rise in the map’s entropy/);

  // Nine forward + backward passes, no tensor left behind, and the model's own weights back: the panel's map
  // recomputed from scratch (the layer switched away and back) is the same map.
  const after = await explorer.stats();
  expect((after as { sanity?: number }).sanity).toBe(((before as { sanity?: number }).sanity ?? 0) + 9);
  expect(after.tensors).toBe(before.tensors);
  await page.getByLabel('Layer', { exact: true }).selectOption('bottleneck');
  await explorer.waitDone(['xres']);
  // the check belonged to the other layer: it is cleared
  await expect(section.locator('.sanity-method')).toHaveCount(0);
  await page.getByLabel('Layer', { exact: true }).selectOption('dec3_conv1');
  const again = await explorer.waitNewMap('xres', await explorer.mapData('xres'));
  expect(again).toEqual(shown);
});

test('on the selfie model: Cancel stops a sanity check, and a new click supersedes one', async ({ explorer, page }) => {
  await explorer.open('?backend=wasm&n=8&s=4');
  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone(['gradcam', 'xres']);
  await page.getByRole('button', { name: 'Does the map depend on the weights?' }).click();
  const section = page.getByRole('region', { name: 'Sanity check: cascading weight randomisation' });
  await expect(section.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await section.getByRole('button', { name: 'Cancel' }).click();
  await expect(section.getByText(/Cancelled after \d of \d steps/)).toBeVisible();

  await section.getByRole('button', { name: 'Run again' }).click();
  await expect(section.getByRole('progressbar', { name: 'Sanity check progress' })).toBeVisible();
  await explorer.clickAt(0.1, 0.1);
  await expect(
    section.getByText('The region, class, layer or a setting changed: run the check again for the new map.'),
  ).toBeVisible();
  await explorer.waitDone(['gradcam', 'xres']);
  const before = await explorer.stats();
  await page.waitForTimeout(1500);
  // the superseded check stopped: no more passes
  expect(((await explorer.stats()) as { sanity?: number }).sanity).toBe((before as { sanity?: number }).sanity);
});
