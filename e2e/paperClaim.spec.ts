import { expect, test } from './fixtures';

/**
 * The paper's claim, measured in the browser: for a box drawn over one item, Seg-XRes-CAM (max, 2×2) keeps more of
 * its mass inside the box than Seg-Grad-CAM. A measurement that can come out either way: it asserts only that the
 * numbers are well formed, and prints them (they go into the session notes).
 */
for (const model of ['deeplab', 'unet'] as const) {
  test(`${model}: share of each map's mass inside a box drawn over one item`, async ({ explorer, page }) => {
    await explorer.open(`?backend=wasm&model=${model}&m=gradcam,xres&pool=max&win=2`);
    // The largest predicted item of the scene, and its bounding box (normalised, one cell of margin).
    const item = await page.evaluate(() => {
      const s = window.segexplain.state() as unknown as {
        prediction: { labels: Uint8Array; size: [number, number] };
        model: { classes: { name: string }[] };
      };
      const {
        labels,
        size: [h, w],
      } = s.prediction;
      const seen = new Uint8Array(h * w);
      let best = { n: 0, r0: 0, r1: 0, c0: 0, c1: 0, cls: 0 };
      for (let i = 0; i < h * w; i++) {
        if (seen[i] || !labels[i]) continue;
        const stack = [i];
        seen[i] = 1;
        const b = { n: 0, r0: h, r1: 0, c0: w, c1: 0, cls: labels[i] as number };
        while (stack.length) {
          const j = stack.pop() as number;
          const [r, c] = [Math.floor(j / w), j % w];
          b.n++;
          b.r0 = Math.min(b.r0, r);
          b.r1 = Math.max(b.r1, r);
          b.c0 = Math.min(b.c0, c);
          b.c1 = Math.max(b.c1, c);
          for (const k of [c > 0 ? j - 1 : -1, c < w - 1 ? j + 1 : -1, r > 0 ? j - w : -1, r < h - 1 ? j + w : -1]) {
            if (k >= 0 && !seen[k] && labels[k] === b.cls) {
              seen[k] = 1;
              stack.push(k);
            }
          }
        }
        if (b.n > best.n) best = b;
      }
      const m = 1;
      return {
        x0: Math.max(0, best.c0 - m) / w,
        y0: Math.max(0, best.r0 - m) / h,
        x1: Math.min(w, best.c1 + 1 + m) / w,
        y1: Math.min(h, best.r1 + 1 + m) / h,
        name: s.model.classes[best.cls]?.name,
      };
    });
    await explorer.tool('Box').click();
    await explorer.drag([
      [item.x0 + 0.001, item.y0 + 0.001],
      [item.x1 - 0.001, item.y1 - 0.001],
    ]);
    const report: Record<string, Record<string, number>> = {};
    for (const layer of ['default', 'bottleneck'] as const) {
      if (layer === 'bottleneck')
        await page.getByRole('button', { name: "Use the paper's layer (the bottleneck)" }).click();
      await expect.poll(async () => (await explorer.region())?.kind).toBe('box');
      await explorer.waitDone(['gradcam', 'xres']);
      const layerName = await page.getByLabel('Layer', { exact: true }).inputValue();
      const box = (await explorer.region()) as unknown as { x0: number; y0: number; x1: number; y1: number };
      for (const m of ['gradcam', 'xres'] as const) {
        const data = await explorer.mapData(m);
        const side = Math.round(Math.sqrt(data.length));
        let inside = 0;
        let total = 0;
        data.forEach((v, i) => {
          const [x, y] = [((i % side) + 0.5) / side, (Math.floor(i / side) + 0.5) / side];
          total += v;
          if (
            x >= Math.min(box.x0, box.x1) &&
            x <= Math.max(box.x0, box.x1) &&
            y >= Math.min(box.y0, box.y1) &&
            y <= Math.max(box.y0, box.y1)
          )
            inside += v;
        });
        const mass = total > 0 ? inside / total : 0;
        expect(Number.isFinite(mass)).toBe(true);
        expect(mass).toBeGreaterThanOrEqual(0);
        expect(mass).toBeLessThanOrEqual(1);
        (report[layerName] ??= {})[m] = Number(mass.toFixed(3));
      }
    }
    console.log(`paper claim, ${model}, box over a ${item.name}: ${JSON.stringify(report)}`);
  });
}
