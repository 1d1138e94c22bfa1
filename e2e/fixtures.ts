import { test as base, expect, type Page, type Worker } from '@playwright/test';
import { METHODS, type MethodId } from '../src/methods/registry';
// window.segexplain's type (declared once, in the app).
import type {} from '../src/app/e2eHook';

export type { MethodId };
/** Panel titles come from the method registry, like the app's. */
export type PanelName = (typeof METHODS)[number]['title'];
export const ALL_METHODS: MethodId[] = METHODS.map((m) => m.id);
export const PAPER_METHODS: MethodId[] = METHODS.filter((m) => m.shownByDefault).map((m) => m.id);

/** The explorer page, opened with a query and waited on until the model has segmented the sample. */
export class Explorer {
  constructor(readonly page: Page) {}

  async open(query: string): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.image).toBeVisible();
    await this.page.waitForFunction(() => window.segexplain?.state().prediction != null, null, { timeout: 120_000 });
  }

  get image() {
    return this.page.getByRole('application', { name: 'Image' });
  }
  panel(name: PanelName) {
    return this.page.getByRole('figure', { name });
  }

  /**
   * The pixel of the largest predicted object nearest its centroid (a concave shape's centroid may fall outside it),
   * as a normalised image point, with the object's class name.
   */
  objectPoint(): Promise<{ x: number; y: number; name: string }> {
    return this.page.evaluate(() => {
      const s = window.segexplain.state() as unknown as {
        prediction: { labels: Uint8Array; size: [number, number] };
        model: { classes: { name: string }[] };
      };
      const { labels, size } = s.prediction;
      const counts = new Map<number, [number, number, number]>();
      labels.forEach((c, i) => {
        if (c === 0) return;
        const e = counts.get(c) ?? [0, 0, 0];
        counts.set(c, [e[0] + 1, e[1] + (i % size[1]), e[2] + Math.floor(i / size[1])]);
      });
      const [cls, [n, sx, sy]] = [...counts.entries()].sort((a, b) => b[1][0] - a[1][0])[0]!;
      let [best, bestD] = [0, Infinity];
      labels.forEach((c, i) => {
        const d = c === cls ? ((i % size[1]) - sx / n) ** 2 + (Math.floor(i / size[1]) - sy / n) ** 2 : Infinity;
        if (d < bestD) [best, bestD] = [i, d];
      });
      return {
        x: ((best % size[1]) + 0.5) / size[1],
        y: (Math.floor(best / size[1]) + 0.5) / size[0],
        name: s.model.classes[cls]!.name,
      };
    });
  }

  /** Clicks the object pixel of objectPoint(); returns its class name. */
  async clickAnObject(): Promise<string> {
    const at = await this.objectPoint();
    await this.clickAt(at.x, at.y);
    return at.name;
  }

  /** Clicks at a normalised position of the image. */
  /** Pastes the user's own image (a w×h gradient PNG, as a clipboard paste) and waits until it is opened. */
  async pasteGradient(name: string, width = 120, height = 90): Promise<void> {
    await this.page.evaluate(
      async ([name, w, h]) => {
        const canvas = new OffscreenCanvas(w, h);
        const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        const g = ctx.createLinearGradient(0, 0, w, h);
        g.addColorStop(0, '#203040');
        g.addColorStop(1, '#e0c0a0');
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, w, h);
        const file = new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
        const dt = new DataTransfer();
        dt.items.add(file);
        const paste = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt });
        document.body.dispatchEvent(paste);
      },
      [name, width, height] as const,
    );
    await this.page.waitForFunction((n) => window.segexplain.state().image?.name === n, name);
  }

  async clickAt(x: number, y: number): Promise<void> {
    await this.image.scrollIntoViewIfNeeded();
    const box = await this.image.boundingBox();
    if (!box) throw new Error('image not laid out');
    await this.page.mouse.click(box.x + box.width * x, box.y + box.height * y);
  }

  /** Drags the mouse along normalised image points (a box, a lasso or a brush stroke, by the active tool). */
  async drag(points: [number, number][]): Promise<void> {
    await this.image.scrollIntoViewIfNeeded();
    const box = await this.image.boundingBox();
    if (!box) throw new Error('image not laid out');
    const at = ([x, y]: [number, number]) => [box.x + box.width * x, box.y + box.height * y] as const;
    const [first, ...rest] = points;
    if (!first) return;
    await this.page.mouse.move(...at(first));
    await this.page.mouse.down();
    for (const p of rest) await this.page.mouse.move(...at(p), { steps: 6 });
    await this.page.mouse.up();
  }

  tool(name: 'Point' | 'Brush' | 'Box' | 'Lasso' | 'Eraser') {
    return this.page.getByRole('toolbar', { name: 'Region tools' }).getByRole('button', { name, exact: true });
  }

  region(): Promise<{ kind: string } & Record<string, unknown>> {
    return this.page.evaluate(() => window.segexplain.state().params.region as never);
  }

  /** Waits for a new map of a method: its data differs from `before` and it is done. */
  async waitNewMap(method: MethodId, before: number[]): Promise<number[]> {
    await this.page.waitForFunction(
      ({ m, prev }) => {
        const r = window.segexplain.state().results[m as 'gradcam'];
        if (r.status !== 'done' || !r.map) return false;
        return r.map.data.some((v, i) => Math.abs(v - (prev[i] ?? -1)) > 1e-6);
      },
      { m: method, prev: before },
      { timeout: 170_000 },
    );
    return this.mapData(method);
  }

  /** Waits until the methods are done; fails at once, with the app's message, if one of them fails. */
  async waitDone(methods: MethodId[] = PAPER_METHODS): Promise<void> {
    const handle = await this.page.waitForFunction(
      (ms) => {
        const r = window.segexplain.state().results;
        const failed = ms.find((m) => r[m as 'gradcam'].status === 'error');
        if (failed) return `${failed}: ${r[failed as 'gradcam'].error}`;
        return ms.every((m) => r[m as 'gradcam'].status === 'done') ? 'ok' : false;
      },
      methods,
      { timeout: 170_000 },
    );
    expect(await handle.jsonValue()).toBe('ok');
  }

  /** Waits for the sufficiency read-out of every method on screen. */
  async waitSufficiency(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const s = window.segexplain.state();
        return s.params.methods.every((m) => s.results[m].sufficiency);
      },
      null,
      { timeout: 120_000 },
    );
  }

  /** Turns a method's panel on or off with its checkbox. */
  async showMethod(name: PanelName, on = true): Promise<void> {
    await this.page.getByLabel(`Show ${name}`).setChecked(on);
  }

  stats() {
    return this.page.evaluate(() => window.segexplain.stats());
  }

  /** A panel's canvas pixels (the rendered overlay). */
  canvasPixels(name: PanelName): Promise<number[]> {
    return this.panel(name)
      .getByLabel(`${name} heat map`)
      .evaluate((c: HTMLCanvasElement) => {
        const ctx = c.getContext('2d') as CanvasRenderingContext2D;
        return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
      });
  }

  mapData(method: MethodId): Promise<number[]> {
    return this.page.evaluate(
      (m) => Array.from(window.segexplain.state().results[m as 'gradcam'].map?.data ?? []),
      method,
    );
  }
}

export const test = base.extend<{ explorer: Explorer }>({
  explorer: async ({ page }, use) => {
    page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
    await use(new Explorer(page));
  },
});

export { expect };

/** Fast defaults for tests: wasm backend, few RISE masks. */
export const FAST = '?backend=wasm&n=24&s=6';

/** The address bar once the app has written the view into it (it writes 150 ms after the last change). */
export async function settledUrl(page: Page): Promise<string> {
  await page.waitForTimeout(400);
  return page.url();
}

/** The engine's own worker (the newest, after a restart), not one of the threaded wasm build's pthread workers. */
export function engineWorker(page: Page): Worker {
  const worker = page
    .workers()
    .filter((w) => /engine\.worker/.test(w.url()))
    .at(-1);
  if (!worker) throw new Error(`no engine worker among ${page.workers().length} workers`);
  return worker;
}
