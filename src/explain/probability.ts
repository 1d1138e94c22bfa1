import * as tf from '@tensorflow/tfjs-core';
import type { OutputKind } from '../core/kinds';

/**
 * The class-c probability [B, H, W] from class scores [B, H, W, C]: softmax over channels, or, for a one-channel
 * sigmoid model (whose adapter exposes [−l, l]), the sigmoid of the channel itself, so p(fg) = σ(l), p(bg) = 1 − σ(l).
 */
export function classProbability(scores: tf.Tensor4D, classIndex: number, kind: OutputKind): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, h, w] = scores.shape;
    const probs = kind === 'sigmoid' ? tf.sigmoid(scores) : tf.softmax(scores, -1);
    return tf.reshape(tf.slice(probs, [0, 0, 0, classIndex], [b, h, w, 1]), [b, h, w]) as tf.Tensor3D;
  });
}

/** Mean of a [B, H, W] map over the region M (0/1 on the same grid): one value per image, [B]. */
export function meanOverRegion(map: tf.Tensor3D, region: Uint8Array): tf.Tensor1D {
  return tf.tidy(() => {
    const [, h, w] = map.shape;
    let n = 0;
    for (let i = 0; i < region.length; i++) n += region[i] ? 1 : 0;
    const m = tf.tensor3d(Float32Array.from(region), [1, h, w]);
    return tf.div(tf.sum(tf.mul(map, m), [1, 2]), Math.max(1, n)) as tf.Tensor1D;
  });
}
