import * as tf from '@tensorflow/tfjs-core';

// MiSuRe's stage-2 objective (docs/METHOD.md, "MiSuRe"): pure functions on tensors, differentiable end to end.

/** θ₀ everywhere: σ(1) ≈ 0.73, above the binarisation at 0.5 (m₀ binarised is the sufficient region) yet near it. */
export const INITIAL_LOGIT = 1;
/** Smoothing of the soft Dice: keeps it defined and differentiable when p and t are both ~0. */
const DICE_SMOOTH = 1;

export interface LossWeights {
  /** τ: the Dice term is the hinge max(0, τ − D_soft / D₀), so that once sufficient only the area and TV terms act */
  threshold: number;
  /** D₀: the soft Dice on the original image (a confident model's is near 1; an unsure one's lower) */
  reference: number;
  /** λ₁, on the mean of the mask (the share of the image kept) */
  l1: number;
  /** λ_TV, on the total variation of the coarse mask */
  tv: number;
}

/** The coarse grid: n cells along the longer side of [H, W], the shorter side in proportion (at least 1). */
export function coarseGrid(size: readonly [number, number], n: number): [number, number] {
  const [h, w] = size;
  const long = Math.max(h, w);
  return [Math.max(1, Math.round((n * h) / long)), Math.max(1, Math.round((n * w) / long))];
}

/** m(θ) = 1_SR ⊙ Up(σ(θ)): the coarse logits θ [h, w] as a mask [H, W] inside the sufficient region [H, W]. */
export function maskOf(theta: tf.Tensor2D, sufficient: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [h, w] = theta.shape;
    const [H, W] = sufficient.shape;
    const coarse = tf.reshape(tf.sigmoid(theta), [1, h, w, 1]) as tf.Tensor4D;
    const up = tf.reshape(tf.image.resizeBilinear(coarse, [H, W], false, true), [H, W]);
    return tf.mul(up, sufficient) as tf.Tensor2D;
  });
}

/** D_soft = (2 Σ_M p·t + 1) / (Σ_M p + Σ_M t + 1): probability p, target t and region M, all [Ho, Wo]. */
export function softDice(prob: tf.Tensor2D, target: tf.Tensor2D, region: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.mul(prob, region);
    const t = tf.mul(target, region);
    const overlap = tf.mul(tf.sum(tf.mul(p, t)), 2);
    return tf.div(tf.add(overlap, DICE_SMOOTH), tf.add(tf.add(tf.sum(p), tf.sum(t)), DICE_SMOOTH)) as tf.Scalar;
  });
}

/** Anisotropic L1 total variation, averaged over the differences: (Σ|Δ_rows| + Σ|Δ_cols|) / count (0 for 1×1). */
export function totalVariation(a: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [h, w] = a.shape;
    const count = (h - 1) * w + h * (w - 1);
    if (count === 0) return tf.scalar(0);
    let sum = tf.scalar(0);
    if (h > 1)
      sum = tf.add(sum, tf.sum(tf.abs(tf.sub(tf.slice(a, [1, 0], [h - 1, w]), tf.slice(a, [0, 0], [h - 1, w])))));
    if (w > 1)
      sum = tf.add(sum, tf.sum(tf.abs(tf.sub(tf.slice(a, [0, 1], [h, w - 1]), tf.slice(a, [0, 0], [h, w - 1])))));
    return tf.div(sum, count) as tf.Scalar;
  });
}

// A type, not an interface: tf.tidy returns it (a TensorContainer needs the implicit index signature).
export type LossTerms = { total: tf.Scalar; dice: tf.Scalar };

/**
 * L = max(0, τ − D_soft(p, t; M) / D₀) + λ₁ · mean(m) + λ_TV · TV(σ(θ)), from the class-c probability p on the
 * blended image, the mask m [H, W] and the coarse mask σ(θ) [h, w].
 */
export function misureLoss(
  prob: tf.Tensor2D,
  target: tf.Tensor2D,
  region: tf.Tensor2D,
  mask: tf.Tensor2D,
  coarse: tf.Tensor2D,
  weights: LossWeights,
): LossTerms {
  return tf.tidy(() => {
    const dice = softDice(prob, target, region);
    const l1 = tf.mul(tf.mean(mask), weights.l1);
    const tv = tf.mul(totalVariation(coarse), weights.tv);
    const short = tf.relu(tf.sub(weights.threshold, tf.div(dice, weights.reference)));
    return { total: tf.add(tf.add(short, l1), tv) as tf.Scalar, dice };
  });
}
