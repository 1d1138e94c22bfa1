import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationGradients } from '../explain/activationGradients';
import { registerGradientFixes } from '../explain/gradientFixes';
import { hiResCam } from '../explain/hiResCam';
import { buildRegion } from '../regions/buildRegion';
import { segGradCam } from '../methods/gradcam/oracle';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { bundledArtifacts } from '../../scripts/testing/nodeArtifacts';
import { SELFIE, createSelfieModel } from './selfie';
import { createTrainedModel } from './trained';
import type { SegmentationModel } from './types';

const FIX = 'scripts/testing/fixtures-trained';
const SIZE = 96;
/** Scene 3 of the committed test scenes holds two ankle boots (class 10), which both models segment. */
const SCENE = 3;
const BOOT = 10;

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    const [da, db] = [(a[i] as number) - ma, (b[i] as number) - mb];
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / Math.sqrt(aa * bb);
}

function scene(index: number): tf.Tensor4D {
  const bytes = readFileSync(`${FIX}/eval-images.bin`).subarray(index * SIZE * SIZE, (index + 1) * SIZE * SIZE);
  return tf.tidy(() => tf.div(tf.tensor4d(Uint8Array.from(bytes), [1, SIZE, SIZE, 1], 'int32'), 255)) as tf.Tensor4D;
}

/** The two largest 8-connected items of a class in the model's own prediction. */
function twoItems(model: SegmentationModel, x: tf.Tensor4D, classIndex: number): [Uint8Array, Uint8Array] {
  const labels = Uint8Array.from(tf.tidy(() => tf.argMax(model.forward(x), -1).dataSync()));
  const seen = new Uint8Array(labels.length);
  const items: Uint8Array[] = [];
  labels.forEach((c, i) => {
    if (c !== classIndex || seen[i]) return;
    const item = buildRegion(
      { kind: 'component', x: ((i % SIZE) + 0.5) / SIZE, y: (Math.floor(i / SIZE) + 0.5) / SIZE },
      labels,
      { width: SIZE, height: SIZE },
      c,
    );
    item.forEach((v, j) => (seen[j] ||= v));
    items.push(item);
  });
  const size = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);
  items.sort((p, q) => size(q) - size(p));
  expect(items.length).toBeGreaterThanOrEqual(2);
  expect(size(items[1] as Uint8Array)).toBeGreaterThan(100);
  return [items[0] as Uint8Array, items[1] as Uint8Array];
}

/** Seg-Grad-CAM and HiResCAM on the layer grid, and the gradients, for one region. */
function camsOf(model: SegmentationModel, x: tf.Tensor4D, layer: string, region: Uint8Array, classIndex: number) {
  return tf.tidy(() => {
    const m = tf.tensor2d(Float32Array.from(region), [SIZE, SIZE]);
    const { activations, gradients } = activationGradients(
      (a) => model.runFromLayer(x, layer, a),
      model.runToLayer(x, layer),
      m,
      classIndex,
    );
    return {
      gradCam: segGradCam(activations, gradients).dataSync() as Float32Array,
      hiRes: hiResCam(activations, gradients).dataSync() as Float32Array,
      /** |G(p, ·)| per cell: with a pointwise tail G(p, k) = β(p)·v_k, this is the region's footprint β up to scale */
      footprint: tf.norm(gradients, 'euclidean', -1).dataSync() as Float32Array,
    };
  });
}

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

describe('DeepLabV3: only linear operations follow the bottleneck', () => {
  let model: SegmentationModel;
  beforeAll(async () => {
    model = await createTrainedModel('deeplab', bundledArtifacts('deeplab'));
  });

  it('marks the bottleneck (1×1 convolution, bilinear upsampling) affine and pointwise, the default layer not', () => {
    const byName = (name: string) => model.layers.find((l) => l.name === name);
    expect(byName('bottleneck')).toMatchObject({
      affineToOutput: true,
      linearTail: { ops: ['1×1 convolution', 'bilinear upsampling'], pointwise: true },
    });
    expect(byName('classifier')).toMatchObject({ affineToOutput: true });
    expect(model.defaultLayer).toBe('aspp_project_conv');
    expect(byName('aspp_project_conv')?.affineToOutput).toBe(false);
    expect(
      model.layers
        .filter((l) => l.affineToOutput)
        .map((l) => l.name)
        .sort(),
    ).toEqual(['bottleneck', 'classifier']);
  });

  const sameClass =
    'gives two items of one class the same Seg-Grad-CAM map there (r > 0.999), and different ones at the default layer';
  it(sameClass, () => {
    const x = scene(SCENE);
    const [a, b] = twoItems(model, x, BOOT);
    expect(
      pearson(camsOf(model, x, 'bottleneck', a, BOOT).gradCam, camsOf(model, x, 'bottleneck', b, BOOT).gradCam),
    ).toBeGreaterThan(0.999);
    expect(
      pearson(
        camsOf(model, x, 'aspp_project_conv', a, BOOT).gradCam,
        camsOf(model, x, 'aspp_project_conv', b, BOOT).gradCam,
      ),
    ).toBeLessThan(0.999);
  });

  it('makes HiResCAM there the Seg-Grad-CAM map weighted by the region footprint, as the note says', () => {
    const x = scene(SCENE);
    const [a] = twoItems(model, x, BOOT);
    const { gradCam, hiRes, footprint } = camsOf(model, x, 'bottleneck', a, BOOT);
    const weighted = gradCam.map((v, i) => v * (footprint[i] as number));
    expect(pearson(hiRes, weighted)).toBeGreaterThan(0.9999);
    expect(pearson(hiRes, gradCam)).toBeLessThan(0.9);
  });
});

describe('UNet: nonlinear operations follow every listed layer', () => {
  let model: SegmentationModel;
  beforeAll(async () => {
    model = await createTrainedModel('unet', bundledArtifacts('unet'));
  });

  it('marks no layer affine, the bottleneck included', () => {
    expect(model.layers.find((l) => l.name === 'bottleneck')?.affineToOutput).toBe(false);
    expect(model.layers.every((l) => l.affineToOutput === false)).toBe(true);
  });

  it('gives two items of one class clearly different Seg-Grad-CAM maps at the bottleneck (r < 0.99)', () => {
    const x = scene(SCENE);
    const [a, b] = twoItems(model, x, BOOT);
    expect(
      pearson(camsOf(model, x, 'bottleneck', a, BOOT).gradCam, camsOf(model, x, 'bottleneck', b, BOOT).gradCam),
    ).toBeLessThan(0.99);
  });
});

describe('selfie: a transposed convolution follows its last decoder layers', () => {
  it('marks add_13 and re_lu_21 affine but not pointwise, the bottleneck not affine', async () => {
    const model = await createSelfieModel(bundledArtifacts('selfie'));
    const affine = model.layers.filter((l) => l.affineToOutput);
    expect(affine.map((l) => l.name).sort()).toEqual(['add_13__xeno_compat__1', 're_lu_21']);
    expect(
      affine.every((l) => l.linearTail?.pointwise === false && l.linearTail.ops.includes('transposed convolution')),
    ).toBe(true);
    expect(model.layers.find((l) => l.name === SELFIE.bottleneck)?.affineToOutput).toBe(false);
    model.dispose();
  });
});
