import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerGradientFixes } from '../explain/gradientFixes';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { bundledArtifacts } from '../../scripts/testing/nodeArtifacts';
import { createCustomModel } from './custom';
import { createSelfieModel } from './selfie';
import { createTrainedModel } from './trained';
import type { SegmentationModel, WeightRandomizer } from './types';
import { MAX_RANDOMIZATION_STEPS, stepRanges } from './weightRandomizer';

const values = (t: tf.Tensor) => Array.from(t.dataSync());
/** The model's output on x, as plain numbers (compared with toEqual: bit for bit). */
const outputOf = (m: SegmentationModel, x: tf.Tensor4D) => tf.tidy(() => values(m.forward(x)));

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

describe('step ranges', () => {
  it('the output layer alone, then the rest in at most 7 even groups, covering every layer once', () => {
    expect(stepRanges(0)).toEqual([]);
    expect(stepRanges(1)).toEqual([[0, 1]]);
    expect(stepRanges(3)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(stepRanges(15)).toEqual([
      [0, 1],
      [1, 3],
      [3, 5],
      [5, 7],
      [7, 9],
      [9, 11],
      [11, 13],
      [13, 15],
    ]);
    for (const n of [2, 8, 9, 23, 41, 111]) {
      const r = stepRanges(n);
      expect(r.length).toBe(Math.min(n, MAX_RANDOMIZATION_STEPS));
      expect(r[0]).toEqual([0, 1]);
      r.forEach(([a, b], i) => {
        expect(b).toBeGreaterThan(a);
        if (i > 0) expect(a).toBe(r[i - 1]![1]);
      });
      expect(r.at(-1)![1]).toBe(n);
    }
  });
});

interface Case {
  id: string;
  load: () => Promise<SegmentationModel>;
  channels: number;
  /** the output layer, randomised alone by step 0 */
  head: string;
}

const CASES: Case[] = [
  {
    id: 'unet',
    load: () => createTrainedModel('unet', bundledArtifacts('unet')),
    channels: 1,
    head: 'logits',
  },
  {
    id: 'deeplab',
    load: () => createTrainedModel('deeplab', bundledArtifacts('deeplab')),
    channels: 1,
    head: 'classifier',
  },
  {
    id: 'selfie',
    load: () => createSelfieModel(bundledArtifacts('selfie')),
    channels: 3,
    head: 'segment',
  },
];

for (const c of CASES) {
  describe(`${c.id}: cascading randomisation of the weights`, () => {
    let model: SegmentationModel;
    let x: tf.Tensor4D;
    let original: number[];
    beforeAll(async () => {
      model = await c.load();
      const [h, w] = model.inputSize;
      x = tf.tidy(() =>
        tf.reshape(tf.div(tf.add(tf.sin(tf.mul(tf.range(0, h * w * c.channels), 0.013)), 1), 2), [1, h, w, c.channels]),
      ) as tf.Tensor4D;
      original = outputOf(model, x);
    });
    const randomizer = (seed: number): WeightRandomizer =>
      (model.randomizeWeights as (s: number) => WeightRandomizer)(seed);

    it('is available, with at most 8 steps from the output down, the output layer first, every layer once', () => {
      expect(model.randomizeWeights).toBeTypeOf('function');
      expect(model.sanityUnavailable).toBeUndefined();
      const r = randomizer(1);
      expect(r.steps.length).toBeGreaterThan(1);
      expect(r.steps.length).toBeLessThanOrEqual(MAX_RANDOMIZATION_STEPS);
      expect(r.steps[0]?.layers).toEqual([c.head]);
      const all = r.steps.flatMap((s) => s.layers);
      expect(new Set(all).size).toBe(all.length);
      r.dispose();
    });

    it('is seeded: the same seed gives the same outputs at every step, another seed other outputs', () => {
      const a = randomizer(7);
      const b = randomizer(7);
      const other = randomizer(8);
      for (const step of [0, a.steps.length - 1]) {
        const ya = a.run(step, () => outputOf(model, x));
        expect(b.run(step, () => outputOf(model, x))).toEqual(ya);
        expect(other.run(step, () => outputOf(model, x))).not.toEqual(ya);
        // randomised weights change the output
        expect(ya).not.toEqual(original);
      }
      [a, b, other].forEach((r) => r.dispose());
    });

    it(
      'leaves the original model bit-identical: after the first and the last ' +
        'step, after a throw inside a step, after dispose',
      () => {
        const r = randomizer(3);
        for (const s of [0, r.steps.length - 1]) {
          expect(r.run(s, () => outputOf(model, x))).not.toEqual(original);
          expect(outputOf(model, x)).toEqual(original);
        }
        expect(() =>
          r.run(1, () => {
            throw new Error('boom');
          }),
        ).toThrow('boom');
        expect(outputOf(model, x)).toEqual(original);
        r.dispose();
        expect(outputOf(model, x)).toEqual(original);
        expect(() => r.run(0, () => 0)).toThrow(/disposed/);
        if (model.maxBatch > 1) {
          // the batched path (the selfie model's second graph) is restored too
          const batch = tf.concat([x, x, x]) as tf.Tensor4D;
          const y = outputOf(model, batch);
          expect(y.slice(0, original.length)).toEqual(original);
          batch.dispose();
        }
      },
    );

    it('cascades: each step changes the output further from the original', () => {
      const r = randomizer(5);
      const outs = r.steps.map((_, s) => r.run(s, () => outputOf(model, x)));
      for (let s = 1; s < outs.length; s++) expect(outs[s]).not.toEqual(outs[s - 1]);
      r.dispose();
    });

    it('leaks no tensors: draws are freed on dispose, swaps hold nothing', () => {
      const before = tf.memory().numTensors;
      const r = randomizer(11);
      // inside a tidy too: the draws and the held originals must outlive it
      for (const s of [0, r.steps.length - 1]) tf.tidy(() => r.run(s, () => model.forward(x).dataSync()));
      r.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}

/** A graph with no weights to re-draw: Placeholder → AvgPool → Relu → ResizeBilinear (an int32 size constant). */
function weightlessGraph(): tf.io.ModelArtifacts {
  const s = (v: string) => ({ s: btoa(v) });
  const f32 = { type: 'DT_FLOAT' };
  const node = [
    {
      name: 'image',
      op: 'Placeholder',
      attr: { dtype: f32, shape: { shape: { dim: [{ size: '1' }, { size: '8' }, { size: '8' }, { size: '3' }] } } },
    },
    { name: 'size', op: 'Const', attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32' } } } },
    {
      name: 'feat',
      op: 'AvgPool',
      input: ['image'],
      attr: {
        T: f32,
        ksize: { list: { i: ['1', '2', '2', '1'] } },
        strides: { list: { i: ['1', '2', '2', '1'] } },
        padding: s('VALID'),
        data_format: s('NHWC'),
      },
    },
    { name: 'act', op: 'Relu', input: ['feat'], attr: { T: f32 } },
    {
      name: 'out',
      op: 'ResizeBilinear',
      input: ['act', 'size'],
      attr: { T: f32, align_corners: { b: false }, half_pixel_centers: { b: true } },
    },
  ];
  return {
    format: 'graph-model',
    modelTopology: { node, versions: { producer: 1 } },
    weightSpecs: [{ name: 'size', shape: [2], dtype: 'int32' }],
    weightData: Int32Array.from([8, 8]).buffer,
  };
}

describe('a custom model whose weights cannot be swapped', () => {
  it('says plainly why, and offers no randomiser', async () => {
    const m = await createCustomModel(
      weightlessGraph(),
      { inputRange: '0,1', outputKind: 'auto', outputIs: 'auto', classNames: [] },
      'weightless',
    );
    expect(m.randomizeWeights).toBeUndefined();
    expect(m.sanityUnavailable).toMatch(/not available: no weights of this graph feed a convolution/);
    m.dispose();
  });
});
