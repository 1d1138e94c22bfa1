import type { Locator, Page } from '@playwright/test';
import type { Explorer, MethodId, PanelName } from './fixtures';

/** Helpers of linked.spec.ts: the views, their read-outs and canvas digests. */
export type View = { scale: number; x: number; y: number };
export type Pt = { x: number; y: number };

export const viewOf = (page: Page) =>
  page.evaluate(() => (window.segexplain.state() as unknown as { viewTransform: View }).viewTransform);
export const stageOf = (scope: Locator, name: string) => scope.getByRole('group', { name: `${name} view` });
export const imageStage = (page: Page) => page.locator('.linked-stage[data-surface="image"]');
export const diffPanel = (page: Page) => page.getByRole('region', { name: 'Difference', exact: true });

/** Moves the mouse to a screen-normalised point of a view. */
export async function hover(page: Page, stage: Locator, s: Pt): Promise<void> {
  await stage.scrollIntoViewIfNeeded();
  const box = await stage.boundingBox();
  if (!box) throw new Error('view not laid out');
  await page.mouse.move(box.x + box.width * s.x, box.y + box.height * s.y);
}

/** A view's crosshair read-out: "0.734 at (45, 30)", signed for the difference. */
export async function readout(scope: Locator): Promise<{ value: number; col: number; row: number }> {
  const text = (await scope.locator('.linked-readout').textContent()) ?? '';
  const m = /^([+−]?\d\.\d{3}) at \((\d+), (\d+)\)$/.exec(text.trim());
  if (!m) throw new Error(`unexpected read-out ${JSON.stringify(text)}`);
  return { value: Number((m[1] as string).replace('−', '-').replace('+', '')), col: Number(m[2]), row: Number(m[3]) };
}

/** A method's map value at a grid cell, from the store. */
export function mapValue(page: Page, method: MethodId, col: number, row: number): Promise<number> {
  return page.evaluate(
    ([m, c, r]) => {
      const map = window.segexplain.state().results[m as 'gradcam'].map as unknown as {
        data: Float32Array;
        size: [number, number];
      };
      return map.data[(r as number) * map.size[1] + (c as number)] as number;
    },
    [method, col, row] as const,
  );
}

/** Pixels of the crosshair overlay that are drawn (alpha > 0). */
export const crosshairPixels = (stage: Locator) =>
  stage.locator('canvas.linked-crosshair').evaluate((c: HTMLCanvasElement) => {
    const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });

/** A canvas's pixels as a short digest (a hash, and whether every pixel is opaque): cheap to compare. */
export const digest = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let [h, opaque] = [0, true];
    for (let i = 0; i < d.length; i++) {
      h = (Math.imul(h, 31) + d[i]!) | 0;
      if (i % 4 === 3 && d[i] !== 255) opaque = false;
    }
    return { hash: h, opaque };
  });
export const heatMap = (explorer: Explorer, name: PanelName) =>
  digest(explorer.panel(name).getByLabel(`${name} heat map`));
