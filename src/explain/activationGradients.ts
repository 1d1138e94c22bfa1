import * as tf from '@tensorflow/tfjs-core';
import { regionScore } from './score';

/** The network from the chosen layer on: activations A [1, h, w, K] → logits [1, H, W, C]. */
export type FromLayer = (activations: tf.Tensor4D) => tf.Tensor4D;

export interface ActivationGradients {
  /** A, [h, w, K] */
  activations: tf.Tensor3D;
  /** G = ∂S/∂A, [h, w, K] */
  gradients: tf.Tensor3D;
  /** S, the explained score on logits */
  score: number;
}

/**
 * Back-propagates a score of the logits to the activations of the chosen layer. The caller owns the returned tensors.
 */
export function gradientsOfScore(
  fromLayer: FromLayer,
  activations: tf.Tensor4D,
  score: (logits: tf.Tensor4D) => tf.Scalar,
): ActivationGradients {
  const { value, grad } = tf.valueAndGrad((a: tf.Tensor4D) => score(fromLayer(a)))(activations);
  const [, h, w, k] = activations.shape;
  const result = {
    activations: tf.reshape(activations, [h, w, k]) as tf.Tensor3D,
    gradients: tf.reshape(grad, [h, w, k]) as tf.Tensor3D,
    score: value.dataSync()[0] as number,
  };
  value.dispose();
  grad.dispose();
  return result;
}

/** Back-propagates the region score S = Σ_M Y^c to the activations of the chosen layer. */
export function activationGradients(
  fromLayer: FromLayer,
  activations: tf.Tensor4D,
  region: tf.Tensor2D,
  classIndex: number,
): ActivationGradients {
  return gradientsOfScore(fromLayer, activations, (logits) => regionScore(logits, region, classIndex));
}
