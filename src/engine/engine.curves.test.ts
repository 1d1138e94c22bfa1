import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { createToyModel, toyPixels } from '../../scripts/testing/toyModel';
import { AbortError } from '../core/abort';
import { makeBaseline } from '../explain/baseline';
import { perturbationCurves, regionConfidence, SUFFICIENCY_THRESHOLDS, trapezoidAuc } from '../explain/metrics';
import { classProbability } from '../explain/probability';
import { buildTarget } from '../explain/target';
import { labelsOf } from '../model/labels';
import { Engine } from './engine';
import { inputRangeOf, MASKED_THUMB, thumbnailTensor } from './maskedView';
import type { CurvesProgress, CurvesRequest, GradientRequest } from './protocol';

const live = () => new AbortController().signal;
const region = { kind: 'component', x: 0.5, y: 0.5 } as const;
const cams: GradientRequest = {
  region,
  classIndex: 1,
  layer: 'grey',
  methods: [
    { id: 'gradcam', settings: {} },
    { id: 'layercam', settings: {} },
  ],
};
const curves = (over: Partial<CurvesRequest> = {}): CurvesRequest => ({
  methods: ['gradcam', 'layercam'],
  threshold: 0.2,
  baseline: 'mean',
  ...over,
});
const model = createToyModel();

let engine: Engine;

beforeAll(async () => {
  await useCpuBackend();
  engine = new Engine();
  engine.setModel(model);
  await engine.setImage(toyPixels());
  await engine.explainGradients(cams, live());
});

