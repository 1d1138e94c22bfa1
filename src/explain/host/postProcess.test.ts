import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { minMaxNormalize, NORMALISE_EPSILON, postProcess } from '../normalize';
import { toHeatMap } from '../../engine/heatmap';
import {
  HOST_NORMALISE_EPSILON,
  minMaxNormalizeHost,
  postProcessHost,
  postProcessWithMass,
  resizeBilinearHost,
  toHeatMapHost,
} from './postProcess';
import { normals } from '../../../scripts/testing/hostData';
import { relevanceMass } from '../metrics/relevanceMass';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const maxDiff = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
};

const tfResize = (
  map: Float32Array,
  [h, w]: readonly [number, number],
  [H, W]: readonly [number, number],
  alignCorners = false,
  halfPixel = true,
) =>
  tf.tidy(
    () =>
      tf.image
        .resizeBilinear(tf.tensor4d(map, [1, h, w, 1]), [H, W], alignCorners, halfPixel)
        .dataSync() as Float32Array,
  );

// Up, down, to and from a single cell, non-square both ways: every branch of the edge clamping.
const SIZES: [[number, number], [number, number]][] = [
  [
    [5, 7],
    [23, 31],
  ],
  [
    [16, 16],
    [256, 256],
  ],
  [
    [24, 24],
    [96, 96],
  ],
  [
    [12, 12],
    [96, 96],
  ],
  [
    [7, 5],
    [3, 2],
  ],
  [
    [1, 1],
    [8, 8],
  ],
  [
    [4, 6],
    [1, 1],
  ],
  [
    [3, 9],
    [3, 40],
  ],
  [
    [6, 6],
    [6, 6],
  ],
];

describe('resizeBilinearHost', () => {
  for (const [from, to] of SIZES) {
    it(
      `is bit-identical to tf.image.resizeBilinear(alignCorners = false, ` +
        `halfPixelCenters = true), ${from.join('×')} → ${to.join('×')}`,
      () => {
        const map = normals(from[0] * from[1], from[0] * 100 + to[0]);
        expect(maxDiff(resizeBilinearHost(map, from, to), tfResize(map, from, to))).toBe(0);
      },
    );
  }
  it('the check can fail: the other sampling conventions differ by far more than 1e-5', () => {
    const map = normals(35, 1);
    expect(
      maxDiff(resizeBilinearHost(map, [5, 7], [23, 31]), tfResize(map, [5, 7], [23, 31], false, false)),
    ).toBeGreaterThan(1e-2);
    expect(
      maxDiff(resizeBilinearHost(map, [5, 7], [23, 31]), tfResize(map, [5, 7], [23, 31], true, false)),
    ).toBeGreaterThan(1e-2);
  });
});

describe('minMaxNormalizeHost and postProcessHost', () => {
  it('uses normalize.ts ε', () => expect(HOST_NORMALISE_EPSILON).toBe(NORMALISE_EPSILON));

  it('min-max equals minMaxNormalize bit for bit, in place too', () => {
    const map = normals(200, 9).map((v) => 1000 + v);
    const want = tf.tidy(() => minMaxNormalize(tf.tensor1d(map)).dataSync());
    expect(maxDiff(minMaxNormalizeHost(map), want)).toBe(0);
    const copy = map.slice();
    minMaxNormalizeHost(copy, copy);
    expect(maxDiff(copy, want)).toBe(0);
  });

  for (const [from, to] of SIZES) {
    it(`postProcessHost equals postProcess within 1e-6, ${from.join('×')} → ${to.join('×')}`, () => {
      const raw = normals(from[0] * from[1], 7 + from[1]).map((v) => Math.max(0, v)); // a ReLU'd map, as combine gives
      const want = tf.tidy(() => postProcess(tf.tensor2d(raw, from), to).dataSync());
      expect(maxDiff(postProcessHost(raw, from, to), want)).toBeLessThan(1e-6);
    });
  }

  it('writes into the given Float32Array', () => {
    const out = new Float32Array(23 * 31);
    expect(postProcessHost(normals(35, 2), [5, 7], [23, 31], out)).toBe(out);
    expect(out.some((v) => v > 0)).toBe(true);
  });
});

describe('toHeatMapHost against engine/heatmap.ts toHeatMap', () => {
  const cases: [string, Float32Array][] = [
    ['a random map', normals(35, 3).map((v) => Math.max(0, v))],
    ['an all-zero map (no positive evidence, never NaN)', new Float32Array(35)],
    ['a one-cell peak', Float32Array.from({ length: 35 }, (_, i) => (i === 17 ? 2.5 : 0))],
    ['a constant positive map', new Float32Array(35).fill(3)],
  ];
  for (const [name, raw] of cases) {
    it(name, async () => {
      const rawT = tf.tensor2d(raw, [5, 7]);
      const { map, tensor } = await toHeatMap(rawT, [23, 31]);
      tf.dispose([rawT, tensor]);
      const got = toHeatMapHost(raw, [5, 7], [23, 31]);
      expect(got.positive).toBe(map.positive);
      expect(got.size).toEqual(map.size);
      expect(got.data.every(Number.isFinite)).toBe(true);
      expect(maxDiff(got.data, map.data)).toBeLessThan(1e-6);
    });
  }
  it('says so when nothing is positive', () => {
    expect(toHeatMapHost(new Float32Array(35), [5, 7], [23, 31]).positive).toBe(false);
    expect(toHeatMapHost(new Float32Array(35).fill(1e-30), [5, 7], [23, 31]).positive).toBe(true);
  });
});

describe('postProcessWithMass', () => {
  it("gives postProcessHost's map and relevanceMass of it, bit for bit, resized or not, an all-zero map too", () => {
    for (const [grid, size, seed] of [
      [[6, 5], [23, 17], 1],
      [[12, 12], [96, 96], 2],
      [[8, 8], [8, 8], 3],
    ] as const) {
      const n = size[0] * size[1];
      const region = Uint8Array.from({ length: n }, (_, i) => (i % 7 < 3 && i % 5 !== 0 ? 1 : 0));
      for (const raw of [
        normals(grid[0] * grid[1], seed).map((v) => Math.max(0, v)),
        new Float32Array(grid[0] * grid[1]),
      ]) {
        const got = postProcessWithMass(raw, grid, size, region);
        const want = postProcessHost(raw, grid, size);
        expect(Array.from(got.data)).toEqual(Array.from(want));
        expect(got.mass).toBe(relevanceMass(want, region, size).mass);
      }
    }
  });
});
