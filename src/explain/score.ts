import * as tf from '@tensorflow/tfjs-core';

/** S = Σ_{(i,j)∈M} Y^c_ij on logits [1, H, W, C] with the region M as a 0/1 [H, W] tensor. Returns a scalar. */
export function regionScore(logits: tf.Tensor4D, region: tf.Tensor2D, classIndex: number): tf.Scalar {
  return tf.tidy(() => {
    const [, h, w, c] = logits.shape;
    if (classIndex < 0 || classIndex >= c) throw new Error(`class ${classIndex} is outside the model's ${c} channels`);
    const channel = tf.reshape(tf.slice(logits, [0, 0, 0, classIndex], [1, h, w, 1]), [h, w]);
    return tf.sum(tf.mul(channel, region));
  });
}

/** S = Σ W ⊙ Y on logits [1, H, W, C] with target weights W of the same shape (docs/METHOD.md, "target weights"). */
export function weightedScore(logits: tf.Tensor4D, weights: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.mul(logits, weights)));
}
