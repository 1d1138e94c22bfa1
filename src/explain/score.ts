import * as tf from '@tensorflow/tfjs-core';
import type { ExplainTarget } from './target';

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

/**
 * W as a [1, H, W, C] tensor for `weightedScore`, built on the backend from the target's channels (each [H, W]
 * times a one-hot over C): only H·W numbers per channel leave JavaScript, the same values as the dense array.
 */
export function weightsTensor(target: ExplainTarget, [height, width]: readonly [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const parts = target.channels.map(({ cls, weights }) => {
      const hot = new Float32Array(target.numClasses);
      hot[cls] = 1;
      return tf.mul(tf.tensor4d(weights, [1, height, width, 1]), tf.tensor4d(hot, [1, 1, 1, target.numClasses]));
    });
    const zero = () => tf.zeros([1, height, width, target.numClasses]);
    return (parts.length ? tf.addN(parts) : zero()) as tf.Tensor4D;
  });
}
