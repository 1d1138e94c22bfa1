import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nearestIndices, poolGradients, type WindowPoolOptions } from './oracle';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

// 5×5 single-channel grid, values i·5 + j − 12: negatives in the top rows so max-vs-zero-padding matters.
const grid = () =>
  tf.tensor3d(
    Array.from({ length: 25 }, (_, n) => n - 12),
    [5, 5, 1],
  );
const pool = (opts: WindowPoolOptions) => {
  const out = poolGradients(grid(), opts);
  return tf.reshape(out, [5, 5]).arraySync() as number[][];
};

describe('poolGradients on a hand-computed 5×5 grid with 2×2 windows (ragged edges)', () => {
  it('valid edges, max: edge windows pool only their own cells', () => {
    expect(pool({ pool: 'max', window: [2, 2], edges: 'valid' })).toEqual([
      [-6, -6, -4, -4, -3],
      [-6, -6, -4, -4, -3],
      [4, 4, 6, 6, 7],
      [4, 4, 6, 6, 7],
      [9, 9, 11, 11, 12],
    ]);
  });
  it('valid edges, mean: divides by the number of valid cells', () => {
    expect(pool({ pool: 'mean', window: [2, 2], edges: 'valid' })).toEqual([
      [-9, -9, -7, -7, -5.5],
      [-9, -9, -7, -7, -5.5],
      [1, 1, 3, 3, 4.5],
      [1, 1, 3, 3, 4.5],
      [8.5, 8.5, 10.5, 10.5, 12],
    ]);
  });
  it('reference, max: zero padding wins over negative edges and skimage nearest maps rows [0,0,1,2,2]', () => {
    expect(pool({ pool: 'max', window: [2, 2], edges: 'reference' })).toEqual([
      [-6, -6, -4, 0, 0],
      [-6, -6, -4, 0, 0],
      [4, 4, 6, 7, 7],
      [9, 9, 11, 12, 12],
      [9, 9, 11, 12, 12],
    ]);
  });
  it('reference, mean: zeros dilute the edge means', () => {
    expect(pool({ pool: 'mean', window: [2, 2], edges: 'reference' })).toEqual([
      [-9, -9, -7, -2.75, -2.75],
      [-9, -9, -7, -2.75, -2.75],
      [1, 1, 3, 2.25, 2.25],
      [4.25, 4.25, 5.25, 3, 3],
      [4.25, 4.25, 5.25, 3, 3],
    ]);
  });
});

describe('nearestIndices (skimage resize order=0)', () => {
  it('maps h = 13, p = 2 as docs/METHOD.md states', () => {
    expect(Array.from(nearestIndices(13, 7))).toEqual([0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 6]);
  });
  it('is block broadcast when the window divides the grid', () => {
    expect(Array.from(nearestIndices(8, 2))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe('poolGradients against a naive loop', () => {
  it('valid mode equals a direct per-window computation for random windows and channels', () => {
    const [h, w, k] = [7, 9, 3];
    const g = tf.randomNormal([h, w, k], 0, 1, 'float32', 5) as tf.Tensor3D;
    const gv = g.arraySync();
    for (const [p, q] of [
      [2, 3],
      [3, 4],
      [7, 9],
      [1, 1],
      [4, 2],
    ] as const) {
      for (const type of ['max', 'mean'] as const) {
        const out = poolGradients(g, { pool: type, window: [p, q], edges: 'valid' }).arraySync();
        for (let i = 0; i < h; i++) {
          for (let j = 0; j < w; j++) {
            for (let c = 0; c < k; c++) {
              const vals: number[] = [];
              const i0 = Math.floor(i / p) * p;
              const j0 = Math.floor(j / q) * q;
              for (let a = i0; a < Math.min(h, i0 + p); a++) {
                for (let b = j0; b < Math.min(w, j0 + q); b++) vals.push(gv[a]![b]![c]!);
              }
              const want = type === 'max' ? Math.max(...vals) : vals.reduce((s, v) => s + v, 0) / vals.length;
              expect(out[i]![j]![c]!).toBeCloseTo(want, 5);
            }
          }
        }
      }
    }
  });

  it('leaks no tensors in either edge mode', () => {
    const g = tf.randomNormal([5, 6, 2]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    for (const edges of ['valid', 'reference'] as const) {
      poolGradients(g, { pool: 'max', window: [2, 4], edges }).dispose();
      poolGradients(g, { pool: 'mean', window: [3, 3], edges }).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
