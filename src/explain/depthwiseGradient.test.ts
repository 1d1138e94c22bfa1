import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { depthwiseInputGradientViaConv, registerDepthwiseGradient } from './depthwiseGradient';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';

beforeAll(async () => {
  await useCpuBackend();
  registerDepthwiseGradient();
});

const cases = [
  { x: [1, 7, 7, 3], k: [3, 3, 3, 1], s: 1, pad: 'same' },
  { x: [2, 8, 6, 4], k: [3, 3, 4, 2], s: 2, pad: 'same' },
  { x: [1, 9, 9, 2], k: [5, 5, 2, 1], s: 2, pad: 'valid' },
  { x: [1, 6, 5, 3], k: [3, 3, 3, 1], s: 1, pad: 'valid' },
] as const;

describe('depthwise input gradient through a block-diagonal transposed convolution', () => {
  for (const c of cases) {
    it(`equals the native kernel: x ${c.x.join('×')}, filter ${c.k.join('×')}, stride ${c.s}, ${c.pad}`, () => {
      const x = tf.randomNormal([...c.x], 0, 1, 'float32', 1) as tf.Tensor4D;
      const f = tf.randomNormal([...c.k], 0, 1, 'float32', 2) as tf.Tensor4D;
      const y = tf.depthwiseConv2d(x, f, c.s, c.pad);
      const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
      const native = tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, {
        strides: c.s,
        pad: c.pad,
        dilations: 1,
        inputShape: c.x,
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
      const ours = depthwiseInputGradientViaConv([...c.x], dy, f, c.s, c.pad);
      expect(tf.max(tf.abs(tf.sub(native, ours))).dataSync()[0]).toBeLessThan(1e-4);
    });
  }

  it('the registered gradient matches finite differences along a random direction', () => {
    const x = tf.randomNormal([1, 6, 6, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 2, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const w = tf.randomNormal([1, 3, 3, 2], 0, 1, 'float32', 6);
    const loss = (t: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(t as tf.Tensor4D, f, 2, 'same'), w));
    const g = tf.grad(loss)(x);
    const v = tf.randomNormal(x.shape, 0, 1, 'float32', 7);
    const eps = 1e-2;
    const fd =
      ((loss(tf.add(x, tf.mul(v, eps))).dataSync()[0] as number) -
        (loss(tf.sub(x, tf.mul(v, eps))).dataSync()[0] as number)) /
      (2 * eps);
    expect(tf.sum(tf.mul(g, v)).dataSync()[0]).toBeCloseTo(fd, 2);
  });

  it('leaks no tensors', () => {
    const dy = tf.ones([1, 4, 4, 2]) as tf.Tensor4D;
    const f = tf.ones([3, 3, 2, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    depthwiseInputGradientViaConv([1, 4, 4, 2], dy, f, 1, 'same').dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
