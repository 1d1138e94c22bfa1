import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';

test('robustness to input noise: measured on demand for every gradient method at once, with its tooltip', async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&model=unet&n=8&s=4');
  await explorer.clickAnObject();
  await explorer.waitDone(['gradcam', 'xres']);
  const before = await explorer.stats();
  // nothing is measured before it is asked for: the first view costs no noisy pass
  expect((before as { robustness?: number }).robustness ?? 0).toBe(0);
  const grad = explorer.panel('Seg-Grad-CAM');
  await expect(grad.getByText('Robustness', { exact: true })).toHaveAttribute('title', /mean Pearson correlation/);
  await grad.getByRole('button', { name: 'Measure' }).click();
  for (const id of ['gradcam', 'xres']) {
    await expect(page.getByTestId(`robustness-${id}`)).toHaveText(/^r −?[01]\.\d{3}$/, { timeout: 120_000 });
  }
  const after = await explorer.stats();
  // one clean and eight noisy forward + backward passes, shared by both methods; nothing leaks
  expect((after as { robustness?: number }).robustness).toBe(9);
  expect(after.tensors).toBe(before.tensors);
  const r = Number((await page.getByTestId('robustness-gradcam').textContent())!.slice(2).replace('−', '-'));
  expect(r).toBeLessThan(1);
  expect(r).toBeGreaterThan(-1);
  // the report's metrics.json holds it per method
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  const files = unzipSync(new Uint8Array(await readFile(await d.path())));
  const metrics = JSON.parse(strFromU8(files['metrics.json']!));
  expect(metrics.methods.gradcam.metrics.robustness).toMatchObject({ meanPearson: expect.closeTo(r, 3), draws: 8 });
  // a new region clears it
  await explorer.clickAt(0.2, 0.2);
  await expect(grad.getByRole('button', { name: 'Measure' })).toBeVisible();
});
