import * as tf from '@tensorflow/tfjs-core';
import { blend, makeBaseline } from '../../explain/baseline';
import { meanOverRegion } from '../../explain/probability';
import type { ForwardContext, MethodJob } from '../types';

/** H_k = min-max(bilinear-up(A_k)) for channels [from, from + n), as masks [n, H, W, 1]. */
export function channelMasks(
  activations: tf.Tensor3D,
  from: number,
  n: number,
  size: readonly [number, number],
): tf.Tensor4D {
  return tf.tidy(() => {
    const [h, w] = activations.shape;
    const channels = tf.transpose(tf.slice(activations, [0, 0, from], [h, w, n]), [2, 0, 1]);
    const up = tf.image.resizeBilinear(
      tf.reshape(channels, [n, h, w, 1]) as tf.Tensor4D,
      [size[0], size[1]],
      false,
      true,
    );
    const lo = tf.min(up, [1, 2, 3], true);
    const hi = tf.max(up, [1, 2, 3], true);
    return tf.div(tf.sub(up, lo), tf.add(tf.sub(hi, lo), 1e-7)) as tf.Tensor4D;
  });
}

/**
 * Score-CAM (docs/METHOD.md): x_k = b + H_k ⊙ (x − b); s_k = mean over M of the class-c probability on x_k minus the
 * same on b alone; map = ReLU(Σ_k s_k A_k). K forward passes in batches, with progress and cancel.
 */
async function run(ctx: ForwardContext): Promise<{ map: tf.Tensor2D; reused: boolean }> {
  const activations = ctx.activations;
  if (!activations) throw new Error('Score-CAM needs the layer activations.');
  const k = activations.shape[2];
  const [, H, W] = ctx.input.shape;
  const { classIndex, region } = ctx.target;
  const confidence = (batch: tf.Tensor4D): Float32Array => {
    const scores = ctx.scores(batch);
    try {
      return tf.tidy(() => meanOverRegion(ctx.probability(scores, classIndex), region).dataSync() as Float32Array);
    } finally {
      scores.dispose();
    }
  };
  const baseline = makeBaseline(ctx.input, ctx.baseline);
  const weights = new Float32Array(k);
  try {
    const base = confidence(baseline)[0] as number;
    for (let from = 0; from < k;) {
      await ctx.checkpoint();
      const n = Math.min(ctx.batchSize, k - from);
      const masks = channelMasks(activations, from, n, [H, W]);
      const batch = blend(ctx.input, baseline, masks);
      masks.dispose();
      const conf = (() => {
        try {
          return confidence(batch);
        } finally {
          batch.dispose();
        }
      })();
      conf.forEach((c, i) => (weights[from + i] = c - base));
      from += n;
      ctx.progress(from, k, () => weightedSum(activations, weights));
    }
  } finally {
    baseline.dispose();
  }
  return { map: weightedSum(activations, weights), reused: false };
}

/** ReLU(Σ_k s_k A_k), [h, w]. */
export function weightedSum(activations: tf.Tensor3D, weights: Float32Array): tf.Tensor2D {
  return tf.tidy(() => tf.relu(tf.sum(tf.mul(activations, tf.tensor1d(weights)), -1)) as tf.Tensor2D);
}

export const job: MethodJob<unknown> = { run };
