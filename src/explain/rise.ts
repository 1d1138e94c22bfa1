import * as tf from '@tensorflow/tfjs-core';
import { AbortError } from '../core/abort';
import { yieldTask } from '../core/yieldTask';
import type { BaselineKind } from '../core/kinds';
import { blend, makeBaseline } from './baseline';
import { accumulateMask, createMaskStream, type MaskSettings } from './riseMasks';

export interface RiseSettings extends MaskSettings {
  /** number of masks, N */
  count: number;
  batchSize: number;
  baseline: BaselineKind;
}

export interface RiseTarget {
  /** M on the output grid */
  region: Uint8Array;
  /** P, the prediction on the unmasked image, on the output grid */
  labels: Uint8Array;
  classIndex: number;
}

export interface RiseProgress {
  done: number;
  total: number;
  /** running estimate Σ w_i m_i / (done · p), [H, W]; valid only during the callback */
  saliency: tf.Tensor2D;
}

/** Labels (argmax or sigmoid > 0) of each image of a batch, on the output grid. */
export type PredictLabels = (batch: tf.Tensor4D) => Promise<Uint8Array[]>;

/**
 * The weight of a mask, Dice(P_i^c ∩ M, P^c ∩ M), for one target: M's pixels and the reference are found once, then
 * each mask's Dice reads only M's pixels (labelAt(pixel) is the class the masked image predicts there).
 */
export function riseWeigher(target: RiseTarget): (labelAt: (pixel: number) => number) => number {
  const { region, labels, classIndex } = target;
  let n = 0;
  for (let i = 0; i < region.length; i++) if (region[i]) n++;
  // Typed arrays and plain loops: this runs |M| times per mask, 2000 masks per re-weighting.
  const pixels = new Int32Array(n);
  const ref = new Uint8Array(n);
  let refCount = 0;
  for (let i = 0, k = 0; i < region.length; i++) {
    if (!region[i]) continue;
    pixels[k] = i;
    ref[k] = labels[i] === classIndex ? 1 : 0;
    refCount += ref[k] as number;
    k++;
  }
  return (labelAt) => {
    let inter = 0;
    let count = 0;
    for (let k = 0; k < n; k++) {
      if (labelAt(pixels[k] as number) !== classIndex) continue;
      count++;
      inter += ref[k] as number;
    }
    return count + refCount === 0 ? 0 : (2 * inter) / (count + refCount);
  };
}

/** Weight of one mask: Dice(P_i^c ∩ M, P^c ∩ M). */
export function riseWeight(maskedLabels: Uint8Array, target: RiseTarget): number {
  return riseWeigher(target)((px) => maskedLabels[px] as number);
}


export { AbortError };

export interface RiseRunOptions {
  onProgress?: (p: RiseProgress) => void;
  signal?: AbortSignal;
  /** receives each batch's per-mask labels, e.g. to cache them packed */
  keepLabels?: (labels: Uint8Array[]) => void;
  /** awaited before every batch (default: yield one macrotask); the engine holds batches here while a click's CAMs run */
  checkpoint?: () => Promise<void>;
}

/**
 * RISE for segmentation: batched forward passes over seeded masks, each weighted by the Dice of the region's
 * prediction. Calls onProgress after every batch; stops with AbortError when the signal fires. Returns Σ w_i m_i /
 * (N · p) as [H, W] (not yet normalised). keepLabels lets the caller keep per-mask labels so a new region can be
 * re-weighted without a forward pass (reweightRise). settings.batchSize is read before every batch, so a caller
 * may tune it while the run goes.
 */
export async function runRise(
  input: tf.Tensor4D,
  predictLabels: PredictLabels,
  target: RiseTarget,
  settings: RiseSettings,
  { onProgress, signal, keepLabels, checkpoint = yieldTask }: RiseRunOptions = {},
): Promise<tf.Tensor2D> {
  const [, h, w] = input.shape;
  const stream = createMaskStream(settings, h, w);
  const baseline = makeBaseline(input, settings.baseline);
  const weigh = riseWeigher(target);
  let sum: tf.Tensor2D = tf.zeros([h, w]);
  try {
    while (stream.produced < settings.count) {
      // On cpu/wasm every await resolves as a microtask: a macrotask in between lets cancel messages through.
      await checkpoint();
      if (signal?.aborted) throw new AbortError();
      const n = Math.min(settings.batchSize, settings.count - stream.produced);
      const masks = stream.next(n);
      try {
        const batch = blend(input, baseline, masks);
        const labels = await predictLabels(batch).finally(() => batch.dispose());
        keepLabels?.(labels);
        const weights = tf.tensor1d(labels.map((l) => weigh((px) => l[px] as number)));
        const next = tf.tidy(() => tf.add(sum, tf.reshape(tf.sum(tf.mul(tf.reshape(masks, [n, h * w]), tf.reshape(weights, [n, 1])), 0), [h, w])));
        weights.dispose();
        sum.dispose();
        sum = next as tf.Tensor2D;
      } finally {
        masks.dispose();
      }
      if (onProgress) {
        const saliency = tf.div(sum, stream.produced * settings.keepProbability) as tf.Tensor2D;
        try {
          onProgress({ done: stream.produced, total: settings.count, saliency });
        } finally {
          saliency.dispose();
        }
      }
    }
    if (signal?.aborted) throw new AbortError();
    return tf.div(sum, settings.count * settings.keepProbability) as tf.Tensor2D;
  } finally {
    sum.dispose();
    baseline.dispose();
  }
}

/**
 * Re-weights cached per-mask predictions for a new region, with no network run and no tensor per mask: the masks are
 * re-drawn from the seed as cells and shifts (RNG only), each weight is a Dice over the region's pixels only, and
 * Σ w_i m_i is accumulated in plain JS, rendering only the masks whose weight is not zero.
 * labelAt(i, pixel) is the class mask i predicted at an output pixel.
 */
export function reweightRise(
  labelAt: (mask: number, pixel: number) => number,
  target: RiseTarget,
  settings: RiseSettings,
  size: [number, number],
): tf.Tensor2D {
  const [h, w] = size;
  const stream = createMaskStream(settings, h, w);
  const records = stream.nextRecords(settings.count);
  const weigh = riseWeigher(target);
  const acc = new Float32Array(h * w);
  records.forEach((record, m) => {
    const weight = weigh((px) => labelAt(m, px));
    if (weight !== 0) accumulateMask(record, stream.geometry, acc, weight);
  });
  const scale = 1 / (settings.count * settings.keepProbability);
  for (let i = 0; i < acc.length; i++) acc[i] = (acc[i] as number) * scale;
  return tf.tensor2d(acc, [h, w]);
}
