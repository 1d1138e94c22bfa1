import { test as base, expect, type Page } from '@playwright/test';

type Results = Record<'gradcam' | 'xres' | 'rise', { status: string; error: string | null; map: { positive: boolean; data: Float32Array } | null; sufficiency: { dice: number; retained: number } | null }>;

declare global {
  interface Window {
    segexplain: {
      stats(): Promise<{ prediction: number; activation: number; gradient: number; rise: number; sufficiency: number }>;
      backend(): Promise<string>;
      checkGradients(): Promise<number>;
      state(): { params: Record<string, unknown>; results: Results; prediction: unknown; engine: { backend: string | null; status: string } };
    };
  }
}

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
  panel(name: 'Seg-Grad-CAM' | 'Seg-XRes-CAM' | 'RISE') {
    return this.page.getByRole('figure', { name });
  }

  /** Clicks at a normalised position of the image. */
  async clickAt(x: number, y: number): Promise<void> {
    const box = await this.image.boundingBox();
    if (!box) throw new Error('image not laid out');
    await this.page.mouse.click(box.x + box.width * x, box.y + box.height * y);
  }

  /** Waits until the methods are done; fails at once, with the app's message, if one of them fails. */
  async waitDone(methods: ('gradcam' | 'xres' | 'rise')[] = ['gradcam', 'xres', 'rise']): Promise<void> {
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

  async waitSufficiency(): Promise<void> {
    await this.page.waitForFunction(() => Object.values(window.segexplain.state().results).every((r) => r.sufficiency), null, { timeout: 120_000 });
  }

  stats() {
    return this.page.evaluate(() => window.segexplain.stats());
  }

  /** A panel's canvas pixels (the rendered overlay). */
  canvasPixels(name: 'Seg-Grad-CAM' | 'Seg-XRes-CAM' | 'RISE'): Promise<number[]> {
    return this.panel(name).locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
    });
  }

  mapData(method: 'gradcam' | 'xres' | 'rise'): Promise<number[]> {
    return this.page.evaluate((m) => Array.from(window.segexplain.state().results[m as 'gradcam'].map?.data ?? []), method);
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
