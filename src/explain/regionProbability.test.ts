import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { classProbability, meanOverRegion } from './probability';
import { regionMeanProbability, regionMeanProbe } from './regionProbability';

beforeAll(useCpuBackend);

describe('regionMeanProbability', () => {
  it(
    'equals the mean over M of classProbability, for softmax and sigmoid, ' + 'both ways, and is 0 for an empty M',
    async () => {
      const scores = tf.tidy(() => tf.mul(tf.randomNormal([3, 5, 4, 3], 0, 1, 'float32', 7), 4)) as tf.Tensor4D;
      const region = Uint8Array.from({ length: 20 }, (_, i) => (i % 3 === 0 || i === 19 ? 1 : 0));
      for (const [kind, way] of [
        ['softmax', 'gather'],
        ['sigmoid', 'gather'],
        ['softmax', 'matmul'],
        ['sigmoid', 'matmul'],
      ] as const) {
        for (const c of [0, 2]) {
          const got = regionMeanProbability(scores, c, kind, region, way);
          const want = tf.tidy(() => meanOverRegion(classProbability(scores, c, kind), region));
          const [g, v] = [await got.data(), await want.data()];
          expect(g).toHaveLength(3);
          g.forEach((x, i) => expect(x).toBeCloseTo(v[i] as number, 6));
          [got, want].forEach((t) => t.dispose());
        }
      }
      const none = regionMeanProbability(scores, 1, 'softmax', new Uint8Array(20));
      expect(Array.from(await none.data())).toEqual([0, 0, 0]);
      none.dispose();
      const before = tf.memory().numTensors;
      regionMeanProbability(scores, 1, 'softmax', region, 'gather').dispose();
      regionMeanProbability(scores, 1, 'sigmoid', region, 'matmul').dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(() => regionMeanProbability(scores, 1, 'softmax', new Uint8Array(3))).toThrow(/3 cells/);
      scores.dispose();
    },
  );

  it('a probe made once equals regionMeanProbability per batch, refuses other shapes, leaks nothing', async () => {
    const region = Uint8Array.from({ length: 20 }, (_, i) => (i % 4 === 1 ? 1 : 0));
    const before = tf.memory().numTensors;
    for (const way of ['gather', 'matmul'] as const) {
      const probe = regionMeanProbe(2, 'softmax', region, [5, 4, 3], way);
      for (const [b, seed] of [
        [1, 3],
        [4, 9],
      ]) {
        const scores = tf.randomNormal([b as number, 5, 4, 3], 0, 2, 'float32', seed) as tf.Tensor4D;
        const [got, want] = [probe.of(scores), regionMeanProbability(scores, 2, 'softmax', region, way)];
        expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
        [got, want, scores].forEach((t) => t.dispose());
      }
      const other = tf.zeros([1, 5, 4, 2]) as tf.Tensor4D;
      expect(() => probe.of(other)).toThrow(/5×4×2/);
      other.dispose();
      probe.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
