import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationGradients } from '../explain/activationGradients';
import { registerGradientFixes } from '../explain/gradientFixes';
import { regionScore } from '../explain/score';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { bundledArtifacts } from '../../scripts/testing/nodeArtifacts';
import { bundledModel } from './registry';
import { createTrainedModel } from './trained';
import type { SegmentationModel } from './types';

const FIX = 'scripts/testing/fixtures-trained';
const metrics = JSON.parse(readFileSync(`${FIX}/metrics.json`, 'utf8'));
const scenes = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);

/** Scenes as the models take them: uint8 / 255, [N, 96, 96, 1]. */
function evalScenes(): { x: tf.Tensor4D; labels: Uint8Array } {
  const { count, height, width } = scenes;
  const bytes = readFileSync(`${FIX}/${scenes.images}`);
  const x = tf.tidy(() =>
    tf.div(tf.tensor4d(Uint8Array.from(bytes), [count, height, width, 1], 'int32'), 255),
  ) as tf.Tensor4D;
  return { x, labels: Uint8Array.from(readFileSync(`${FIX}/${scenes.labels}`)) };
}

/** mIoU over the 11 classes from a confusion accumulated over all scenes (metrics.json's definition). */
function meanIoU(pred: Uint8Array, truth: Uint8Array, classes: number): number {
  const tp = new Float64Array(classes);
  const fp = new Float64Array(classes);
  const fn = new Float64Array(classes);
  for (let i = 0; i < truth.length; i++) {
    const p = pred[i] as number;
    const t = truth[i] as number;
    if (p === t) tp[p]!++;
    else {
      fp[p]!++;
      fn[t]!++;
    }
  }
  let sum = 0;
  let n = 0;
  for (let c = 0; c < classes; c++) {
    const denom = tp[c]! + fp[c]! + fn[c]!;
    if (denom > 0) {
      sum += tp[c]! / denom;
      n++;
    }
  }
  return sum / n;
}

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

for (const id of ['unet', 'deeplab'] as const) {
  describe(`${id} adapter`, () => {
    let model: SegmentationModel;
    const parity = JSON.parse(readFileSync(`${FIX}/parity-${id}.json`, 'utf8'));
    const parityBin = readFileSync(`${FIX}/${parity.file}`);
    const floats = (offset: number, shape: number[]) =>
      tf.tensor(
        new Float32Array(
          parityBin.buffer.slice(
            parityBin.byteOffset + offset,
            parityBin.byteOffset + offset + 4 * shape.reduce((a, b) => a * b, 1),
          ),
        ),
        shape,
      );

    beforeAll(async () => {
      model = await createTrainedModel(id, bundledArtifacts(id));
    });

    it('is titled as the picker names it (one list, src/core/models.ts)', () => {
      expect(model.title).toBe(bundledModel(id).title);
      expect(model.id).toBe(id);
    });

    it('names its bottleneck first, with the shape the export recorded', () => {
      expect(model.layers[0]).toMatchObject({ name: 'bottleneck', label: 'bottleneck' });
      expect([1, ...(model.layers[0]?.shape ?? [])]).toEqual(metrics[id].bottleneck.shape);
      expect(model.layers.length).toBeGreaterThan(10);
    });

    it('reproduces the PyTorch logits within 1e-4', () => {
      const x = floats(parity.input.byteOffset, parity.input.shape) as tf.Tensor4D;
      const want = floats(parity.logits.byteOffset, parity.logits.shape);
      expect(maxAbsDiff(model.forward(x), want)).toBeLessThanOrEqual(1e-4);
    });

    it('run-from-layer ∘ run-to-layer equals the full forward, at the bottleneck and deeper in the encoder', () => {
      const { x } = evalScenes();
      const one = tf.slice(x, [3, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
      const full = model.forward(one);
      for (const layer of ['bottleneck', id === 'unet' ? 'enc2_relu2' : 'layer3']) {
        expect(maxAbsDiff(model.runFromLayer(one, layer, model.runToLayer(one, layer)), full)).toBeLessThan(1e-5);
      }
    });

    it(
      'explains by default the layer measured in docs/default-layers.md, a ' + 'decoder-side layer that runs both ways',
      () => {
        expect(model.defaultLayer).toBe(id === 'unet' ? 'dec3_conv1' : 'aspp_project_conv');
        expect(model.bottleneck).toBe('bottleneck');
        const { x } = evalScenes();
        const one = tf.slice(x, [3, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
        const layer = model.defaultLayer;
        expect(
          maxAbsDiff(model.runFromLayer(one, layer, model.runToLayer(one, layer)), model.forward(one)),
        ).toBeLessThan(1e-5);
      },
    );

    it('batched forward equals single forwards', () => {
      const { x } = evalScenes();
      const batch = tf.slice(x, [0, 0, 0, 0], [5, -1, -1, -1]) as tf.Tensor4D;
      const out = model.forward(batch);
      const single = model.forward(tf.slice(x, [4, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D);
      expect(maxAbsDiff(tf.slice(out, [4, 0, 0, 0], [1, -1, -1, -1]), single)).toBeLessThan(1e-5);
    });

    it('recomputes the recorded mIoU of the 64 committed test scenes', () => {
      const { x, labels } = evalScenes();
      const pred = tf.tidy(() => tf.argMax(model.forward(x), -1).dataSync());
      const miou = meanIoU(Uint8Array.from(pred), labels, 11);
      expect(miou).toBeCloseTo(metrics[id].subset.miouTfjs, 4);
    });

    it('∂S/∂A matches finite differences, through dilated convolutions for DeepLab', () => {
      const { x } = evalScenes();
      const one = tf.slice(x, [1, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
      const layer = id === 'unet' ? 'bottleneck' : 'layer3'; // layer3 → l4 and ASPP are atrous
      const region = tf.tidy(() =>
        tf.pad(tf.ones([10, 10]), [
          [40, 46],
          [40, 46],
        ]),
      ) as tf.Tensor2D;
      const a = model.runToLayer(one, layer);
      const from = (t: tf.Tensor4D) => model.runFromLayer(one, layer, t);
      const { gradients } = activationGradients(from, a, region, 1);
      const S = (t: tf.Tensor4D) => tf.tidy(() => regionScore(from(t), region, 1).dataSync()[0] as number);
      const v = tf.randomNormal(a.shape, 0, 1, 'float32', 9) as tf.Tensor4D;
      const eps = 1e-3;
      const fd =
        (S(tf.add(a, tf.mul(v, eps)) as tf.Tensor4D) - S(tf.sub(a, tf.mul(v, eps)) as tf.Tensor4D)) / (2 * eps);
      const analytic = tf.sum(tf.mul(gradients, tf.reshape(v, gradients.shape))).dataSync()[0] as number;
      expect(Math.abs(analytic - fd) / Math.abs(fd)).toBeLessThan(0.02);
    });

    it('the gradient path leaks no tensors', () => {
      const x = tf.zeros([1, 96, 96, 1]) as tf.Tensor4D;
      const region = tf.tidy(() =>
        tf.pad(tf.ones([1, 1]), [
          [48, 47],
          [48, 47],
        ]),
      ) as tf.Tensor2D;
      const a = model.runToLayer(x, 'bottleneck');
      const before = tf.memory().numTensors;
      const r = activationGradients((t) => model.runFromLayer(x, 'bottleneck', t), a, region, 0);
      r.activations.dispose();
      r.gradients.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
