import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_MODELS } from '../core/models';
import { makeBaseline } from '../explain/baseline';
import { registerGradientFixes } from '../explain/gradientFixes';
import { classProbability } from '../explain/probability';
import { bundledModel } from '../model/registry';
import { lossOf } from '../methods/misure/stage2';
import { bundledFiles } from '../../scripts/testing/nodeArtifacts';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';

// MiSuRe's stage 2 back-propagates to the input through the whole network: the selfie graph, the Layers models and
// the ONNX importer's UNETR must all give a finite, non-zero ∂L/∂θ, with no tensor left behind.

const FIX = 'scripts/testing/fixtures-trained';
const scenes = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
  ort.env.wasm.numThreads = 1;
});

/** The selfie model gets a smooth grey ramp; the trained ones their first held-out Fashion scene. */
function inputFor(id: string, [h, w]: readonly [number, number], channels: number): tf.Tensor4D {
  if (id === 'selfie')
    return tf.tidy(() => tf.tile(tf.reshape(tf.linspace(0.2, 0.8, h * w), [1, h, w, 1]), [1, 1, 1, channels]));
  const bytes = readFileSync(`${FIX}/${scenes.images}`).subarray(0, h * w);
  return tf.tidy(() => tf.div(tf.tensor4d(Uint8Array.from(bytes), [1, h, w, 1], 'int32'), 255) as tf.Tensor4D);
}

describe('MiSuRe input gradients through every bundled model', () => {
  for (const info of BUNDLED_MODELS) {
    it(`${info.id}: ∂L/∂θ is finite and non-zero`, async () => {
      const model = await bundledModel(info.id).create(bundledFiles(info.id));
      const [H, W] = model.inputSize;
      const [ho, wo] = model.outputSize;
      const input = inputFor(info.id, [H, W], info.id === 'selfie' ? 3 : 1);
      const before = tf.memory().numTensors;
      // The whole output grid as the region, explained for class 1: the loss's Dice term is then active.
      const target = tf.ones([ho, wo]) as tf.Tensor2D;
      const baseline = makeBaseline(input, 'mean');
      const sufficient = tf.ones([H, W]) as tf.Tensor2D;
      const objective = {
        input,
        baseline,
        sufficient,
        target,
        region: target,
        probability: (image: tf.Tensor4D) =>
          tf.tidy(
            () => tf.reshape(classProbability(model.forward(image), 1, model.outputKind), [ho, wo]) as tf.Tensor2D,
          ),
        weights: { threshold: 1, reference: 1, l1: 1, tv: 0.2 },
      };
      const theta = tf.fill([4, 4], 1);
      const grad = tf.grad((t: tf.Tensor) => lossOf(objective, t as tf.Tensor2D).total)(theta);
      const g = Array.from(grad.dataSync());
      tf.dispose([grad, theta, target, baseline, sufficient]);
      expect(g.every(Number.isFinite)).toBe(true);
      expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
      input.dispose();
      model.dispose();
    }, 120_000);
  }
});
