import { BUNDLED_MODELS } from '../src/core/models';
import { expect, settledUrl, test, type Explorer } from './fixtures';

// MiSuRe on every bundled model, kept short by link settings: 3 Adam steps on an 8-cell mask, τ = 0.8.
const SHORT = 'backend=wasm&m=misure&mdice=0.8&msteps=3&mres=8';

interface Found {
  threshold: number;
  sufficient: { kept: number; dice: number; radius: number; reached: boolean; size: [number, number] };
  minimal: { kept: number; dice: number };
}
const regionsOf = (explorer: Explorer) =>
  explorer.page.evaluate(() => (window.segexplain.state().results.misure as unknown as { regions: Found }).regions);

for (const { id } of BUNDLED_MODELS) {
  test(`MiSuRe on ${id}: map painted, both regions read out, the link carries its settings and reproduces it`, async ({
    explorer,
    page,
  }) => {
    test.setTimeout(300_000);
    await explorer.open(`?${SHORT}&model=${id}`);
    await explorer.clickAnObject();
    await explorer.waitDone(['misure']);
    const map = await explorer.mapData('misure');
    expect(map.some((v) => v > 0)).toBe(true);
    const found = await regionsOf(explorer);
    expect(found.threshold).toBe(0.8);
    // Stage 1's region reaches τ (or is the whole image); the minimal one lies inside it.
    expect(found.sufficient.reached ? found.sufficient.dice >= 0.8 : found.sufficient.kept === 1).toBe(true);
    expect(found.minimal.kept).toBeLessThanOrEqual(found.sufficient.kept);
    const panel = explorer.panel('MiSuRe');
    await expect(panel.getByTestId('misure-sufficient')).toHaveText(/^\d+\.\d% of the image, Dice \d\.\d\d \(/);
    await expect(panel.getByTestId('misure-minimal')).toHaveText(/^\d+\.\d% of the image, Dice \d\.\d\d$/);
    // The sufficient region's amber outline (#ffc107) is drawn over the map.
    const px = await explorer.canvasPixels('MiSuRe');
    let amber = 0;
    for (let i = 0; i < px.length; i += 4)
      if (Math.abs(px[i]! - 255) <= 2 && Math.abs(px[i + 1]! - 193) <= 2 && px[i + 2]! <= 12) amber++;
    expect(amber).toBeGreaterThan(10);

    const url = new URL(await settledUrl(page));
    expect(url.searchParams.get('m')).toBe('misure');
    expect(url.searchParams.get('msteps')).toBe('3');
    expect(url.searchParams.get('mres')).toBe('8');
    expect(url.searchParams.get('mdice')).toBe('0.8');
    await page.goto(url.toString());
    await explorer.waitDone(['misure']);
    const again = await explorer.mapData('misure');
    expect(Math.max(...again.map((v, i) => Math.abs(v - (map[i] ?? 0))))).toBeLessThan(1e-4);
    expect((await regionsOf(explorer)).minimal).toEqual(found.minimal);
  });
}

test('MiSuRe is not on screen by default; the method picker adds it, and the link then names it', async ({
  explorer,
  page,
}) => {
  test.setTimeout(300_000);
  await explorer.open('?backend=wasm&model=unet&n=24&s=6&msteps=2&mres=8');
  await expect(explorer.panel('MiSuRe')).toHaveCount(0);
  await explorer.showMethod('MiSuRe');
  await expect(explorer.panel('MiSuRe')).toBeVisible();
  expect(new URL(await settledUrl(page)).searchParams.get('m')).toContain('misure');
  await explorer.clickAnObject();
  await explorer.waitDone(['misure']);
  await expect(explorer.panel('MiSuRe').getByTestId('misure-minimal')).toBeVisible();
});
