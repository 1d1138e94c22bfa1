import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { registerGradientFixes } from '../../explain/gradientFixes';
import { classProbability } from '../../explain/probability';
import type { ExplainTarget } from '../../explain/target';
import type { ForwardContext } from '../types';
import { job, outputGrid } from './job';
import { LEVELS } from './levels';
import { STAGE1_CANDIDATES } from './stage1';

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

const N = 16;
// Toy network with context: class 1's logit = 8 · (zero-padded 5×5 box mean of the grey) − 2, so a pixel is class 1
// when more than a quarter of its 5×5 neighbourhood is bright. One bright pixel alone is not enough (0.9/25 < 0.25).
const toyScores = (batch: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => {
    const box = tf.div(tf.conv2d(batch, tf.ones([5, 5, 1, 1]) as tf.Tensor4D, 1, 'same'), 25);
    const logit = tf.sub(tf.mul(box, 8), 2);
    return tf.concat([tf.zerosLike(logit), logit], -1) as tf.Tensor4D;
  });
const toyLabels = (batch: tf.Tensor4D): Uint8Array[] =>
  tf.tidy(() => {
    const labels = tf.argMax(toyScores(batch), -1);
    return tf.unstack(labels).map((l) => Uint8Array.from(l.dataSync()));
  });
// A bright disc of radius 5 (0.9) on a dark ground (0.05).
const image = () =>
  tf.tensor4d(
    Float32Array.from({ length: N * N }, (_, i) => (Math.hypot((i % N) - 8, Math.floor(i / N) - 8) < 5 ? 0.9 : 0.05)),
    [1, N, N, 1],
  );

/** A point region at the disc's centre, explained for class 1, with a black baseline. */
function context(over: Partial<ForwardContext> = {}): ForwardContext & { passes: number; seen: number[] } {
  const input = over.input ?? image();
  const labels = toyLabels(input)[0] as Uint8Array;
  const region = new Uint8Array(N * N);
  region[8 * N + 8] = 1;
  const target: ExplainTarget = {
    classIndex: 1,
    region,
    labels,
    channels: [],
    numClasses: 2,
    removedByClass: 0,
  };
  const ctx = {
    passes: 0,
    seen: [] as number[],
    input,
    target,
    baseline: 'black' as const,
    activations: null,
    batchSize: 4,
    labelsBatchSize: 4,
    labelsInFlight: 1,
    signal: new AbortController().signal,
    scores: (b: tf.Tensor4D) => {
      ctx.passes += b.shape[0];
      return toyScores(b);
    },
    probability: (s: tf.Tensor4D, c: number) => classProbability(s, c, 'softmax'),
    labels: async (b: tf.Tensor4D) => {
      ctx.passes += b.shape[0];
      return toyLabels(b);
    },
    checkpoint: async () => undefined,
    progress: (done: number) => void ctx.seen.push(done),
    cache: new Map(),
    ...over,
  };
  return ctx;
}

const SETTINGS = { threshold: 0.9, l1: 1, tv: 0.2, steps: 40, resolution: 8 };

describe('MiSuRe job on a toy network', () => {
  it('stage 1 grows the one-pixel seed to radius 1 (9 bright pixels: 8·0.324 − 2 > 0), by hand', async () => {
    const ctx = context();
    expect(ctx.target.labels[8 * N + 8]).toBe(1);
    const { map, regions } = await job.run(ctx, { ...SETTINGS, steps: 1 });
    map.dispose();
    // Radius 0: one bright pixel, box mean 0.9/25 + 0 → logit < 0, Dice 0. Radius 1: 3×3 = 9 pixels, Dice 1.
    expect(regions?.sufficient.radius).toBe(1);
    expect(regions?.sufficient.kept).toBeCloseTo(9 / 256, 6);
    expect(regions?.sufficient.dice).toBe(1);
    expect(regions?.sufficient.reached).toBe(true);
    const outline = Array.from(regions?.sufficient.mask ?? []);
    expect(outline.reduce((s, v) => s + v, 0)).toBe(9);
    [7, 8, 9].forEach((r) => [7, 8, 9].forEach((c) => expect(outline[r * N + c]).toBe(1)));
  });

  it('stage 2 converges to a mask inside the sufficient region whose Dice reaches the threshold', async () => {
    const ctx = context({ target: { ...context().target, region: context().target.labels.slice() } });
    const { map, regions } = await job.run(ctx, SETTINGS);
    const m = map.dataSync();
    map.dispose();
    expect(regions?.minimal.dice).toBeGreaterThanOrEqual(SETTINGS.threshold);
    expect(regions?.minimal.kept).toBeGreaterThan(0);
    // It shrank (0.223 against 0.395 of the image on this toy) and stayed inside the sufficient region.
    expect(regions?.minimal.kept).toBeLessThan(regions?.sufficient.kept ?? 0);
    // Nothing outside the sufficient region: the map is 1_SR ⊙ Up(σ(θ)).
    const sr = regions?.sufficient.mask ?? new Uint8Array();
    expect(Array.from(m).every((v, i) => sr[i] === 1 || v === 0)).toBe(true);
    // Progress: stage 1's candidates (stopped early, counted as done), then every step, in one total.
    const steps = Array.from({ length: 40 }, (_, i) => STAGE1_CANDIDATES + i + 1);
    const seen = ctx.seen.slice(0, 41);
    expect(seen).toEqual([STAGE1_CANDIDATES, ...steps]);
    // Then the binarisation's levels, in batches of 4, up to the total once one reaches τ.
    const levels = ctx.seen.slice(41);
    expect(levels.at(-1)).toBe(STAGE1_CANDIDATES + 40 + LEVELS);
    expect(levels.every((d, i) => i === 0 || d > (levels[i - 1] as number))).toBe(true);
  });

  it('refuses a region where the class is not predicted, with a clear message', async () => {
    const ctx = context();
    const corner = new Uint8Array(N * N);
    corner[0] = 1;
    await expect(job.run(context({ target: { ...ctx.target, region: corner } }), SETTINGS)).rejects.toThrow(
      /class predicted in the region/,
    );
  });

  it('stops with AbortError when cancelled between steps, and leaks no tensors on any path', async () => {
    const ctx = context();
    const ctrl = new AbortController();
    const cancelled = context({
      input: ctx.input,
      signal: ctrl.signal,
      checkpoint: async () => {
        if (ctrl.signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      },
      progress: (done) => done > STAGE1_CANDIDATES + 2 && ctrl.abort(),
    });
    const before = tf.memory().numTensors; // context() allocated its own input
    await expect(job.run(cancelled, SETTINGS)).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
    const done = await job.run(ctx, { ...SETTINGS, steps: 3 });
    done.map.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const corner = new Uint8Array(N * N);
    corner[0] = 1;
    await expect(
      job.run(context({ input: ctx.input, target: { ...ctx.target, region: corner } }), SETTINGS),
    ).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the output grid follows the labels and the input aspect, and refuses what cannot fit', () => {
    expect(outputGrid(256, [16, 16])).toEqual([16, 16]);
    expect(outputGrid(32, [64, 128])).toEqual([4, 8]);
    expect(() => outputGrid(31, [16, 16])).toThrow(/31 output cells/);
  });
});
