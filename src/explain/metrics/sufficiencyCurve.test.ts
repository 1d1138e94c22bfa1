import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AbortError } from '../../core/abort';
import { makeBaseline } from '../baseline';
import type { PredictLabels } from '../predictLabels';
import { sufficiency } from '../sufficiency';
import { SUFFICIENCY_THRESHOLDS, sufficiencyCurve } from './sufficiencyCurve';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const H = 8;
const W = 8;
// The toy of sufficiency.test.ts: a pixel is class 1 iff its own input value is > 0.5.
const calls: number[] = [];
const predict: PredictLabels = async (batch) => {
  calls.push(batch.shape[0]);
  return tf.tidy(() => {
    const b = tf.greater(batch, 0.5).dataSync();
    return Array.from({ length: batch.shape[0] }, (_, i) => Uint8Array.from(b.slice(i * H * W, (i + 1) * H * W)));
  });
};
const region = Uint8Array.from({ length: H * W }, (_, i) => (i < 16 ? 1 : 0)); // the top two rows
const target = { region, labels: new Uint8Array(H * W).fill(1), classIndex: 1 };
const ones = () => tf.ones([1, H, W, 1]) as tf.Tensor4D;
// row r has value 1 − r/7
const rowMap = () =>
  tf.tensor2d(
    Array.from({ length: H * W }, (_, i) => 1 - Math.floor(i / W) / (H - 1)),
    [H, W],
  );

describe('sufficiency curve', () => {
  it('uses t = 0.05 … 0.95 in steps of 0.05', () => {
    expect(SUFFICIENCY_THRESHOLDS).toHaveLength(19);
    expect(SUFFICIENCY_THRESHOLDS[0]).toBe(0.05);
    expect(SUFFICIENCY_THRESHOLDS[3]).toBe(0.2);
    expect(SUFFICIENCY_THRESHOLDS[18]).toBe(0.95);
  });

  it('is known in closed form on the toy: R rows kept, Dice 2·8·min(R,2)/(8·min(R,2) + 16), retained R/8', async () => {
    const x = ones();
    const points = await sufficiencyCurve(x, rowMap(), tf.zerosLike(x), predict, target);
    expect(points.map((p) => p.threshold)).toEqual(SUFFICIENCY_THRESHOLDS);
    points.forEach(({ threshold: t, dice, retained }) => {
      const rows = Array.from({ length: H }, (_, r) => 1 - r / 7).filter((v) => v > t).length; // 1 − r/7 > t
      const inM = 8 * Math.min(rows, 2);
      expect(retained).toBeCloseTo(rows / 8, 6);
      expect(dice).toBeCloseTo((2 * inM) / (inM + 16), 6);
    });
    // monotone: a higher threshold never keeps more, and here never keeps more of the region
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.retained).toBeLessThanOrEqual(points[i - 1]!.retained);
      expect(points[i]!.dice).toBeLessThanOrEqual(points[i - 1]!.dice);
    }
    expect(points[0]).toEqual({ threshold: 0.05, dice: 1, retained: 7 / 8 });
    expect(points[18]).toEqual({ threshold: 0.95, dice: (2 * 8) / 24, retained: 1 / 8 });
  });

  it('equals explain/sufficiency at every threshold (mean baseline, dilation 1, a textured image)', async () => {
    const x = tf.tensor4d(
      Array.from({ length: H * W }, (_, i) => ((i * 37) % 64) / 63),
      [1, H, W, 1],
    );
    const map = tf.tensor2d(
      Array.from({ length: H * W }, (_, i) => ((i * 11) % 64) / 63),
      [H, W],
    );
    const base = makeBaseline(x, 'mean');
    const points = await sufficiencyCurve(x, map, base, predict, target, { dilation: 1, batchSize: 4 });
    for (const p of points) {
      const one = await sufficiency(x, map, predict, target, { threshold: p.threshold, dilation: 1, baseline: 'mean' });
      expect(p.dice).toBeCloseTo(one.dice, 12);
      expect(p.retained).toBeCloseTo(one.retained, 6);
    }
  });

  it('sends the masked images in batches and reports progress per batch', async () => {
    calls.length = 0;
    const seen: number[] = [];
    const x = ones();
    await sufficiencyCurve(
      x,
      rowMap(),
      tf.zerosLike(x),
      predict,
      target,
      { batchSize: 5 },
      { onProgress: (p) => seen.push(p.points.length) },
    );
    expect(calls).toEqual([5, 5, 5, 4]);
    expect(seen).toEqual([5, 10, 15, 19]);
  });

  it('stops with AbortError when cancelled', async () => {
    const ctrl = new AbortController();
    const x = ones();
    const run = sufficiencyCurve(
      x,
      rowMap(),
      tf.zerosLike(x),
      predict,
      target,
      { batchSize: 2 },
      { signal: ctrl.signal, onProgress: () => ctrl.abort() },
    );
    await expect(run).rejects.toBeInstanceOf(AbortError);
  });

  it('leaks no tensors: completed, with dilation, cancelled, or when predict throws', async () => {
    const x = ones();
    const map = rowMap();
    const base = tf.zerosLike(x);
    const before = tf.memory().numTensors;
    await sufficiencyCurve(x, map, base, predict, target);
    await sufficiencyCurve(x, map, base, predict, target, { dilation: 2, batchSize: 7 });
    const ctrl = new AbortController();
    await sufficiencyCurve(
      x,
      map,
      base,
      predict,
      target,
      {},
      { signal: ctrl.signal, onProgress: () => ctrl.abort() },
    ).catch(() => undefined);
    await sufficiencyCurve(
      x,
      map,
      base,
      async () => {
        throw new Error('boom');
      },
      target,
    ).catch(() => undefined);
    expect(tf.memory().numTensors).toBe(before);
  });
});
