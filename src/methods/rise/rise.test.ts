import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { onHostImages, type PredictHostLabels, type PredictLabels } from '../../explain/predictLabels';
import { AbortError, riseWeight, runRise, type RiseSettings } from './rise';
import { createMaskStream } from './riseMasks';
import { CHECK_EVERY, closeToAll, MIN_MASKS } from './stability';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const H = 16;
const W = 16;
const settings: RiseSettings = {
  count: 24,
  batchSize: 5,
  gridSize: 4,
  keepProbability: 0.5,
  seed: 7,
  baseline: 'black',
  tolerance: null,
};
/** A run on cached per-mask labels only: re-weighting, no forward pass. */
const reweightRise = async (labelAt: (i: number, px: number) => number, t: typeof target, s: RiseSettings) => {
  const x = input();
  const run = await runRise(x, () => Promise.reject(new Error('no forward pass expected')), t, s, {
    cached: { count: s.count, labelAt },
  }).finally(() => x.dispose());
  expect(run.forward).toBe(0);
  return run.map;
};

// Toy "model": every output pixel is class 1 iff the input's top-left 4×4 quadrant is mostly visible.
const toyOnTensor: PredictLabels = async (batch) => {
  const quad = tf.tidy(() => tf.mean(tf.slice(batch, [0, 0, 0, 0], [-1, 4, 4, 1]), [1, 2, 3]).dataSync());
  return Array.from(quad, (v) => new Uint8Array(H * W).fill(v > 0.5 ? 1 : 0));
};
const toyPredict = onHostImages(toyOnTensor);
const target = { region: new Uint8Array(H * W).fill(1), labels: new Uint8Array(H * W).fill(1), classIndex: 1 };
const input = () => tf.ones([1, H, W, 1]) as tf.Tensor4D;

describe('RISE masks', () => {
  it('are identical for the same seed and differ for another seed', () => {
    const a = createMaskStream(settings, H, W).next(3);
    const b = createMaskStream(settings, H, W).next(3);
    const c = createMaskStream({ ...settings, seed: 8 }, H, W).next(3);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
    expect(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]).toBeGreaterThan(0.1);
  });
  it('do not depend on how the stream is batched', () => {
    const whole = createMaskStream(settings, H, W).next(6);
    const s = createMaskStream(settings, H, W);
    const parts = tf.concat([s.next(2), s.next(4)], 0);
    expect(tf.max(tf.abs(tf.sub(whole, parts))).dataSync()[0]).toBe(0);
  });
  for (const p of [0.2, 0.5, 0.8]) {
    it(`keep on average a fraction ≈ p = ${p} of the image`, () => {
      const masks = createMaskStream({ ...settings, keepProbability: p, gridSize: 8 }, 64, 64).next(100);
      expect(tf.mean(masks).dataSync()[0]).toBeCloseTo(p, 1);
      expect(tf.min(masks).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(masks).dataSync()[0]).toBeLessThanOrEqual(1);
    });
  }
});

