import * as tf from '@tensorflow/tfjs-core';
import type { BaselineKind } from '../core/kinds';

/** The value hidden pixels take: the image's mean colour (default), black, or a blurred copy. Returns [1, H, W, C]. */
export function makeBaseline(input: tf.Tensor4D, kind: BaselineKind): tf.Tensor4D {
  return tf.tidy(() => {
    if (kind === 'black') return tf.zerosLike(input);
    if (kind === 'mean') return tf.broadcastTo(tf.mean(input, [1, 2], true), input.shape) as tf.Tensor4D;
    // Box blur with a kernel of ~1/10 of the image side: destroys detail, keeps colour layout.
    const k = Math.max(3, Math.round(Math.min(input.shape[1], input.shape[2]) / 10) | 1);
    return tf.avgPool(input, k, 1, 'same');
  });
}

/** x ⊙ m + baseline ⊙ (1 − m), with m [B, H, W, 1] broadcast over channels. */
export function blend(input: tf.Tensor4D, baseline: tf.Tensor4D, masks: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.add(tf.mul(input, masks), tf.mul(baseline, tf.sub(1, masks))) as tf.Tensor4D);
}
