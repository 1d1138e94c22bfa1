import { expect, test, type Explorer, type MethodId, type PanelName } from './fixtures';
import {
  crosshairPixels,
  diffPanel,
  digest,
  heatMap,
  hover,
  imageStage,
  mapValue,
  readout,
  stageOf,
  viewOf,
  type Pt,
} from './linked.helpers';

const UNET = '?model=unet&backend=wasm&m=gradcam,xres';
const METHODS: [MethodId, PanelName][] = [
  ['gradcam', 'Seg-Grad-CAM'],
  ['xres', 'Seg-XRes-CAM'],
];

/** Opens the UNet with two methods and explains a point of its largest object. */
async function explained(explorer: Explorer): Promise<Pt> {
  await explorer.open(UNET);
  const { x, y } = await explorer.objectPoint();
  const obj: Pt = { x, y };
  await explorer.clickAt(obj.x, obj.y);
  await explorer.waitDone(['gradcam', 'xres']);
  return obj;
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`linked views at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('hovering one panel shows the crosshair and the map value under it on every panel, the image and the difference', async ({
      explorer,
      page,
    }) => {
      await explained(explorer);
      const paints = () => page.evaluate(() => performance.getEntriesByName('segexplain:paint').length);
      const paintsBefore = await paints();
      await hover(page, stageOf(explorer.panel('Seg-XRes-CAM'), 'Seg-XRes-CAM'), { x: 0.3, y: 0.5 });
      await hover(page, stageOf(explorer.panel('Seg-XRes-CAM'), 'Seg-XRes-CAM'), { x: 0.4, y: 0.6 });
      const values: Partial<Record<MethodId, number>> = {};
      for (const [id, name] of METHODS) {
        const panel = explorer.panel(name);
        await expect(panel.locator('.linked-readout')).toBeVisible();
        const r = await readout(panel);
        const size = await page.evaluate(
          (m) => (window.segexplain.state().results[m as 'gradcam'].map as unknown as { size: [number, number] }).size,
          id,
        );
        expect(Math.abs(r.col - Math.floor(0.4 * size[1]))).toBeLessThanOrEqual(1);
        expect(Math.abs(r.row - Math.floor(0.6 * size[0]))).toBeLessThanOrEqual(1);
        values[id] = await mapValue(page, id, r.col, r.row);
        expect(Math.abs(r.value - (values[id] as number))).toBeLessThanOrEqual(0.0005);
        expect(await crosshairPixels(stageOf(panel, name))).toBeGreaterThan(0);
      }
      expect(await crosshairPixels(imageStage(page))).toBeGreaterThan(0);
      // Cheap: the crosshair is drawn on its own canvas, no heat map was painted again for the pointer.
      expect(await paints()).toBe(paintsBefore);
      // The difference: A − B of the same cell, within 1/255.
      const diff = await readout(diffPanel(page));
      expect(Math.abs(diff.value - ((values.xres as number) - (values.gradcam as number)))).toBeLessThanOrEqual(
        1 / 255,
      );

      // Leaving clears the crosshair and the read-outs everywhere.
      await page.mouse.move(1, 1);
      await expect(page.locator('.linked-readout')).toHaveCount(0);
      expect(await crosshairPixels(imageStage(page))).toBe(0);
    });

    test('a Ctrl+wheel zoom on one panel zooms every view; a click on the zoomed image lands on the intended pixel; reset', async ({
      explorer,
      page,
    }) => {
      const obj = await explained(explorer);
      const gradcamBefore = await heatMap(explorer, 'Seg-Grad-CAM');
      const imageBefore = await digest(explorer.image);
      const xres = stageOf(explorer.panel('Seg-XRes-CAM'), 'Seg-XRes-CAM');
      await hover(page, xres, obj);
      await page.mouse.wheel(0, -300); // a plain wheel is the page's: it scrolls, it does not zoom
      await page.waitForTimeout(200);
      expect((await viewOf(page)).scale).toBe(1);
      await hover(page, xres, obj);
      await page.keyboard.down('Control'); // a plain wheel scrolls the page; Ctrl+wheel zooms
      await page.mouse.wheel(0, -300);
      await page.keyboard.up('Control');
      await expect.poll(async () => (await viewOf(page)).scale).toBeGreaterThan(1.5);
      const t = await viewOf(page);
      // Zoom about the pointer: the image point under it has not moved.
      expect(Math.abs(t.x + obj.x / t.scale - obj.x)).toBeLessThan(0.01);
      expect(Math.abs(t.y + obj.y / t.scale - obj.y)).toBeLessThan(0.01);
      // Every view is zoomed: each shows "Reset zoom", and the other panel and the image were redrawn.
      await expect(page.getByRole('button', { name: 'Reset zoom' })).toHaveCount(4); // image, two panels, difference
      expect((await heatMap(explorer, 'Seg-Grad-CAM')).hash).not.toBe(gradcamBefore.hash);
      expect((await digest(explorer.image)).hash).not.toBe(imageBefore.hash);

      // A click on the zoomed image: the region is the image point under the pointer, not the canvas position.
      const intended = { x: obj.x + 0.02, y: obj.y - 0.015 };
      const s = { x: (intended.x - t.x) * t.scale, y: (intended.y - t.y) * t.scale };
      await explorer.clickAt(s.x, s.y);
      await expect.poll(async () => (await explorer.region())?.kind).toBe('point');
      const region = (await explorer.region()) as unknown as Pt;
      expect(Math.abs(region.x - intended.x)).toBeLessThan(0.004);
      expect(Math.abs(region.y - intended.y)).toBeLessThan(0.004);

      await imageStage(page).getByRole('button', { name: 'Reset zoom' }).click();
      expect(await viewOf(page)).toEqual({ scale: 1, x: 0, y: 0 });
      await expect(page.getByRole('button', { name: 'Reset zoom' })).toHaveCount(0);

      // The keyboard on a focused panel: + zooms, 0 resets.
      await xres.focus();
      await page.keyboard.press('+');
      expect((await viewOf(page)).scale).toBeCloseTo(1.25, 6);
      await page.keyboard.press('0');
      expect((await viewOf(page)).scale).toBe(1);
    });

    test('opacity and "map only" change the drawn pixels of their panel only', async ({ explorer }) => {
      await explained(explorer);
      const panel = explorer.panel('Seg-Grad-CAM');
      const other = await heatMap(explorer, 'Seg-XRes-CAM');
      const at07 = await heatMap(explorer, 'Seg-Grad-CAM');
      await panel.getByRole('spinbutton', { name: 'Seg-Grad-CAM opacity value' }).fill('0.3');
      await expect(panel.getByRole('slider', { name: 'Seg-Grad-CAM opacity' })).toHaveValue('0.3');
      const at03 = await heatMap(explorer, 'Seg-Grad-CAM');
      expect(at03.hash).not.toBe(at07.hash);
      await panel.getByRole('checkbox', { name: 'Seg-Grad-CAM map only' }).check();
      const mapOnly = await heatMap(explorer, 'Seg-Grad-CAM');
      expect(mapOnly.hash).not.toBe(at03.hash);
      expect(mapOnly.opaque).toBe(true); // no image through it
      await expect(panel.getByRole('slider', { name: 'Seg-Grad-CAM opacity' })).toBeDisabled();
      expect(await heatMap(explorer, 'Seg-XRes-CAM')).toEqual(other);
    });

    test('the difference panel: Seg-XRes-CAM − Seg-Grad-CAM by default, swappable, its pair in the link', async ({
      explorer,
      page,
    }) => {
      await explained(explorer);
      const diff = diffPanel(page);
      await expect(diff.getByLabel('Difference: method A')).toHaveValue('xres');
      await expect(diff.getByLabel('Difference: method B')).toHaveValue('gradcam');
      await expect(
        diff.getByRole('img', { name: /−1 \(blue: Seg-Grad-CAM higher\).*\+1 \(red: Seg-XRes-CAM higher\)/ }),
      ).toBeVisible();
      // A cell where the maps disagree, found from the store.
      const cell = await page.evaluate(() => {
        const r = window.segexplain.state().results as unknown as Record<
          string,
          { map: { data: Float32Array; size: [number, number] } }
        >;
        const [a, b] = [r.xres!.map, r.gradcam!.map];
        let [best, bestD] = [0, -1];
        a.data.forEach((v, i) => {
          const d = Math.abs(v - b.data[i]!);
          if (d > bestD) [best, bestD] = [i, d];
        });
        return { x: ((best % a.size[1]) + 0.5) / a.size[1], y: (Math.floor(best / a.size[1]) + 0.5) / a.size[0] };
      });
      await hover(page, stageOf(diff, 'Difference'), cell);
      const shown = await readout(diff);
      const expected =
        (await mapValue(page, 'xres', shown.col, shown.row)) - (await mapValue(page, 'gradcam', shown.col, shown.row));
      expect(Math.abs(shown.value - expected)).toBeLessThanOrEqual(1 / 255);
      expect(Math.abs(expected)).toBeGreaterThan(0.05);
      // The drawn colour agrees in sign: red where A is higher, blue where B is.
      const [r, , b] = await stageOf(diff, 'Difference')
        .locator('canvas')
        .first()
        .evaluate((c: HTMLCanvasElement, p) => {
          const ctx = c.getContext('2d') as CanvasRenderingContext2D;
          return Array.from(ctx.getImageData(Math.floor(p.x * c.width), Math.floor(p.y * c.height), 1, 1).data);
        }, cell);
      expect(Math.sign((r as number) - (b as number))).toBe(Math.sign(expected));

      await diff.getByRole('button', { name: 'Swap A and B' }).click();
      await expect(diff.getByLabel('Difference: method A')).toHaveValue('gradcam');
      await hover(page, stageOf(diff, 'Difference'), cell);
      expect((await readout(diff)).value).toBeCloseTo(-shown.value, 3);
      await expect.poll(() => page.url()).toContain('diff=gradcam-xres');
    });
  });
}

test('pinch: two fingers on the image zoom every view and cancel the stroke the first finger began', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`/${UNET}`);
  await page.waitForFunction(() => window.segexplain?.state().prediction != null, null, { timeout: 120_000 });
  await page.getByRole('toolbar', { name: 'Region tools' }).getByRole('button', { name: 'Brush', exact: true }).tap();
  const image = page.getByRole('application', { name: 'Image' });
  await image.scrollIntoViewIfNeeded();
  const box = await image.boundingBox();
  if (!box) throw new Error('image not laid out');
  const cdp = await context.newCDPSession(page);
  const at = (id: number, x: number, y: number) => ({ id, x: box.x + box.width * x, y: box.y + box.height * y });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0, 0.45, 0.45)] });
  await cdp.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: [at(0, 0.45, 0.45), at(1, 0.55, 0.55)],
  });
  for (let i = 1; i <= 8; i++) {
    const d = 0.025 * i;
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [at(0, 0.45 - d, 0.45 - d), at(1, 0.55 + d, 0.55 + d)],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const t = await viewOf(page);
  expect(t.scale).toBeGreaterThan(2);
  // Pinched about the fingers' midpoint, the image centre: it stays in the middle of the view.
  expect(Math.abs(t.x + 0.5 / t.scale - 0.5)).toBeLessThan(0.02);
  await expect(page.getByRole('button', { name: 'Reset zoom' }).first()).toBeVisible();
  expect(await page.evaluate(() => window.segexplain.state().params.region)).toBeNull(); // no brush stroke was committed
  await context.close();
});
