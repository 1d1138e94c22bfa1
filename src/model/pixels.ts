import * as tf from '@tensorflow/tfjs-core';
import type { Pixels } from '../core/modelInfo';

const LUMA = [0.299, 0.587, 0.114];

/**
 * RGBA pixels → a model input [1, H, W, C]: bilinear resize (half-pixel centres), grayscale (BT.601 luma) when the
 * model takes one channel, and values mapped from 0..255 to [lo, hi]. Every adapter preprocesses through this.
 */
export function pixelsToInput(
  pixels: Pixels,
  size: readonly [number, number],
  channels: 1 | 3,
  range: readonly [number, number] = [0, 1],
): tf.Tensor4D {
  return tf.tidy(() => {
    const data = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
    const rgb = tf.browser.fromPixels({ width: pixels.width, height: pixels.height, data }, 3);
    let img: tf.Tensor3D = tf.image.resizeBilinear(rgb, [size[0], size[1]], false, true);
    if (channels === 1) img = tf.sum(tf.mul(img, tf.tensor1d(LUMA)), -1, true);
    const [lo, hi] = range;
    return tf.expandDims(tf.add(tf.mul(tf.div(img, 255), hi - lo), lo), 0) as tf.Tensor4D;
  });
}
