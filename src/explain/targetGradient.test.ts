import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import type { Region } from '../regions/registry';
import { gradientsOfScore } from './activationGradients';
import { registerGradientFixes } from './gradientFixes';
import { weightedScore, weightsTensor } from './score';
import { buildTarget } from './target';

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

// A small differentiable "rest of the network": activations [1, 4, 4, 2] → 3×3 conv → tanh → bilinear ×2 → logits
// [1, 8, 8, 3]. Fixed random weights; the class layout comes from its own argmax.
const kernel = () => tf.randomNormal([3, 3, 2, 3], 0, 0.7, 'float32', 11) as tf.Tensor4D;
const fromLayer = (a: tf.Tensor4D, k: tf.Tensor4D) =>
  tf.image.resizeBilinear(tf.tanh(tf.conv2d(a, k, 1, 'same')) as tf.Tensor4D, [8, 8], false, true) as tf.Tensor4D;

const REGIONS: [string, Region][] = [
  ['point', { kind: 'point', x: 0.4, y: 0.6 }],
  ['box', { kind: 'box', x0: 0.1, y0: 0.1, x1: 0.7, y1: 0.6, exact: true }],
  [
    'polygon',
    {
      kind: 'polygon',
      points: [
        { x: 0.05, y: 0.9 },
        { x: 0.5, y: 0.1 },
        { x: 0.95, y: 0.8 },
      ],
      exact: true,
    },
  ],
  [
    'brush',
    {
      kind: 'brush',
      width: 4,
      height: 4,
      mask: Uint8Array.from([0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]),
      exact: true,
    },
  ],
  ['border', { kind: 'border', zone: { kind: 'class', x: 0.4, y: 0.6 } }],
  ['contrastive', { kind: 'contrastive', area: { kind: 'box', x0: 0, y0: 0, x1: 1, y1: 1, exact: true }, versus: 2 }],
];

describe('∂S/∂A of every target kind against central finite differences', () => {
  it.each(REGIONS)('%s', (_name, region) => {
    const k = kernel();
    const a = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 5) as tf.Tensor4D;
    const labels = Uint8Array.from(tf.tidy(() => tf.argMax(fromLayer(a, k), -1)).dataSync());
    const target = buildTarget(region, {
      labels,
      grid: { width: 8, height: 8 },
      numClasses: 3,
      classNames: ['a', 'b', 'c'],
      classIndex: region.kind === 'contrastive' ? 1 : null,
    });
    const w = weightsTensor(target, [8, 8]);
    const score = (x: tf.Tensor4D) => weightedScore(fromLayer(x, k), w);
    const { gradients } = gradientsOfScore(
      (x) => fromLayer(x, k),
      a,
      (y) => weightedScore(y, w),
    );
    const eps = 1e-2;
    for (let trial = 0; trial < 3; trial++) {
      const d = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 100 + trial) as tf.Tensor4D;
      const fd = tf.tidy(
        () =>
          ((score(tf.add(a, tf.mul(d, eps))).dataSync()[0] as number) -
            (score(tf.sub(a, tf.mul(d, eps))).dataSync()[0] as number)) /
          (2 * eps),
      );
      const analytic = tf.tidy(() => tf.sum(tf.mul(tf.reshape(gradients, [1, 4, 4, 2]), d)).dataSync()[0] as number);
      expect(Math.abs(analytic - fd)).toBeLessThan(2e-2 * Math.max(1, Math.abs(fd)));
    }
  });
});
