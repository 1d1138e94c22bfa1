import * as tf from '@tensorflow/tfjs-core';

/** HiResCAM: ReLU(Σ_k G_k ⊙ A_k), every cell keeps its own gradient. A and G are [h, w, K]; returns [h, w]. */
export function hiResCam(activations: tf.Tensor3D, gradients: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => tf.relu(tf.sum(tf.mul(activations, gradients), -1)) as tf.Tensor2D);
}
