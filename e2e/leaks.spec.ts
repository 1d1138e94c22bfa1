import { expect, test } from './fixtures';

/** Waits until nothing is running (every method on screen is done, errored or idle, and no sufficiency is pending). */
async function settle(page: import('@playwright/test').Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = window.segexplain.state() as unknown as {
        params: { methods: string[] };
        results: Record<string, { status: string; sufficiency: unknown }>;
      };
      return s.params.methods.every(
        (m) =>
          ['done', 'error', 'idle', 'cancelled'].includes(s.results[m]!.status) &&
          (s.results[m]!.status !== 'done' || s.results[m]!.sufficiency),
      );
    },
    null,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(300);
}

test('100 mixed interactions on wasm leave the worker holding the same number of tensors', async ({
  explorer,
  page,
}) => {
  test.setTimeout(600_000);
  await explorer.open('?backend=wasm&n=16&s=4&m=gradcam,xres,layercam,rise');
  await explorer.clickAt(0.45, 0.3);
  await settle(page);
  // Warm-up: one of each interaction, so every cache holds what it will hold.
  await page.getByLabel('Pooling').selectOption('mean');
  await page.getByLabel('Pooling').selectOption('max');
  await explorer.showMethod('Score-CAM');
  await settle(page);
  await explorer.showMethod('Score-CAM', false);
  await settle(page);
  const before = await explorer.stats();
  expect(before.tensors).toBeGreaterThan(0);
  const win = page.getByLabel('Window size', { exact: true });
  let done = 0;
  for (let round = 0; done < 100; round++) {
    await explorer.clickAt(0.3 + 0.04 * (round % 8), 0.25 + 0.05 * (round % 5));
    done++;
    await win.fill(String(round % 6));
    done++;
    await page.getByLabel('Pooling').selectOption(round % 2 ? 'mean' : 'max');
    done++;
    await page.getByLabel('Threshold', { exact: true }).fill(String(0.1 + 0.05 * (round % 5)));
    done++;
    if (round % 3 === 0) {
      await explorer.tool('Box').click();
      await explorer.drag([
        [0.3, 0.2],
        [0.55, 0.45],
      ]);
      done++;
      await explorer.tool('Point').click();
    }
    if (round % 4 === 1) {
      await page.getByLabel('Seed').fill(String(round));
      await page.getByLabel('Seed').press('Enter');
      done++;
    }
    if (round % 5 === 2) {
      await explorer.showMethod('Score-CAM');
      done++;
      await explorer.showMethod('Score-CAM', false);
      done++;
    }
  }
  // Back to the starting view (the same methods and settings keep the same caches), then compare.
  await win.fill('1');
  await page.getByLabel('Pooling').selectOption('max');
  await explorer.clickAt(0.45, 0.3);
  await settle(page);
  const after = await explorer.stats();
  console.log(
    `tensors before ${before.tensors} (${before.tensorBytes} B), after ${done} interactions ${after.tensors} (${after.tensorBytes} B)`,
  );
  expect(after.tensors).toBe(before.tensors);
});