describe('Engine curves', () => {
  it(
    'gives each method deletion and insertion (n + 1 points, trapezoid AUC) ' +
      'equal to explain/metrics on the same input',
    async () => {
      const before = { ...engine.counters };
      const progress: CurvesProgress[] = [];
      const r = await engine.curves(curves({ controls: false }), (p) => progress.push(p), live());
      expect(Object.keys(r.curves)).toEqual(['gradcam', 'layercam']);
      expect(r.controls).toEqual({ blurred: {} });
      // 2(n + 1) images for deletion and insertion, 18 grid thresholds and the view's own (0.2 is on the grid).
      expect((engine.counters.curves ?? 0) - (before.curves ?? 0)).toBe(2 * (2 * 21 + 18 + 1));
      expect({ ...engine.counters, curves: 0, jobBatches: 0 }).toEqual({ ...before, curves: 0, jobBatches: 0 });
      expect(progress.at(-1)).toMatchObject({ done: 2 * 61, total: 2 * 61, method: 'layercam' });
      expect(Object.keys(progress.at(-1)?.curves ?? {})).toEqual(['gradcam', 'layercam']);
      const dones = progress.map((p) => p.done);
      expect(dones).toEqual([...dones].sort((a, b) => a - b));

      // The same curves from explain/metrics directly, on the engine's input, map and target.
      const gradcam = r.curves.gradcam;
      if (!gradcam) throw new Error('no curves');
      const maps = await engine.recombine({ methods: [{ id: 'gradcam', settings: {} }] }, live());
      const map = maps.maps.gradcam;
      if (!map) throw new Error('no map');
      const x = model.preprocess(toyPixels());
      const labels = (await engine.setImage(toyPixels())).labels;
      await engine.explainGradients(cams, live());
      const target = buildTarget(region, {
        labels,
        grid: { width: 16, height: 16 },
        numClasses: 2,
        classNames: ['dark', 'bright'],
        classIndex: 1,
      });
      const e = tf.tensor2d(map.data, map.size);
      const base = makeBaseline(x, 'mean');
      const want = await perturbationCurves(
        x,
        e,
        base,
        regionConfidence(
          (b) => model.forward(b),
          (s, c) => classProbability(s, c, 'softmax'),
          target,
        ),
      );
      [x, e, base].forEach((t) => t.dispose());
      for (const kind of ['deletion', 'insertion'] as const) {
        expect(gradcam[kind].points).toHaveLength(21);
        gradcam[kind].points.forEach((p, i) => {
          expect(p.fraction).toBeCloseTo(i / 20, 12);
          expect(p.score).toBeCloseTo(want[kind].points[i]?.score ?? NaN, 6);
        });
        expect(gradcam[kind].auc).toBeCloseTo(trapezoidAuc(gradcam[kind].points.map((p) => p.score)), 12);
        expect(gradcam[kind].auc).toBeGreaterThanOrEqual(0);
        expect(gradcam[kind].auc).toBeLessThanOrEqual(1);
      }
      // Deletion of nothing and insertion of everything both score the unmasked image; and the reverse, the baseline.
      expect(gradcam.deletion.points[0]?.score).toBeCloseTo(gradcam.insertion.points[20]?.score ?? NaN, 6);
      expect(gradcam.deletion.points[20]?.score).toBeCloseTo(gradcam.insertion.points[0]?.score ?? NaN, 6);
      // The map explains a bright disc: deleting it first hurts more than inserting it first.
      expect(gradcam.deletion.auc).toBeLessThan(gradcam.insertion.auc);
    },
  );

  it(
    'the sufficiency curve has t = 0.05 … 0.95, and its point at the ' + "view's threshold equals the panel's read-out",
    async () => {
      for (const threshold of [0.2, 0.23]) {
        const r = await engine.curves(curves({ methods: ['gradcam'], threshold }), () => undefined, live());
        const points = r.curves.gradcam?.sufficiency ?? [];
        const grid = SUFFICIENCY_THRESHOLDS.filter((t) => t !== threshold);
        expect(points.map((p) => p.threshold)).toEqual([...grid, threshold].sort((a, b) => a - b));
        const current = points.filter((p) => p.current);
        expect(current).toHaveLength(1);
        const panel = await engine.sufficiency({ method: 'gradcam', threshold, baseline: 'mean' }, live());
        expect(current[0]?.dice).toBe(panel.dice);
        expect(current[0]?.retained).toBe(panel.retained);
        for (let i = 1; i < points.length; i++)
          expect(points[i]!.retained).toBeLessThanOrEqual(points[i - 1]!.retained);
      }
    },
  );

  it('deletion and insertion only, when the sufficiency curve is not asked for', async () => {
    const before = engine.counters.curves ?? 0;
    const r = await engine.curves(
      curves({ methods: ['gradcam'], sufficiency: false, steps: 4, controls: false }),
      () => undefined,
      live(),
    );
    expect(r.curves.gradcam?.deletion.points).toHaveLength(5);
    expect(r.curves.gradcam?.sufficiency).toEqual([]);
    expect((engine.counters.curves ?? 0) - before).toBe(10);
  });

  it(
    'leaks no tensors: completed, cancelled between methods, cancelled at ' + 'once, or stopped by a new image',
    async () => {
      await engine.curves(curves(), () => undefined, live()); // warm caches (the input range, the tuner)
      const before = tf.memory().numTensors;
      await engine.curves(curves(), () => undefined, live());
      expect(tf.memory().numTensors).toBe(before);

      const ctrl = new AbortController();
      const seen: string[] = [];
      const cancelled = engine.curves(
        curves(),
        (p) => {
          seen.push(p.method);
          if (p.curves.gradcam) ctrl.abort();
        },
        ctrl.signal,
      );
      await expect(cancelled).rejects.toBeInstanceOf(AbortError);
      expect(seen).not.toContain('layercam');
      expect(tf.memory().numTensors).toBe(before);

      const gone = new AbortController();
      gone.abort();
      await expect(engine.curves(curves(), () => undefined, gone.signal)).rejects.toBeInstanceOf(AbortError);
      expect(tf.memory().numTensors).toBe(before);

      // A new image stops the job (and replaces the input, so count again from there).
      const replaced = engine.curves(curves(), () => undefined, live());
      await new Promise((r) => setTimeout(r, 0));
      await engine.setImage(toyPixels());
      await expect(replaced).rejects.toBeInstanceOf(AbortError);
      await engine.explainGradients(cams, live());
      const again = tf.memory().numTensors;
      await engine.curves(curves(), () => undefined, live());
      expect(tf.memory().numTensors).toBe(again);
    },
  );

  it("runs its images in batches of the model's maxBatch until the tuner has measured one", async () => {
    const sizes: number[] = [];
    const counting = createToyModel({ forward: (x) => (sizes.push(x.shape[0]), model.forward(x)) });
    const fresh = new Engine();
    fresh.setModel(counting);
    await fresh.setImage(toyPixels());
    await fresh.explainGradients(cams, live());
    sizes.length = 0;
    await fresh.curves(curves({ methods: ['gradcam'], sufficiency: false, controls: false }), () => undefined, live());
    expect(sizes).toEqual([8, 8, 8, 8, 8, 2]);
  });
});

