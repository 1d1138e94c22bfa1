import * as tf from '@tensorflow/tfjs-core';
import type { GradientOracle } from '../types';

/** Seg-Grad-CAM: ReLU(Σ_k mean_{h,w}(G_k) · A_k). A and G are [h, w, K]; returns [h, w]. */
export function segGradCam(activations: tf.Tensor3D, gradients: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const alpha = tf.mean(gradients, [0, 1]);
    return tf.relu(tf.sum(tf.mul(activations, alpha), -1)) as tf.Tensor2D;
  });
}

export const oracle: GradientOracle<unknown> = {
  combine: (a, g) => segGradCam(a, g),
};
