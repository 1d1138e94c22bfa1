import * as tf from '@tensorflow/tfjs-core';

export const NORMALISE_EPSILON = 1e-7;

/** Min-max normalisation to [0, 1] with ε in the denominator: an all-zero map stays all zero, never NaN. */
export function minMaxNormalize<T extends tf.Tensor>(map: T): T {
  return tf.tidy(() => {
    const lo = tf.min(map);
    const hi = tf.max(map);
    return tf.div(tf.sub(map, lo), tf.add(tf.sub(hi, lo), NORMALISE_EPSILON)) as T;
  });
}

/**
 * The post-processing shared by every method (docs/METHOD.md): min-max on the layer grid, bilinear upsampling
 * (half-pixel
 * centres) to the input grid, then min-max again, so the thresholded map spans [0, 1] even for a one-cell peak.
 */
export function postProcess(map: tf.Tensor2D, size: readonly [number, number]): tf.Tensor2D {
  return tf.tidy(() => {
    const norm = minMaxNormalize(map);
    const [h, w] = map.shape;
    if (h === size[0] && w === size[1]) return norm;
    const up = tf.image.resizeBilinear(tf.reshape(norm, [1, h, w, 1]) as tf.Tensor4D, [size[0], size[1]], false, true);
    return minMaxNormalize(tf.reshape(up, [size[0], size[1]]) as tf.Tensor2D);
  });
}
