import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationGradients } from '../explain/activationGradients';
import { registerGradientFixes } from '../explain/gradientFixes';
import { regionScore } from '../explain/score';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { bundledArtifacts, bundledModelPath } from '../../scripts/testing/nodeArtifacts';
import { bundledModel } from './registry';
import { SELFIE, createSelfieModel } from './selfie';
import type { SegmentationModel } from './types';

let model: SegmentationModel;
let x: tf.Tensor4D;
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
  model = await createSelfieModel(bundledArtifacts('selfie'));
  // A smooth synthetic image: deterministic and license-free.
  x = tf.tidy(() =>
    tf.reshape(tf.div(tf.add(tf.sin(tf.mul(tf.range(0, 256 * 256 * 3), 0.001)), 1), 2), [1, 256, 256, 3]),
  ) as tf.Tensor4D;
});

describe('selfie adapter', () => {
  it('is titled as the picker names it (one list, src/core/models.ts)', () => {
    expect(model.title).toBe(bundledModel('selfie').title);
    expect(model.title).toBe('MediaPipe selfie segmentation (person)');
  });
  it('lists the bottleneck first with its shape, and the decoder skips', () => {
    expect(model.layers[0]).toMatchObject({ name: SELFIE.bottleneck, shape: [16, 16, 32], label: 'bottleneck' });
    const names = model.layers.map((l) => l.name);
    expect(names).toContain('multiply_6');
    expect(names).toContain('mul_1');
    expect(model.layers.length).toBeGreaterThan(20);
  });

  it('run-from-layer ∘ run-to-layer equals the full forward (bottleneck and a skip)', () => {
    const full = model.forward(x);
    for (const layer of [SELFIE.bottleneck, 'conv2d_4_1']) {
      const a = model.runToLayer(x, layer);
      expect(maxAbsDiff(model.runFromLayer(x, layer, a), full)).toBeLessThan(1e-5);
    }
  });

  it('batched forward equals single forwards (batch patched from 1 to 8, ragged last chunk)', () => {
    const other = tf.tidy(() => tf.sub(1, x)) as tf.Tensor4D;
    const batch = tf.concat([x, other, x], 0) as tf.Tensor4D;
    const out = model.forward(batch);
    expect(out.shape).toEqual([3, 256, 256, 2]);
    expect(maxAbsDiff(tf.slice(out, [1, 0, 0, 0], [1, -1, -1, -1]), model.forward(other))).toBeLessThan(1e-4);
    expect(maxAbsDiff(tf.slice(out, [2, 0, 0, 0], [1, -1, -1, -1]), model.forward(x))).toBeLessThan(1e-4);
  });

  it('scores are [−logit, logit]: the sigmoid of the person score is the model output', () => {
    const s = model.forward(x);
    expect(
      maxAbsDiff(tf.slice(s, [0, 0, 0, 0], [-1, -1, -1, 1]), tf.neg(tf.slice(s, [0, 0, 0, 1], [-1, -1, -1, 1]))),
    ).toBe(0);
  });

  it('∂S/∂A at the bottleneck matches central finite differences along random directions', () => {
    const region = tf.tidy(() =>
      tf.pad(tf.ones([24, 24]), [
        [100, 132],
        [110, 122],
      ]),
    ) as tf.Tensor2D;
    const a = model.runToLayer(x, SELFIE.bottleneck);
    const from = (t: tf.Tensor4D) => model.runFromLayer(x, SELFIE.bottleneck, t);
    const { gradients } = activationGradients(from, a, region, 1);
    const S = (t: tf.Tensor4D) => tf.tidy(() => regionScore(from(t), region, 1).dataSync()[0] as number);
    for (let seed = 1; seed <= 3; seed++) {
      const v = tf.randomNormal(a.shape, 0, 1, 'float32', seed) as tf.Tensor4D;
      const eps = 1e-3; // small enough to stay clear of ReLU kinks, large enough for float32
      const fd =
        (S(tf.add(a, tf.mul(v, eps)) as tf.Tensor4D) - S(tf.sub(a, tf.mul(v, eps)) as tf.Tensor4D)) / (2 * eps);
      const analytic = tf.sum(tf.mul(gradients, tf.reshape(v, gradients.shape))).dataSync()[0] as number;
      expect(Math.abs(analytic - fd) / Math.abs(fd)).toBeLessThan(0.02);
    }
  });

  it(
    'the decoder reads half-pixel ResizeBilinear nodes, whose stock ' +
      'gradient is wrong (why the check above matters)',
    () => {
      // Sanity: the decoder really goes through half-pixel ResizeBilinear nodes.
      const topo = JSON.parse(readFileSync(bundledModelPath('selfie'), 'utf8')).modelTopology.node as {
        op: string;
        attr: Record<string, { b?: boolean }>;
      }[];
      const resizes = topo.filter((n) => n.op === 'ResizeBilinear');
      expect(resizes.length).toBe(3);
      expect(resizes.every((n) => n.attr.half_pixel_centers?.b === true)).toBe(true);
    },
  );

  it('labels from the logit alone equal the argmax of the two-class scores, batched', async () => {
    // Three images, so the batched graph and its padding are used; an inverted or shifted fast path would differ.
    const batch = tf.concat([x, tf.reverse(x, 2), tf.sub(1, x)], 0) as tf.Tensor4D;
    const fast = await (model.labels as NonNullable<typeof model.labels>)(batch);
    const slow = Array.from(tf.argMax(model.forward(batch), -1).dataSync());
    expect(fast).toHaveLength(3);
    expect(fast.flatMap((l) => Array.from(l))).toEqual(slow);
  });

  it('a batch of 8 + 2 runs its remainder image by image, with the labels and scores of single passes', async () => {
    const images = [x, tf.reverse(x, 2), tf.sub(1, x)];
    const batch = tf.concat(
      Array.from({ length: 10 }, (_, i) => images[i % 3] as tf.Tensor4D),
      0,
    ) as tf.Tensor4D;
    const out = model.forward(batch);
    expect(out.shape).toEqual([10, 256, 256, 2]);
    for (const i of [7, 8, 9]) {
      const one = tf.slice(batch, [i, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
      expect(maxAbsDiff(tf.slice(out, [i, 0, 0, 0], [1, -1, -1, -1]), model.forward(one))).toBeLessThan(1e-4);
    }
    const fast = await (model.labels as NonNullable<typeof model.labels>)(batch);
    expect(fast.flatMap((l) => Array.from(l))).toEqual(Array.from(tf.argMax(out, -1).dataSync()));
  });

  it('the gradient path leaks no tensors', () => {
    const region = tf.tidy(() =>
      tf.pad(tf.ones([1, 1]), [
        [128, 127],
        [128, 127],
      ]),
    ) as tf.Tensor2D;
    const a = model.runToLayer(x, SELFIE.bottleneck);
    const before = tf.memory().numTensors;
    const r = activationGradients((t) => model.runFromLayer(x, SELFIE.bottleneck, t), a, region, 1);
    r.activations.dispose();
    r.gradients.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
