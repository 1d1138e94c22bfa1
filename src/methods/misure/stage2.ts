import * as tf from '@tensorflow/tfjs-core';
import { blend } from '../../explain/baseline';
import { INITIAL_LOGIT, maskOf, misureLoss, type LossTerms, type LossWeights } from './loss';

/** Adam's constants (Kingma & Ba 2015 defaults); the learning rate is docs/METHOD.md's 0.1. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, learningRate: 0.1 } as const;

/** Everything the stage-2 loss of θ depends on; the tensors stay the caller's. */
export interface Objective {
  input: tf.Tensor4D;
  baseline: tf.Tensor4D;
  /** 1_SR on the input grid [H, W] */
  sufficient: tf.Tensor2D;
  /** t = 1_T and 1_M on the output grid [Ho, Wo] */
  target: tf.Tensor2D;
  region: tf.Tensor2D;
  /** the class-c probability [Ho, Wo] of one image [1, H, W, C], differentiable in the image */
  probability: (image: tf.Tensor4D) => tf.Tensor2D;
  weights: LossWeights;
}

/** L(θ) for coarse logits θ [h, w]: the blended image through the network, then misureLoss. */
export function lossOf(o: Objective, theta: tf.Tensor2D): LossTerms {
  return tf.tidy(() => {
    const [H, W] = o.sufficient.shape;
    const mask = maskOf(theta, o.sufficient);
    const image = blend(o.input, o.baseline, tf.reshape(mask, [1, H, W, 1]) as tf.Tensor4D);
    return misureLoss(o.probability(image), o.target, o.region, mask, tf.sigmoid(theta) as tf.Tensor2D, o.weights);
  });
}

/** θ₀ = INITIAL_LOGIT on the coarse grid [h, w]. */
export const initialLogits = (grid: readonly [number, number]): tf.Tensor2D =>
  tf.fill([grid[0], grid[1]], INITIAL_LOGIT) as tf.Tensor2D;

export interface StepHooks {
  /** before each step: lets cancel in, throws AbortError once aborted; `longer` warns of a longer batch ahead */
  checkpoint: (next?: { longer?: boolean }) => Promise<void>;
  /** after step i (1-based) with the current θ (the caller must not keep it) */
  onStep: (step: number, theta: tf.Tensor2D) => void;
}

/** Stage 2: `steps` Adam steps on θ from θ₀; returns the final θ (the caller disposes it). */
export async function optimiseMask(
  o: Objective,
  theta0: tf.Tensor2D,
  steps: number,
  hooks: StepHooks,
): Promise<tf.Tensor2D> {
  const { beta1, beta2, epsilon, learningRate } = ADAM;
  let theta = tf.clone(theta0);
  let m: tf.Tensor2D = tf.zerosLike(theta);
  let v: tf.Tensor2D = tf.zerosLike(theta);
  const gradient = tf.grad((t: tf.Tensor) => lossOf(o, t as tf.Tensor2D).total);
  try {
    for (let step = 1; step <= steps; step++) {
      // The first step is the job's first backward pass: far longer than stage 1's forward-only batches.
      await hooks.checkpoint(step === 1 ? { longer: true } : undefined);
      const next = tf.tidy(() => {
        const g = gradient(theta) as tf.Tensor2D;
        const m1 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        const mHat = tf.div(m1, 1 - beta1 ** step);
        const vHat = tf.div(v1, 1 - beta2 ** step);
        const t1 = tf.sub(theta, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), learningRate));
        return { m1, v1, t1 };
      });
      tf.dispose([theta, m, v]);
      theta = next.t1 as tf.Tensor2D;
      m = next.m1 as tf.Tensor2D;
      v = next.v1 as tf.Tensor2D;
      hooks.onStep(step, theta);
    }
    return theta;
  } catch (e) {
    theta.dispose();
    throw e;
  } finally {
    tf.dispose([m, v]);
  }
}
