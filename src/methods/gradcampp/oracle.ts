import * as tf from '@tensorflow/tfjs-core';
import type { GradientOracle } from '../types';

/** ε in the denominator of α, as pytorch-grad-cam. */
export const GRADCAMPP_EPSILON = 1e-6;

/**
 * Grad-CAM++ (eq. 19, as pytorch-grad-cam): α = G² / (2G² + (Σ_{h,w} A_k)·G³ + ε), α = 0 where G = 0;
 * w_k = Σ_{h,w} ReLU(G_k)·α_k; map = ReLU(Σ_k w_k A_k). A and G are [h, w, K]; returns [h, w].
 */
export function gradCamPlusPlus(activations: tf.Tensor3D, gradients: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const g2 = tf.square(gradients);
    const g3 = tf.mul(g2, gradients);
    const sumA = tf.sum(activations, [0, 1]);
    const alpha = tf.div(g2, tf.add(tf.add(tf.mul(g2, 2), tf.mul(sumA, g3)), GRADCAMPP_EPSILON));
    const alphaMasked = tf.where(tf.notEqual(gradients, 0), alpha, tf.zerosLike(alpha));
    const weights = tf.sum(tf.mul(tf.relu(gradients), alphaMasked), [0, 1]);
    return tf.relu(tf.sum(tf.mul(activations, weights), -1)) as tf.Tensor2D;
  });
}

export const oracle: GradientOracle<unknown> = {
  combine: (a, g) => gradCamPlusPlus(a, g),
};
