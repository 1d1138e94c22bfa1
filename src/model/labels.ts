import * as tf from '@tensorflow/tfjs-core';

/** Argmax labels of class scores [B, H, W, C] → one Uint8Array per image. */
export async function labelsOf(scores: tf.Tensor4D): Promise<Uint8Array[]> {
  const [b, h, w] = scores.shape;
  const argmax = tf.argMax(scores, -1);
  const data = await argmax.data();
  argmax.dispose();
  return Array.from({ length: b }, (_, i) => Uint8Array.from(data.subarray(i * h * w, (i + 1) * h * w)));
}
