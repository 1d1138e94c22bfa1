import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointingGame, pointingTolerance } from './pointingGame';
import { pixelOrder, resizeMaskNearest } from './region';
import { relevanceMass } from './relevanceMass';
import { relevanceRank } from './relevanceRank';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const mask = (n: number, ...on: number[]) => {
  const m = new Uint8Array(n);
  on.forEach((i) => (m[i] = 1));
  return m;
};

describe('relevance mass accuracy', () => {
  it('is Σ_M E / Σ E with chance |M|/|image|, by hand on 3×3', () => {
    const e = [0, 0.5, 1, 0, 0, 0.5, 0, 0, 0]; // Σ = 2
    const r = relevanceMass(e, mask(9, 1, 2), [3, 3]); // 1.5 inside
    expect(r.mass).toBeCloseTo(0.75, 12);
    expect(r.chance).toBeCloseTo(2 / 9, 12);
    expect(relevanceMass(e, mask(9, 3, 6), [3, 3]).mass).toBe(0);
    expect(relevanceMass(e, mask(9, 0, 1, 2, 3, 4, 5, 6, 7, 8), [3, 3])).toEqual({ mass: 1, chance: 1 });
  });
  it('is 0 (not NaN) for an all-zero map', () => {
    expect(relevanceMass(new Float32Array(4), mask(4, 0), [2, 2])).toEqual({ mass: 0, chance: 0.25 });
  });
  it('refuses an empty region and mismatched sizes', () => {
    expect(() => relevanceMass([1, 1, 1, 1], mask(4), [2, 2])).toThrow(/empty/);
    expect(() => relevanceMass([1, 1, 1], mask(4, 0), [2, 2])).toThrow(/map/);
    expect(() => relevanceMass([1, 1, 1, 1], mask(3, 0), [2, 2])).toThrow(/region/);
  });
});

describe('relevance rank accuracy', () => {
  it('is |top-|M| ∩ M| / |M|, by hand on 3×3', () => {
    const e = [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.0, 0.6, 0.5];
    // top 3: pixels 0, 2, 4; M = {0, 4, 8} holds 0 and 4
    expect(relevanceRank(e, mask(9, 0, 4, 8), [3, 3])).toBeCloseTo(2 / 3, 12);
    expect(relevanceRank(e, mask(9, 0, 2, 4), [3, 3])).toBe(1);
    expect(relevanceRank(e, mask(9, 6), [3, 3])).toBe(0);
  });
  it('breaks ties at the cut by pixel index', () => {
    expect(relevanceRank([1, 1, 1, 1], mask(4, 2, 3), [2, 2])).toBe(0); // top 2 = pixels 0, 1
    expect(relevanceRank([1, 1, 1, 1], mask(4, 0, 3), [2, 2])).toBe(0.5);
    expect(Array.from(pixelOrder([0.5, 1, 0.5, NaN, 1]))).toEqual([1, 4, 0, 2, 3]);
  });
});

describe('pointing game', () => {
  // 5×5, M = the top-left pixel, the peak at row 3, column 4: 5 px away (3-4-5).
  const e = new Float32Array(25);
  e[3 * 5 + 4] = 1;
  const m = mask(25, 0);
  it('hits within the tolerance (a disc) and misses beyond it', () => {
    expect(pointingGame(e, m, [5, 5], 5)).toEqual({ hit: true, peak: 19, distance: 5 });
    expect(pointingGame(e, m, [5, 5], 4.99).hit).toBe(false);
    // a square dilation of 4 would hit (Chebyshev distance 4); the disc of 4.5 does not
    expect(pointingGame(e, m, [5, 5], 4.5).hit).toBe(false);
    expect(pointingGame(e, mask(25, 19), [5, 5], 0)).toEqual({ hit: true, peak: 19, distance: 0 });
  });
  it('scales 15 px at 224 to the input size', () => {
    expect(pointingTolerance([224, 224])).toBeCloseTo(15, 12);
    expect(pointingTolerance([96, 96])).toBeCloseTo((15 * 96) / 224, 12);
    expect(pointingTolerance([256, 256])).toBeCloseTo((15 * 256) / 224, 12);
    expect(pointingTolerance([100, 100], [1000, 1000])).toBeCloseTo(1.5, 12);
  });
  it('uses the default tolerance on a 96×96 input: 6 px away hits, 7 px misses', () => {
    const region = mask(96 * 96, 40 * 96 + 40);
    const at = (r: number, c: number) => {
      const map = new Float32Array(96 * 96);
      map[r * 96 + c] = 1;
      return pointingGame(map, region, [96, 96]).hit;
    };
    expect(at(46, 40)).toBe(true);
    expect(at(47, 40)).toBe(false);
    expect(at(44, 44)).toBe(true); // √32 ≈ 5.66
    expect(at(45, 45)).toBe(false); // √50 ≈ 7.07
  });
  it('takes the first arg-max, and an all-zero map misses', () => {
    const two = new Float32Array(25);
    two[6] = 1;
    two[24] = 1;
    expect(pointingGame(two, mask(25, 6), [5, 5], 0).peak).toBe(6);
    expect(pointingGame(two, mask(25, 24), [5, 5], 0).hit).toBe(false);
    expect(pointingGame(new Float32Array(25), mask(25, 0), [5, 5], 100)).toEqual({
      hit: false,
      peak: -1,
      distance: Infinity,
    });
  });
});

describe('resizeMaskNearest', () => {
  it('repeats cells on an integer upscale', () => {
    expect(Array.from(resizeMaskNearest([1, 0, 0, 1], [2, 2], [4, 4]))).toEqual([
      1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1,
    ]);
  });
  it('equals tf.image.resizeNearestNeighbor with half-pixel centres on ragged sizes', () => {
    for (const [from, to] of [
      [
        [5, 7],
        [12, 9],
      ],
      [
        [9, 4],
        [4, 11],
      ],
      [
        [3, 3],
        [7, 7],
      ],
    ] as const) {
      const m = Uint8Array.from({ length: from[0] * from[1] }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
      const want = tf.tidy(() =>
        tf.image
          .resizeNearestNeighbor(
            tf.tensor4d(Float32Array.from(m), [1, from[0], from[1], 1]),
            [to[0], to[1]],
            false,
            true,
          )
          .dataSync(),
      );
      expect(Array.from(resizeMaskNearest(m, from, to))).toEqual(Array.from(want));
    }
  });
});
