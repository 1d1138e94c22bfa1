import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpolationMatrix, registerResizeBilinearGradient } from './resizeBilinearGradient';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { resizeGradientError } from './resizeGradientCheck';

beforeAll(async () => {
  await useCpuBackend();
  registerResizeBilinearGradient();
});

describe('interpolationMatrix', () => {
  it('reproduces the forward kernel: R · x equals tf.image.resizeBilinear on a 1-D signal', () => {
    for (const [inSize, outSize] of [
      [4, 9],
      [9, 4],
      [5, 5],
      [3, 8],
    ] as const) {
      for (const hpc of [true, false]) {
        const x = tf.tensor4d(
          Array.from({ length: inSize }, (_, i) => Math.sin(i + 1)),
          [1, inSize, 1, 1],
        );
        const ref = tf.image.resizeBilinear(x, [outSize, 1], false, hpc).dataSync();
        const m = interpolationMatrix(inSize, outSize, false, hpc);
        const xs = x.dataSync();
        for (let r = 0; r < outSize; r++) {
          let v = 0;
          for (let k = 0; k < inSize; k++) v += (m[r * inSize + k] as number) * (xs[k] as number);
          expect(v).toBeCloseTo(ref[r] as number, 5);
        }
      }
    }
  });

  it('has rows that sum to one (interpolation preserves constants)', () => {
    const m = interpolationMatrix(7, 16, false, true);
    for (let r = 0; r < 16; r++) {
      const s = m.slice(r * 7, r * 7 + 7).reduce((a, b) => a + b, 0);
      expect(s).toBeCloseTo(1, 6);
    }
  });
});

describe('replacement ResizeBilinear gradient', () => {
  const cases = [
    { name: 'square up, half-pixel', inShape: [1, 4, 4, 2], size: [8, 8], hpc: true, ac: false },
    { name: 'non-square up, half-pixel', inShape: [2, 3, 5, 2], size: [7, 4], hpc: true, ac: false },
    { name: 'square, legacy coordinates', inShape: [1, 4, 4, 1], size: [9, 9], hpc: false, ac: false },
    { name: 'non-square down, legacy', inShape: [1, 6, 3, 2], size: [4, 5], hpc: false, ac: false },
    { name: 'align corners', inShape: [1, 3, 4, 1], size: [5, 7], hpc: false, ac: true },
  ] as const;
  for (const c of cases) {
    it(`matches central finite differences: ${c.name}`, () => {
      const err = resizeGradientError([...c.inShape], [...c.size], c.ac, c.hpc);
      expect(err).toBeLessThan(1e-3);
    });
  }

  it('fixes the stock kernel: the stock half-pixel gradient would be measurably wrong', () => {
    // Guard that the test above can fail: compare against the stock kernel run directly.
    const x = tf.randomNormal([1, 4, 4, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const dy = tf.randomNormal([1, 8, 8, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const stock = tf.engine().runKernel(
      'ResizeBilinearGrad',
      { dy, images: x },
      {
        alignCorners: false,
        halfPixelCenters: true,
      },
    ) as tf.Tensor;
    const ours = tf.grad((t: tf.Tensor) =>
      tf.sum(tf.mul(tf.image.resizeBilinear(t as tf.Tensor4D, [8, 8], false, true), dy)),
    )(x);
    expect(tf.max(tf.abs(tf.sub(stock, ours))).dataSync()[0]).toBeGreaterThan(0.05);
  });

  it('leaks no tensors', () => {
    const x = tf.ones([1, 3, 3, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.image.resizeBilinear(t as tf.Tensor4D, [6, 6], false, true)))(x);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