describe('runRise', () => {
  it('puts the saliency where the toy model looks and reports progress per batch', async () => {
    const seen: number[] = [];
    const kept: Uint8Array[] = [];
    const { map: saliency } = await runRise(
      input(),
      toyPredict,
      target,
      { ...settings, count: 60 },
      { onProgress: (p) => seen.push(p.done), keepLabels: (l) => kept.push(...l) },
    );
    // batches of 5, cut at the check point every 50 masks
    expect(seen).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    expect(kept).toHaveLength(60);
    const s = saliency.arraySync();
    const inside = s[1]![1]!;
    const outside = s[12]![12]!;
    expect(inside).toBeGreaterThan(outside + 0.2);
  });

  it('equals Σ w_i m_i / (N p) computed by hand from the same masks', async () => {
    const { map: saliency } = await runRise(input(), toyPredict, target, settings);
    const masks = createMaskStream(settings, H, W).next(settings.count);
    const labels = await toyOnTensor(masks);
    const w = labels.map((l) => (l[0] ? 1 : 0));
    const want = tf.div(
      tf.sum(tf.mul(tf.reshape(masks, [settings.count, H * W]), tf.tensor2d(w, [settings.count, 1])), 0),
      settings.count * 0.5,
    );
    expect(tf.max(tf.abs(tf.sub(tf.reshape(saliency, [H * W]), want))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('re-weights cached predictions for a new region to the same map, with no forward pass', async () => {
    const kept: Uint8Array[] = [];
    const { map: saliency } = await runRise(input(), toyPredict, target, settings, {
      keepLabels: (l) => kept.push(...l),
    });
    const again = await reweightRise((i, px) => (kept[i] as Uint8Array)[px] as number, target, settings);
    expect(tf.max(tf.abs(tf.sub(saliency, again))).dataSync()[0]).toBeLessThan(1e-6);
  });

  const name =
    're-weighted for another region, equals Σ w_i m_i / (N p) computed with tfjs from the masks and ' +
    "docs/METHOD.md's Dice";
  it(name, async () => {
    const kept: Uint8Array[] = [];
    await runRise(input(), toyPredict, target, settings, { keepLabels: (l) => kept.push(...l) });
    // A new region: the top half, where the toy prediction is class 1 everywhere (reference all ones).
    const region = Uint8Array.from({ length: H * W }, (_, i) => (i < (H * W) / 2 ? 1 : 0));
    const other = { ...target, region };
    const fast = await reweightRise((i, px) => (kept[i] as Uint8Array)[px] as number, other, settings);
    const masks = createMaskStream(settings, H, W).next(settings.count);
    const w = kept.map((l) => riseWeight(l, other));
    const want = tf.div(
      tf.sum(tf.mul(tf.reshape(masks, [settings.count, H * W]), tf.tensor2d(w, [settings.count, 1])), 0),
      settings.count * 0.5,
    );
    expect(tf.max(tf.abs(tf.sub(tf.reshape(fast, [H * W]), want))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('stops with AbortError when cancelled mid-run', async () => {
    const ctrl = new AbortController();
    const run = runRise(input(), toyPredict, target, settings, {
      onProgress: (p) => {
        if (p.done >= 10) ctrl.abort();
      },
      signal: ctrl.signal,
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
  });

  it('can be cancelled from outside while it runs (it yields to the event loop between batches)', async () => {
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 0);
    let batches = 0;
    const run = runRise(
      input(),
      toyPredict,
      target,
      { ...settings, count: 500 },
      { onProgress: () => batches++, signal: ctrl.signal },
    );
    await expect(run).rejects.toBeInstanceOf(AbortError);
    // The timer gets in between batches, long before the 100 batches end (how soon depends on the host's task order).
    expect(batches).toBeLessThan(100);
  });

  it('leaks no tensors, completed or cancelled', async () => {
    const x = input();
    const before = tf.memory().numTensors;
    (await runRise(x, toyPredict, target, settings, { onProgress: () => undefined })).map.dispose();
    const ctrl = new AbortController();
    await runRise(x, toyPredict, target, settings, { onProgress: () => ctrl.abort(), signal: ctrl.signal }).catch(
      () => undefined,
    );
    (await reweightRise(() => 0, target, settings)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensors when it stops stable', async () => {
    const x = input();
    const before = tf.memory().numTensors;
    const run = await runRise(x, noisyPredict, target, { ...settings, count: 2000, batchSize: 16, tolerance: 4 });
    run.map.dispose();
    expect(run.used).toBeLessThan(2000);
    expect(tf.memory().numTensors).toBe(before);
  });
});

// A model whose prediction depends on the top-left quadrant, plus seeded noise: a map with signal and mask noise.
let noiseState = 1;
const noisyOnTensor: PredictLabels = async (batch) => {
  const quad = tf.tidy(() => tf.mean(tf.slice(batch, [0, 0, 0, 0], [-1, 4, 4, 1]), [1, 2, 3]).dataSync());
  return Array.from(quad, (v) => {
    noiseState = (noiseState * 16807) % 2147483647;
    const flip = noiseState / 2147483647 < 0.2;
    return new Uint8Array(H * W).fill(v > 0.5 !== flip ? 1 : 0);
  });
};
const noisyPredict = onHostImages(noisyOnTensor);

describe('runRise stopping when stable', () => {
  const stable: RiseSettings = { ...settings, count: 2000, batchSize: 7, tolerance: 1 };

  it('stops at a check point past the minimum, and its map is the first n masks of a full run', async () => {
    noiseState = 1;
    const kept: Uint8Array[] = [];
    const full = await runRise(
      input(),
      noisyPredict,
      target,
      { ...stable, tolerance: null },
      {
        keepLabels: (l) => kept.push(...l),
      },
    );
    expect(full.used).toBe(2000);
    const stopped = await runRise(input(), async () => [], target, stable, {
      cached: { count: 2000, labelAt: (i, px) => (kept[i] as Uint8Array)[px] as number },
    });
    expect(stopped.used).toBeLessThan(2000);
    expect(stopped.used % CHECK_EVERY).toBe(0);
    expect(stopped.used).toBeGreaterThanOrEqual(MIN_MASKS);
    expect(closeToAll(stopped.used, stopped.stability, 2000, 1)).toBe(true);
    // the same map as a run of exactly n masks
    const prefix = await runRise(
      input(),
      async () => [],
      target,
      { ...stable, count: stopped.used, tolerance: null },
      {
        cached: { count: stopped.used, labelAt: (i, px) => (kept[i] as Uint8Array)[px] as number },
      },
    );
    expect(tf.max(tf.abs(tf.sub(stopped.map, prefix.map))).dataSync()[0]).toBeLessThan(1e-6);
    expect(stopped.stability).toBeCloseTo(prefix.stability, 6);
    // a lower tolerance asks for more masks
    const stricter = await runRise(
      input(),
      async () => [],
      target,
      { ...stable, tolerance: 0.25 },
      {
        cached: { count: 2000, labelAt: (i, px) => (kept[i] as Uint8Array)[px] as number },
      },
    );
    expect(stricter.used).toBeGreaterThan(stopped.used);
  });

  it('stops at the same mask whatever the batch size, continuing past a cache with forward passes', async () => {
    const runs = [];
    for (const [batchSize, cachedCount] of [
      [7, 0],
      [16, 0],
      [3, 130],
    ] as const) {
      noiseState = 1;
      const labels: Uint8Array[] = [];
      // the noise is drawn per image in order, so every run sees the same labels for mask i
      const all = await noisyOnTensor(createMaskStream(stable, H, W).next(2000));
      const cachedLabels = all.slice(0, cachedCount);
      let asked = 0;
      const predict: PredictHostLabels = async (batch) => {
        const out = all.slice(cachedCount + asked, cachedCount + asked + batch.shape[0]);
        asked += batch.shape[0];
        return out;
      };
      const run = await runRise(
        input(),
        predict,
        target,
        { ...stable, batchSize },
        {
          keepLabels: (l) => labels.push(...l),
          cached: { count: cachedCount, labelAt: (i, px) => (cachedLabels[i] as Uint8Array)[px] as number },
        },
      );
      expect(run.forward).toBe(run.used - cachedCount);
      runs.push(run);
    }
    expect(new Set(runs.map((r) => r.used)).size).toBe(1);
    expect(runs[0]!.used).toBeLessThan(2000);
  });
});