describe('Engine sufficiency read-out: the masked image the model saw', () => {
  it('holds a thumbnail of the masked input and the labels predicted on it', async () => {
    await engine.explainGradients(cams, live());
    const all = await engine.sufficiency({ method: 'gradcam', threshold: -1, baseline: 'black' }, live());
    const view = all.masked;
    if (!view) throw new Error('no masked view');
    expect([view.image.width, view.image.height, view.image.data.length]).toEqual([16, 16, 16 * 16 * 4]);
    // Everything kept: the thumbnail is the picture itself (grey levels back from the model's [0, 1]) …
    const pixels = toyPixels();
    view.image.data.forEach((v, i) => expect(Math.abs(v - (pixels.data[i] as number))).toBeLessThanOrEqual(1));
    // … and the labels are the prediction on the unmasked image.
    const { labels } = await engine.setImage(toyPixels());
    await engine.explainGradients(cams, live());
    expect(Array.from(view.labels)).toEqual(Array.from(labels));
    expect(view.labelSize).toEqual([16, 16]);
    // Little kept, on black: what was dropped is black, and the labels are the model's on exactly that image.
    const threshold = 0.95;
    const r = await engine.recombine({ methods: [{ id: 'gradcam', settings: {} }] }, live());
    const little = await engine.sufficiency({ method: 'gradcam', threshold, baseline: 'black' }, live());
    const m = little.masked;
    if (!m) throw new Error('no masked view');
    const keep = Array.from(r.maps.gradcam?.data ?? [], (v) => (v > threshold ? 1 : 0));
    m.image.data.forEach(
      (v, i) =>
        i % 4 !== 3 && expect(Math.abs(v - (keep[i >> 2] ? (pixels.data[i] as number) : 0))).toBeLessThanOrEqual(1),
    );
    expect(keep.filter((k) => !k).length).toBeGreaterThan(100);
    const masked = tf.tensor4d(
      Float32Array.from(keep, (k, i) => (k * (pixels.data[i * 4] as number)) / 255),
      [1, 16, 16, 1],
    );
    const scores = model.forward(masked);
    const want = await labelsOf(scores);
    [masked, scores].forEach((t) => t.dispose());
    expect(Array.from(m.labels)).toEqual(Array.from(want[0] ?? []));
  });

  it('shrinks large inputs to 128 px a side and shows one channel as grey; leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const rgb = tf.fill([1, 256, 192, 3], 0.5) as tf.Tensor4D;
    const t = thumbnailTensor(rgb, { lo: [0, 0, 0], hi: [1, 1, 1] });
    expect(t.shape).toEqual([MASKED_THUMB, 96, 3]);
    expect(Math.max(...(await t.data()))).toBeCloseTo(127.5, 3);
    const grey = tf.fill([2, 96, 96, 1], 0) as tf.Tensor4D; // a [-1, 1] model's 0 is mid-grey
    const g = thumbnailTensor(grey, { lo: [-1], hi: [1] });
    expect(g.shape).toEqual([96, 96, 3]);
    expect(Math.min(...(await g.data()))).toBeCloseTo(127.5, 3);
    expect(inputRangeOf(model)).toEqual({ lo: [0, 0, 0], hi: [1, 1, 1] });
    [rgb, t, grey, g].forEach((x) => x.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
