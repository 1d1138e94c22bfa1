import * as tf from '@tensorflow/tfjs-core';
import type { OutputKind } from '../core/kinds';
import { classProbability } from './probability';

/**
 * docs/METHOD.md's f for a batch: the mean over M of the class-c probability, [B]. Equal to
 * meanOverRegion(classProbability(scores, c, kind), region) up to float rounding (≤ 1e-6), and several times faster:
 * the deletion and insertion curves run it on every image. Two ways, by measurement (a 256² selfie batch of 8, a 96²
 * DeepLab batch of 16): on tfjs's cpu backend, whose softmax and slices are slow per element, M's pixels are gathered
 * first (≈ 2.5× faster); elsewhere (wasm, WebGL, WebGPU), where gather and last-axis slices are the slow kernels, the
 * probabilities of the whole batch meet one weight vector (1/|M| on M in channel c) in a matrix product (≈ 10× faster
 * on wasm). 0 for an empty M (as meanOverRegion). scores [B, H, W, C] is not disposed. `way` overrides the choice
 * (tests).
 */
export function regionMeanProbability(
  scores: tf.Tensor4D,
  classIndex: number,
  kind: OutputKind,
  region: Uint8Array,
  way?: ProbeWay,
): tf.Tensor1D {
  const [, h, w, c] = scores.shape;
  const probe = regionMeanProbe(classIndex, kind, region, [h, w, c], way);
  try {
    return probe.of(scores);
  } finally {
    probe.dispose();
  }
}

export type ProbeWay = 'gather' | 'matmul';

/** regionMeanProbability for many batches of one shape: its index or weight tensor is made once, not per batch. */
export interface RegionMeanProbe {
  /** [B] for scores [B, H, W, C] (not disposed) */
  of(scores: tf.Tensor4D): tf.Tensor1D;
  dispose(): void;
}

/**
 * A probe of docs/METHOD.md's f for scores of shape [·, h, w, c]. The curves job runs one per map over 42 images: at
 * a tuned batch of 1 (DeepLabV3 on one wasm thread), rebuilding the [H·W·C] weights per batch cost 1.5 ms an image.
 */
export function regionMeanProbe(
  classIndex: number,
  kind: OutputKind,
  region: Uint8Array,
  [h, w, c]: readonly [number, number, number],
  way: ProbeWay = tf.getBackend() === 'cpu' ? 'gather' : 'matmul',
): RegionMeanProbe {
  if (region.length !== h * w)
    throw new Error(`regionMeanProbability: the region holds ${region.length} cells, not ${h}×${w}.`);
  const cells: number[] = [];
  for (let i = 0; i < region.length; i++) if (region[i]) cells.push(i);
  const check = (scores: tf.Tensor4D) => {
    const [, sh, sw, sc] = scores.shape;
    if (sh !== h || sw !== w || sc !== c)
      throw new Error(`regionMeanProbability: scores ${scores.shape.join('×')} for a probe of ${h}×${w}×${c}.`);
  };
  if (cells.length === 0)
    return { of: (scores) => (check(scores), tf.zeros([scores.shape[0]])), dispose: () => undefined };
  if (way === 'gather') {
    const indices = tf.tensor1d(cells, 'int32');
    return {
      of: (scores) =>
        tf.tidy(() => {
          check(scores);
          const b = scores.shape[0];
          const picked = tf.gather(tf.reshape(scores, [b, h * w, c]), indices, 1);
          const p = classProbability(tf.reshape(picked, [b, cells.length, 1, c]) as tf.Tensor4D, classIndex, kind);
          return tf.mean(p, [1, 2]) as tf.Tensor1D;
        }),
      dispose: () => indices.dispose(),
    };
  }
  const weights = new Float32Array(h * w * c);
  for (const i of cells) weights[i * c + classIndex] = 1 / cells.length;
  const column = tf.tensor2d(weights, [h * w * c, 1]);
  return {
    of: (scores) =>
      tf.tidy(() => {
        check(scores);
        const b = scores.shape[0];
        const probs = kind === 'sigmoid' ? tf.sigmoid(scores) : tf.softmax(scores, -1);
        return tf.reshape(tf.matMul(tf.reshape(probs, [b, h * w * c]), column), [b]) as tf.Tensor1D;
      }),
    dispose: () => column.dispose(),
  };
}
