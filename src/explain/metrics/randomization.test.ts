import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cascadingRandomization, meanAndStd, randomizedLike, seededNormal } from './randomization';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

// A toy "model" from the output downward: a head kernel and bias, a 3×3 conv kernel, a wide dense kernel.
const weights = () => [
  [
    tf.tensor2d([
      [0.5, -0.25],
      [1, 2],
    ]),
    tf.tensor1d([0.1, -0.3]),
  ],
  tf.tensor4d(seededNormal(3 * 3 * 4 * 8, 'conv', 0.2, 0.05), [3, 3, 4, 8]),
  tf.tensor2d(seededNormal(100 * 100, 'dense', 2, 0.3), [100, 100]),
];
const all = (w: ReturnType<typeof weights>) => w.flat();
const draw = (w: readonly (tf.Tensor | readonly tf.Tensor[])[], seed: number) =>
  Array.from(cascadingRandomization(w, seed));

describe('cascading parameter randomisation', () => {
  it('yields one step per entry, output first, with the same shapes and dtype', () => {
    const steps = draw(weights(), 1);
    expect(steps.map((s) => s.step)).toEqual([0, 1, 2]);
    expect(steps.map((s) => s.tensors.map((t) => t.shape))).toEqual([[[2, 2], [2]], [[3, 3, 4, 8]], [[100, 100]]]);
    expect(steps.flatMap((s) => s.tensors.map((t) => t.dtype))).toEqual(['float32', 'float32', 'float32', 'float32']);
  });

  it('is seeded: the same seed gives bit-identical weights, another seed other weights', () => {
    const w = weights();
    const a = draw(w, 42).flatMap((s) => s.tensors.map((t) => Array.from(t.dataSync())));
    const b = draw(w, 42).flatMap((s) => s.tensors.map((t) => Array.from(t.dataSync())));
    const c = draw(w, 43).flatMap((s) => s.tensors.map((t) => Array.from(t.dataSync())));
    expect(b).toEqual(a);
    a.forEach((values, i) => expect(c[i]).not.toEqual(values));
  });

  it('draws each tensor from (seed, step, index) only: other entries do not change it', () => {
    const w = weights();
    const other = [tf.ones([7]), w[1] as tf.Tensor, w[2] as tf.Tensor];
    const a = draw(w, 5)[2]!.tensors[0]!.dataSync();
    const b = draw(other, 5)[2]!.tensors[0]!.dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(randomizedLike(w[2] as tf.Tensor, 5, 2, 0).dataSync())).toEqual(Array.from(a));
  });

  it('draws from N(0, σ²) with each tensor\'s own σ (or N(μ, σ²) with center "own")', () => {
    const dense = weights()[2] as tf.Tensor;
    const own = meanAndStd(dense.dataSync());
    expect(own.mean).toBeCloseTo(2, 1);
    expect(own.std).toBeCloseTo(0.3, 2);
    const zero = meanAndStd(randomizedLike(dense, 9, 0).dataSync());
    expect(Math.abs(zero.mean)).toBeLessThan(0.01);
    expect(zero.std / own.std).toBeCloseTo(1, 1);
    expect(Math.abs(zero.std / own.std - 1)).toBeLessThan(0.03);
    const centred = meanAndStd(randomizedLike(dense, 9, 0, 0, { center: 'own' }).dataSync());
    expect(centred.mean).toBeCloseTo(own.mean, 1);
    expect(Math.abs(centred.std / own.std - 1)).toBeLessThan(0.03);
    // a constant tensor has σ = 0: it becomes 0 (or stays itself with center "own")
    expect(Array.from(randomizedLike(tf.fill([3], 1), 1, 0).dataSync())).toEqual([0, 0, 0]);
    expect(Array.from(randomizedLike(tf.fill([3], 1), 1, 0, 0, { center: 'own' }).dataSync())).toEqual([1, 1, 1]);
  });

  it('meanAndStd is the population mean and std, by hand', () => {
    expect(meanAndStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(1.25) });
  });

  it('leaves the input tensors untouched and undisposed', () => {
    const w = weights();
    const copies = all(w).map((t) => Array.from(t.dataSync()));
    draw(w, 3).forEach((s) => s.tensors.forEach((t) => t.dispose()));
    expect(all(w).map((t) => t.isDisposed)).toEqual([false, false, false, false]);
    expect(all(w).map((t) => Array.from(t.dataSync()))).toEqual(copies);
  });

  it('refuses non-float weights', () => {
    expect(() => randomizedLike(tf.tensor1d([1, 2], 'int32'), 1, 0)).toThrow(/float32/);
  });

  it('leaks no tensors: the caller disposes what it is given, and a refused step frees its partial draws', () => {
    const w = weights();
    const before = tf.memory().numTensors;
    for (const s of cascadingRandomization(w, 7)) s.tensors.forEach((t) => t.dispose());
    const bad = [[tf.ones([4]), tf.tensor1d([1], 'int32')]];
    const afterBad = tf.memory().numTensors;
    expect(() => Array.from(cascadingRandomization(bad, 7))).toThrow(/float32/);
    expect(tf.memory().numTensors).toBe(afterBad);
    bad.flat().forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
