import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationGradients } from '../explain/activationGradients';
import { registerGradientFixes } from '../explain/gradientFixes';
import { regionScore } from '../explain/score';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { bundledFiles, bundledModelPath } from '../../scripts/testing/nodeArtifacts';
import { bundledModel } from './registry';
import type { SegmentationModel } from './types';

const FIX = 'scripts/testing/fixtures-trained';
const scenes = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);

/** The committed held-out scenes as the model takes them: uint8 / 255, NHWC. */
function evalScenes(): tf.Tensor4D {
  const { count, height, width } = scenes;
  const bytes = readFileSync(`${FIX}/${scenes.images}`);
  return tf.tidy(() => tf.div(tf.tensor4d(Uint8Array.from(bytes), [count, height, width, 1], 'int32'), 255));
}
const scene = (x: tf.Tensor4D, i: number) => tf.slice(x, [i, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D;
const BOTTLENECK = '/blocks.5/Add_1_output_0';

let model: SegmentationModel;
let x: tf.Tensor4D;
beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
  ort.env.wasm.numThreads = 1;
  model = await bundledModel('unetr').create(bundledFiles('unetr'));
  x = evalScenes();
});

describe('the bundled UNETR (ONNX, through the importer)', () => {
  it('is titled as the picker names it, with the Fashion classes', () => {
    expect(model.id).toBe('unetr');
    expect(model.title).toBe(bundledModel('unetr').title);
    expect(model.classes.map((c) => c.name)).toContain('Ankle boot');
    expect(model.classes).toHaveLength(11);
  });

  it('offers its transformer blocks as 12×12 token grids, the last block first as the bottleneck', () => {
    expect(model.layers[0]).toMatchObject({
      name: BOTTLENECK,
      label: 'bottleneck',
      shape: [12, 12, 112],
      tokens: { tokens: 144, extra: 0, grid: [12, 12] },
    });
    expect(model.bottleneck).toBe(BOTTLENECK);
    expect(model.layers.filter((l) => l.tokens)).toHaveLength(12); // two residual Adds per block, six blocks
    expect(model.layers.some((l) => l.name === model.defaultLayer)).toBe(true);
  });

  it('explains the measured default layer (docs/default-layers.md), the bottleneck one click away', () => {
    expect(model.defaultLayer).toBe('/dec2/dec2.0/dec2.0.0/Conv_output_0');
  });

  it('matches ONNX Runtime on held-out scenes (≤ 1e-4) and predicts the same labels', async () => {
    const session = await ort.InferenceSession.create(readFileSync(bundledModelPath('unetr')));
    for (const i of [0, 7, 21]) {
      const one = scene(x, i);
      const nchw = tf.tidy(() => tf.transpose(one, [0, 3, 1, 2]).dataSync() as Float32Array);
      const out = (await session.run({ image: new ort.Tensor('float32', nchw, [1, 1, 96, 96]) })).logits as ort.Tensor;
      const want = tf.tidy(() => tf.transpose(tf.tensor(out.data as Float32Array, out.dims as number[]), [0, 2, 3, 1]));
      const got = model.forward(one);
      expect(tf.tidy(() => tf.max(tf.abs(want)).dataSync()[0] as number)).toBeGreaterThan(1);
      expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-4);
      const agree = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(got, -1), tf.argMax(want, -1)), 'float32')));
      expect(agree.dataSync()[0]).toBe(1);
      tf.dispose([one, want, got, agree]);
    }
  });

  it('run-from-layer ∘ run-to-layer equals the forward pass, at token layers and decoder layers', () => {
    const one = scene(x, 3);
    const full = model.forward(one);
    for (const layer of [BOTTLENECK, '/blocks.1/Add_output_0', model.defaultLayer])
      expect(maxAbsDiff(model.runFromLayer(one, layer, model.runToLayer(one, layer)), full)).toBeLessThan(1e-4);
  });

  it('∂S/∂A at the token bottleneck matches finite differences', () => {
    const one = scene(x, 1);
    const region = tf.tidy(() =>
      tf.pad(tf.ones([10, 10]), [
        [40, 46],
        [40, 46],
      ]),
    ) as tf.Tensor2D;
    const a = model.runToLayer(one, BOTTLENECK);
    const from = (t: tf.Tensor4D) => model.runFromLayer(one, BOTTLENECK, t);
    const { gradients } = activationGradients(from, a, region, 1);
    const S = (t: tf.Tensor4D) => tf.tidy(() => regionScore(from(t), region, 1).dataSync()[0] as number);
    const v = tf.randomNormal(a.shape, 0, 1, 'float32', 9) as tf.Tensor4D;
    const analytic = tf.sum(tf.mul(gradients, tf.reshape(v, gradients.shape))).dataSync()[0] as number;
    // Central differences in float32: at ε = 1e-3 cancellation costs ~3%; at 1e-2 the truncation error is ~1e-4.
    const eps = 1e-2;
    const fd = (S(tf.add(a, tf.mul(v, eps)) as tf.Tensor4D) - S(tf.sub(a, tf.mul(v, eps)) as tf.Tensor4D)) / (2 * eps);
    expect(Math.abs(fd)).toBeGreaterThan(1e-3);
    expect(Math.abs(analytic - fd) / Math.abs(fd)).toBeLessThan(0.005);
  });

  it('taps give every layer’s gradient in one backward pass, equal to one pass per layer', () => {
    const one = scene(x, 2);
    const region = tf.tidy(() =>
      tf.pad(tf.ones([6, 6]), [
        [30, 60],
        [30, 60],
      ]),
    ) as tf.Tensor2D;
    const layers = [BOTTLENECK, '/blocks.2/Add_1_output_0', '/dec3/dec3.1/dec3.1.2/Relu_output_0'];
    const taps = layers.map((l) => tf.zeros([1, ...(model.layers.find((m) => m.name === l)?.shape ?? [])]));
    const score = (...t: tf.Tensor[]) =>
      regionScore(model.runWithTaps!(one, new Map(layers.map((l, i) => [l, t[i] as tf.Tensor4D]))), region, 4);
    const grads = tf.grads(score)(taps);
    layers.forEach((l, i) => {
      const a = model.runToLayer(one, l);
      const { gradients } = activationGradients((t) => model.runFromLayer(one, l, t), a, region, 4);
      const scale = tf.max(tf.abs(gradients)).dataSync()[0] as number;
      expect(scale).toBeGreaterThan(0);
      expect(maxAbsDiff(tf.reshape(grads[i] as tf.Tensor, gradients.shape), gradients) / scale).toBeLessThan(1e-4);
    });
  });

  it('the gradient path at a token layer leaks no tensors', () => {
    const one = scene(x, 0);
    const region = tf.tidy(() =>
      tf.pad(tf.ones([1, 1]), [
        [48, 47],
        [48, 47],
      ]),
    ) as tf.Tensor2D;
    const a = model.runToLayer(one, BOTTLENECK);
    const before = tf.memory().numTensors;
    const r = activationGradients((t) => model.runFromLayer(one, BOTTLENECK, t), a, region, 0);
    r.activations.dispose();
    r.gradients.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
