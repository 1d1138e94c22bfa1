import type { Page } from '@playwright/test';
import type { BenchRow } from '../bench/measure';

/**
 * Records when each animation frame's callbacks run, from now on (a string: see FRAME_AFTER_DRAW). Not the callback's
 * timestamp: that is the frame's vsync time, which can precede the input task that drew the map, so "the first frame
 * stamped after the draw" was often the frame after the one that showed it (measured: +8–17 ms on 4 of 10 steps).
 */
const RECORD_FRAMES = `window.frameStarts = [];
const onFrame = () => { window.frameStarts.push(performance.now()); requestAnimationFrame(onFrame); };
requestAnimationFrame(onFrame);
document.addEventListener('keydown', (e) => (window.keyAt = e.timeStamp), true);`;

/**
 * After the fact, so the CDP round trip of page.evaluate does not count: [keydown → xres map drawn, keydown → start
 * of the first frame after that draw (the frame that shows it: its animation-frame callbacks run after the draw),
 * 1 when that is the first frame after the key]. A
 * string, not a closure: tsx's keepNames would wrap named functions in a helper the page lacks.
 */
const FRAME_AFTER_DRAW = `(() => {
  const paint = performance.getEntriesByName('segexplain:paint').find((m) => m.detail === 'xres' && m.startTime > window.keyAt);
  if (!paint) return null;
  const frame = window.frameStarts.find((t) => t > paint.startTime);
  const first = window.frameStarts.find((t) => t > window.keyAt);
  return frame === undefined ? null : [paint.startTime - window.keyAt, frame - window.keyAt, frame === first ? 1 : 0];
})()`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Input → next frame for a window change in the real app (selfie, the default view): from the keydown's timestamp
 * to the first animation frame after the Seg-XRes-CAM panel drew its new map (the panel leaves a performance mark).
 * Measured while RISE (the backend's N) is running, and again once it has finished.
 */
export async function sliderLatency(
  page: Page,
  origin: string,
  backend: string,
  masks: number,
  log: (l: string) => void,
): Promise<BenchRow[]> {
  await page.goto(`${origin}/?backend=${backend}&n=${masks}`);
  await page.waitForFunction(
    () =>
      (window as unknown as { segexplain?: { state(): { prediction: unknown } } }).segexplain?.state().prediction !=
      null,
    null,
    { timeout: 600_000 },
  );
  const image = page.getByRole('application', { name: 'Image' });
  const box = await image.boundingBox();
  if (!box) throw new Error('image not laid out');
  await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.3);
  const status = (id: string) =>
    page.evaluate(
      (m) =>
        (
          window as unknown as { segexplain: { state(): { results: Record<string, { status: string }> } } }
        ).segexplain.state().results[m]?.status,
      id,
    );
  await page.waitForFunction(
    () =>
      (window as unknown as { segexplain: { state(): { results: { xres: { status: string } } } } }).segexplain.state()
        .results.xres.status === 'done',
    null,
    { timeout: 600_000 },
  );
  await page.evaluate(RECORD_FRAMES);
  const slider = page.getByLabel('Window size', { exact: true });
  const once = async (key: string): Promise<[number, number, number]> => {
    await page.evaluate(() => performance.clearMarks('segexplain:paint'));
    await slider.press(key);
    for (;;) {
      await page.waitForTimeout(50);
      const r = await page.evaluate<[number, number, number] | null>(FRAME_AFTER_DRAW);
      if (r) return r;
    }
  };
  const series = async (n: number) => {
    const times: [number, number, number][] = [];
    for (let i = 0; i < n; i++) times.push(await once(i % 2 ? 'ArrowLeft' : 'ArrowRight'));
    return times;
  };
  const rows: BenchRow[] = [];
  const add = (when: string, times: [number, number, number][]) => {
    const drawn = times.map((t) => t[0]);
    const frame = times.map((t) => t[1]);
    const inFirst = times.filter((t) => t[2] === 1).length;
    const value = median(frame);
    const what = `window change → next frame, ${when}`;
    rows.push({
      model: 'selfie',
      what,
      value,
      unit: 'ms',
      goal: '≤ 16',
      ok: value <= 16,
      detail: `median of ${times.length}; map drawn ${median(drawn).toFixed(1)} ms after the key (max ${Math.max(...drawn).toFixed(1)}); ${inFirst}/${times.length} in the first frame`,
    });
    log(
      `selfie   ${what.padEnd(46)} ${value.toFixed(1)} ms; drawn after ${median(drawn).toFixed(1)} ms; ${inFirst}/${times.length} in the first frame`,
    );
  };
  const busy = await status('rise');
  add(`RISE ${busy}`, await series(21));
  // Idle means idle: RISE's own follow-ups (its sufficiency pass: on WebGL here, SwiftShader on both cores) are over.
  await page.waitForFunction(
    () => {
      const { results } = (
        window as unknown as {
          segexplain: { state(): { results: Record<string, { status: string; sufficiency: unknown }> } };
        }
      ).segexplain.state();
      return results.rise?.status === 'done' && results.rise.sufficiency != null;
    },
    null,
    { timeout: 1_800_000 },
  );
  await page.waitForTimeout(1000);
  add('idle', await series(21));
  return rows;
}
