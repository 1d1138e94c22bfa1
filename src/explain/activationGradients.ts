import * as tf from '@tensorflow/tfjs-core';
import { regionScore } from './score';

/** The network from the chosen layer on: activations A [1, h, w, K] → logits [1, H, W, C]. */
export type FromLayer = (activations: tf.Tensor4D) => tf.Tensor4D;

export interface ActivationGradients {
  /** A, [h, w, K] */
  activations: tf.Tensor3D;
  /** G = ∂S/∂A, [h, w, K] */
  gradients: tf.Tensor3D;
  /** S, the explained region score on logits */
  score: number;
}

/** Back-propagates the region score S to the activations of the chosen layer. The caller owns the returned tensors. */
export function activationGradients(
  fromLayer: FromLayer,
  activations: tf.Tensor4D,
  region: tf.Tensor2D,
  classIndex: number,
): ActivationGradients {
  const { value, grad } = tf.valueAndGrad((a: tf.Tensor4D) => regionScore(fromLayer(a), region, classIndex))(activations);
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
