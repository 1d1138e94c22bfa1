import * as tf from '@tensorflow/tfjs-core';
import { poolGradients, type WindowPoolOptions } from '../../explain/windowPool';

/** Seg-XRes-CAM: ReLU(Σ_k Up[Pool_{p×q}(G_k)] ⊙ A_k). Window 1×1 is HiResCAM; h×w with mean is Seg-Grad-CAM. */
export function segXResCam(activations: tf.Tensor3D, gradients: tf.Tensor3D, opts: WindowPoolOptions): tf.Tensor2D {
  return tf.tidy(() => {
    const pooled = poolGradients(gradients, opts);
    return tf.relu(tf.sum(tf.mul(activations, pooled), -1)) as tf.Tensor2D;
  });
}
