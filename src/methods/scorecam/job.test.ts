import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { classProbability } from '../../explain/probability';
import type { ExplainTarget } from '../../explain/target';
import type { ForwardContext } from '../types';
import { channelMasks, job } from './job';

beforeAll(useCpuBackend);

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
// Toy model on a 4×4 grey image: class 1's logit is 10·(mean of the top-left 2×2 quadrant) − 5, class 0's is 0.
const toyScores = (batch: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => {
    const q = tf.mean(tf.slice(batch, [0, 0, 0, 0], [-1, 2, 2, 1]), [1, 2, 3]);
    const logit = tf.sub(tf.mul(q, 10), 5);
    const one = tf.broadcastTo(tf.reshape(logit, [-1, 1, 1, 1]), [batch.shape[0], 4, 4, 1]);
    return tf.concat([tf.zerosLike(one), one], -1) as tf.Tensor4D;
  });
const target: ExplainTarget = {
  classIndex: 1,
  region: new Uint8Array(16).fill(1),
  labels: new Uint8Array(16),
  channels: [],
  numClasses: 2,
  removedByClass: 0,
};
// Channel 0 lights the top-left cell of a 2×2 layer, channel 1 the bottom-right one.
const activations = () =>
  tf.stack(
    [
      tf.tensor2d([
        [1, 0],
        [0, 0],
      ]),
      tf.tensor2d([
        [0, 0],
        [0, 1],
      ]),
    ],
    2,
  ) as tf.Tensor3D;

function context(over: Partial<ForwardContext> = {}): ForwardContext & { passes: number; seen: number[] } {
  const ctx = {
    passes: 0,
    seen: [] as number[],
    input: tf.ones([1, 4, 4, 1]) as tf.Tensor4D,
    target,
    baseline: 'black' as const,
    activations: activations(),
    batchSize: 1,
    labelsBatchSize: 1,
    labelsInFlight: 1,
    signal: new AbortController().signal,
    scores: (b: tf.Tensor4D) => {
      ctx.passes += b.shape[0];
      return toyScores(b);
    },
    probability: (s: tf.Tensor4D, c: number) => classProbability(s, c, 'softmax'),
    labels: async () => [],
    checkpoint: async () => undefined,
    progress: (done: number) => void ctx.seen.push(done),
    cache: new Map(),
    ...over,
  };
  return ctx;
}

describe('Score-CAM', () => {
  it('upsampled channels are min-max masks (bilinear, half-pixel centres: 1, 0.75, 0.25, 0 along a side)', () => {
    const m = tf.reshape(channelMasks(activations(), 0, 1, [4, 4]), [4, 4]).arraySync() as number[][];
    const side = [1, 0.75, 0.25, 0];
    m.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo((side[i] as number) * (side[j] as number), 5)));
  });

  it('weights each channel by the confidence it adds over the baseline, by hand on a toy model', async () => {
    const ctx = context();
    const { map } = await job.run(ctx, {});
    // x_k = H_k on a black baseline. Top-left quadrant means: H_0 → (1 + .75 + .75 + .5625)/4, H_1 → .0625/4.
    const base = sigmoid(-5);
    const s0 = sigmoid(10 * (3.0625 / 4) - 5) - base;
    const s1 = sigmoid(10 * (0.0625 / 4) - 5) - base;
    const got = map.arraySync().flat();
    [s0, 0, 0, s1].forEach((want, i) => expect(got[i]).toBeCloseTo(want, 5));
    expect(ctx.passes).toBe(3); // the baseline, then one pass per channel
    expect(ctx.seen).toEqual([1, 2]);
  });

  it('stops with AbortError when cancelled between batches, and leaks no tensors', async () => {
    const ctx = context();
    const ctrl = new AbortController();
    const cancelled = context({
      input: ctx.input,
      activations: ctx.activations,
      signal: ctrl.signal,
      checkpoint: async () => {
        if (ctrl.signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      },
      progress: () => ctrl.abort(),
    });
    const after = tf.memory().numTensors; // context() allocated its own input and activations
    await expect(job.run(cancelled, {})).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(after);
    (await job.run(ctx, {})).map.dispose();
    expect(tf.memory().numTensors).toBe(after);
  });
});
