import * as tf from '@tensorflow/tfjs-core';
import type { GradientOracle } from '../types';

/** LayerCAM: ReLU(Σ_k ReLU(G_k) ⊙ A_k). A and G are [h, w, K]; returns [h, w]. */
export function layerCam(activations: tf.Tensor3D, gradients: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => tf.relu(tf.sum(tf.mul(tf.relu(gradients), activations), -1)) as tf.Tensor2D);
}

export const oracle: GradientOracle<unknown> = {
  combine: (a, g) => layerCam(a, g),
};
