import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { POOL_TYPES, EDGE_MODES, type EdgeMode, type PoolType } from '../../core/kinds';
import { nearestIndices, poolGradients } from './oracle';
import { nearestIndicesHost, poolWindows, spreadPooled } from './windowPool';
import { hostTensor, type HostTensor } from '../../explain/host/tensor';
import { randomHost } from '../../../scripts/testing/hostData';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

/**
 * docs/METHOD.md read literally, O(window²) per cell: the window a cell reads, pooled over its cells (zero-padded in
 * reference mode).
 */
function naivePool(g: HostTensor, pool: PoolType, p: number, q: number, edges: EdgeMode): Float32Array {
  const [h, w, k] = g.shape;
  const nh = Math.ceil(h / p);
  const nw = Math.ceil(w / q);
  // Reference: skimage resize(order = 0), row i reads pooled row round((i + 0.5)·n/h − 0.5), clamped.
  const src = (i: number, n: number, size: number) =>
    Math.min(n - 1, Math.max(0, Math.round(((i + 0.5) * n) / size - 0.5)));
  const out = new Float32Array(h * w * k);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const bi = edges === 'valid' ? Math.floor(i / p) : src(i, nh, h);
      const bj = edges === 'valid' ? Math.floor(j / q) : src(j, nw, w);
      for (let c = 0; c < k; c++) {
        const vals: number[] = [];
        for (let a = bi * p; a < bi * p + p; a++) {
          for (let b = bj * q; b < bj * q + q; b++) {
            if (a < h && b < w) vals.push(g.data[(a * w + b) * k + c]!);
            else if (edges === 'reference') vals.push(0);
          }
        }
        out[(i * w + j) * k + c] = pool === 'max' ? Math.max(...vals) : vals.reduce((s, v) => s + v, 0) / vals.length;
      }
    }
  }
  return out;
}

const maxDiff = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
};

describe('poolWindows (host) against a naive O(window²) loop', () => {
  for (const [shape, seed] of [
    [[5, 7, 3], 1],
    [[13, 11, 2], 2],
    [[1, 6, 2], 3],
  ] as const) {
    it(`every window p×q of a ${shape.join('×')} grid, both pools, both edge modes`, () => {
      const g = randomHost(shape, seed);
      for (let p = 1; p <= shape[0]; p++) {
        for (let q = 1; q <= shape[1]; q++) {
          for (const pool of POOL_TYPES) {
            for (const edges of EDGE_MODES) {
              const got = spreadPooled(poolWindows(g, { pool, window: [p, q], edges })).data;
              expect(maxDiff(got, naivePool(g, pool, p, q, edges)), `${pool} ${edges} ${p}×${q}`).toBeLessThan(1e-6);
            }
          }
        }
      }
    });
  }

  it('the naive check can fail: valid and reference differ on ragged windows, max and mean differ', () => {
    const g = randomHost([5, 7, 3], 1);
    const valid = spreadPooled(poolWindows(g, { pool: 'max', window: [2, 3], edges: 'valid' })).data;
    expect(maxDiff(valid, naivePool(g, 'max', 2, 3, 'reference'))).toBeGreaterThan(0.1);
    expect(maxDiff(valid, naivePool(g, 'mean', 2, 3, 'valid'))).toBeGreaterThan(0.1);
  });

  it('matches the hand-computed 5×5 grid of windowPool.test.ts (reference, max: zero padding wins)', () => {
    const g = hostTensor(
      Float32Array.from({ length: 25 }, (_, n) => n - 12),
      [5, 5, 1],
    );
    expect(Array.from(spreadPooled(poolWindows(g, { pool: 'max', window: [2, 2], edges: 'reference' })).data)).toEqual([
      -6, -6, -4, 0, 0, -6, -6, -4, 0, 0, 4, 4, 6, 7, 7, 9, 9, 11, 12, 12, 9, 9, 11, 12, 12,
    ]);
    expect(Array.from(spreadPooled(poolWindows(g, { pool: 'mean', window: [2, 2], edges: 'valid' })).data)).toEqual([
      -9, -9, -7, -7, -5.5, -9, -9, -7, -7, -5.5, 1, 1, 3, 3, 4.5, 1, 1, 3, 3, 4.5, 8.5, 8.5, 10.5, 10.5, 12,
    ]);
  });

  it('returns the pooled grid, not a spread copy: [⌈h/p⌉, ⌈w/q⌉, K]', () => {
    const pooled = poolWindows(randomHost([5, 7, 3], 4), { pool: 'mean', window: [2, 3], edges: 'valid' });
    expect(pooled.shape).toEqual([3, 3, 3]);
    expect(Array.from(pooled.rows)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(pooled.cols)).toEqual([0, 0, 0, 1, 1, 1, 2]);
  });
});

describe('poolWindows (host) against tfjs poolGradients', () => {
  it('bit-identical for every window of a 5×7×3 grid and out-of-range windows (clamped like tfjs)', () => {
    const g = randomHost([5, 7, 3], 7);
    const gt = tf.tensor3d(g.data, g.shape);
    const windows: [number, number][] = [
      [0, 0],
      [9, 9],
      [2.4, 2.6],
      [-3, 1],
    ];
    for (let p = 1; p <= 5; p++) for (let q = 1; q <= 7; q++) windows.push([p, q]);
    for (const window of windows) {
      for (const pool of POOL_TYPES) {
        for (const edges of EDGE_MODES) {
          const want = tf.tidy(() => poolGradients(gt, { pool, window, edges }).dataSync());
          expect(
            maxDiff(spreadPooled(poolWindows(g, { pool, window, edges })).data, want),
            `${pool} ${edges} ${window}`,
          ).toBe(0);
        }
      }
    }
    gt.dispose();
  });
});

describe('nearestIndicesHost', () => {
  it('maps h = 13, p = 2 as docs/METHOD.md states', () => {
    expect(Array.from(nearestIndicesHost(13, 7))).toEqual([0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 6]);
  });
  it('equals oracle.ts nearestIndices for every size and cell count up to 64', () => {
    for (let size = 1; size <= 64; size++) {
      for (let n = 1; n <= size; n++)
        expect(Array.from(nearestIndicesHost(size, n))).toEqual(Array.from(nearestIndices(size, n)));
    }
  });
});
