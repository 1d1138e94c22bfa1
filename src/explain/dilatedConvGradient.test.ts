import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dilateFilter, registerDilatedConvGradient } from './dilatedConvGradient';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';

beforeAll(async () => {
  await useCpuBackend();
  registerDilatedConvGradient();
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number;

describe('dilated Conv2D gradient', () => {
  it('a dilated convolution equals a plain one with the zero-spread filter', () => {
    const x = tf.randomNormal([1, 11, 9, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
    for (const pad of ['same', 'valid'] as const) {
      const dilated = tf.conv2d(x, f, 1, pad, 'NHWC', [2, 3]);
      const plain = tf.conv2d(x, dilateFilter(f, [2, 3]), 1, pad);
      expect(maxDiff(dilated, plain)).toBeLessThan(1e-5);
    }
  });

  for (const [d, pad] of [
    [2, 'same'],
    [4, 'same'],
    [2, 'valid'],
  ] as const) {
    it(`matches finite differences: dilation ${d}, ${pad}`, () => {
      const x = tf.randomNormal([1, 12, 10, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
      const f = tf.randomNormal([3, 3, 3, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
      const y = tf.conv2d(x, f, 1, pad, 'NHWC', d);
      const w = tf.randomNormal(y.shape, 0, 1, 'float32', 5);
      const loss = (t: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(t as tf.Tensor4D, f, 1, pad, 'NHWC', d), w));
      const g = tf.grad(loss)(x);
      const v = tf.randomNormal(x.shape, 0, 1, 'float32', 6);
      const eps = 1e-2;
      const fd =
        ((loss(tf.add(x, tf.mul(v, eps))).dataSync()[0] as number) -
          (loss(tf.sub(x, tf.mul(v, eps))).dataSync()[0] as number)) /
        (2 * eps);
      const analytic = tf.sum(tf.mul(g, v)).dataSync()[0] as number;
      expect(Math.abs(analytic - fd) / Math.abs(fd)).toBeLessThan(1e-3);
    });
  }

  it('undilated convolutions keep the stock gradient (input and filter)', () => {
    const x = tf.randomNormal([2, 7, 7, 2], 0, 1, 'float32', 7) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 2, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
    const [gx, gf] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))),
    )([x, f]);
    expect(gx?.shape).toEqual([2, 7, 7, 2]);
    expect(gf?.shape).toEqual([3, 3, 2, 3]);
  });

  it('leaks no tensors', () => {
    const x = tf.ones([1, 8, 8, 1]) as tf.Tensor4D;
    const f = tf.ones([3, 3, 1, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    tf.grad((t: tf.Tensor) => tf.sum(tf.conv2d(t as tf.Tensor4D, f, 1, 'same', 'NHWC', 2)))(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
