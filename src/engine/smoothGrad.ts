import * as tf from '@tensorflow/tfjs-core';
import { gradientsOfScore, type ActivationGradients } from '../explain/activationGradients';
import { noiseSigma, noisyCopy } from '../explain/metrics/robustness';
import { weightedScore } from '../explain/score';
import type { SegmentationModel } from '../model/types';

export interface SmoothContext {
  model: SegmentationModel;
  input: tf.Tensor4D;
  layer: string;
  /** the target's weights W [1, H, W, C] */
  weights: tf.Tensor4D;
  /** noisy copies averaged; ≤ 1 = one pass on the clean image */
  copies: number;
  /** σ as a share of the image's value range; 0 = one pass on the clean image */
  sigma: number;
  seed: number;
  /** between copies: lets a cancel in, then throws if aborted */
  checkpoint(): Promise<void>;
  /** counts one forward + backward pass */
  counted(): void;
}

/** A and G at the layer for one input: one forward + backward pass. The caller owns the returned tensors. */
export function onePass(model: SegmentationModel, x: tf.Tensor4D, layer: string, weights: tf.Tensor4D) {
  const a = model.runToLayer(x, layer);
  try {
    return gradientsOfScore(
      (t) => model.runFromLayer(x, layer, t),
      a,
      (y) => weightedScore(y, weights),
    );
  } finally {
    a.dispose();
  }
}

/**
 * SmoothGrad on A and G (docs/METHOD.md, "SmoothGrad"; Smilkov et al. 2017): the mean of A, of G and of the score
 * over `copies` passes on x + N(0, σ²), seeded per copy like the robustness read-out's draws. With one copy or σ = 0
 * it is the plain pass (every copy would be the clean image). Cancellable between copies; frees every tensor it
 * makes but the result, on cancel and on error too.
 */
export async function smoothGradients(ctx: SmoothContext): Promise<ActivationGradients> {
  const { model, input, layer, weights, copies } = ctx;
  const pixels = copies > 1 && ctx.sigma > 0 ? input.dataSync() : null;
  const sigma = pixels ? noiseSigma(pixels, ctx.sigma) : 0;
  if (!pixels || sigma === 0) {
    ctx.counted();
    return onePass(model, input, layer, weights);
  }
  // Running sums of A and G (a holder: the finally block frees whatever it holds).
  const sum: { a?: tf.Tensor3D; g?: tf.Tensor3D } = {};
  let score = 0;
  try {
    for (let k = 1; k <= copies; k++) {
      await ctx.checkpoint();
      ctx.counted();
      const x = tf.tensor4d(noisyCopy(pixels, sigma, ctx.seed, k), input.shape);
      let pass: ActivationGradients;
      try {
        pass = onePass(model, x, layer, weights);
      } finally {
        x.dispose();
      }
      score += pass.score;
      const { a, g } = sum;
      sum.a = a ? (tf.add(a, pass.activations) as tf.Tensor3D) : pass.activations;
      sum.g = g ? (tf.add(g, pass.gradients) as tf.Tensor3D) : pass.gradients;
      if (a && g) tf.dispose([a, g, pass.activations, pass.gradients]);
    }
    const { a, g } = sum as Required<typeof sum>;
    return {
      activations: tf.tidy(() => tf.div(a, copies) as tf.Tensor3D),
      gradients: tf.tidy(() => tf.div(g, copies) as tf.Tensor3D),
      score: score / copies,
    };
  } finally {
    tf.dispose([sum.a, sum.g].filter((t): t is tf.Tensor3D => t !== undefined));
  }
}
