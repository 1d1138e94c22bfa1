import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { chebyshevDistance, radiusStep, regionAtRadius, resizeNearest } from './dilation';

beforeAll(useCpuBackend);

const grid = (rows: number[][]) => Uint8Array.from(rows.flat());

describe('MiSuRe stage 1: dilation', () => {
  it('Chebyshev distances to two seeds on a 4×5 grid, by hand', () => {
    const seed = grid([
      [0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
    ]);
    // Each cell: max(|Δrow|, |Δcol|) to the nearer of (1,1) and (3,4).
    expect(Array.from(chebyshevDistance(seed, 4, 5))).toEqual(
      [
        [1, 1, 1, 2, 3],
        [1, 0, 1, 2, 2],
        [1, 1, 1, 1, 1],
        [2, 2, 2, 1, 0],
      ].flat(),
    );
    expect(Array.from(regionAtRadius(chebyshevDistance(seed, 4, 5), 1))).toEqual(
      [
        [1, 1, 1, 0, 0],
        [1, 1, 1, 0, 0],
        [1, 1, 1, 1, 1],
        [0, 0, 0, 1, 1],
      ].flat(),
    );
  });

  it('radius r equals r successive 3×3 max-pool dilations, on random seeds', () => {
    let state = 7;
    const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const [h, w] of [
      [9, 13],
      [16, 5],
    ] as const) {
      const seed = Uint8Array.from({ length: h * w }, () => (rand() < 0.04 ? 1 : 0));
      seed[0] = 1; // never empty
      const distance = chebyshevDistance(seed, h, w);
      let pooled = tf.tensor4d(Float32Array.from(seed), [1, h, w, 1]);
      for (let r = 0; r <= 6; r++) {
        expect(Array.from(regionAtRadius(distance, r))).toEqual(Array.from(pooled.dataSync()));
        const next = tf.maxPool(pooled, 3, 1, 'same');
        pooled.dispose();
        pooled = next;
      }
      pooled.dispose();
    }
  });

  it('no seed: every distance is infinite, nothing is kept at any radius', () => {
    const d = chebyshevDistance(new Uint8Array(6), 2, 3);
    expect(Array.from(d).every((v) => v === Infinity)).toBe(true);
    expect(regionAtRadius(d, 100).some((v) => v === 1)).toBe(false);
  });

  it('32 steps reach across the image; a wrong-sized seed is refused', () => {
    expect(radiusStep(256, 256)).toBe(8);
    expect(radiusStep(16, 20)).toBe(1);
    expect(radiusStep(100, 33)).toBe(4);
    expect(() => chebyshevDistance(new Uint8Array(5), 2, 3)).toThrow(/5 pixels for a 2×3 grid/);
  });

  it('nearest resize of a 2×2 mask to 4×4 and back (pixel centres)', () => {
    const small = grid([
      [1, 0],
      [0, 1],
    ]);
    const big = resizeNearest(small, [2, 2], [4, 4]);
    expect(Array.from(big)).toEqual(
      [
        [1, 1, 0, 0],
        [1, 1, 0, 0],
        [0, 0, 1, 1],
        [0, 0, 1, 1],
      ].flat(),
    );
    expect(Array.from(resizeNearest(big, [4, 4], [2, 2]))).toEqual(Array.from(small));
  });
});
