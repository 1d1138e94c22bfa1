import * as tf from '@tensorflow/tfjs-core';
import type { BaselineKind } from '../core/kinds';
import { blend, makeBaseline } from './baseline';
import { regionDice } from './dice';
import type { PredictLabels, LabelTarget } from './predictLabels';

export interface SufficiencySettings {
  /** keep = map > threshold, on the normalised map (paper: 0.2) */
  threshold: number;
  /** optional dilation of the kept area, in input pixels */
  dilation: number;
  baseline: BaselineKind;
}

export interface SufficiencyResult {
  /** Dice(P'^c ∩ M, P^c ∩ M) on the image keeping only the binarised map */
  dice: number;
  /** |keep| / |image| */
  retained: number;
}

/** The binarised map as a [H, W] 0/1 tensor, dilated by a (2r+1)² max-pool when r > 0. */
export function binarize(map: tf.Tensor2D, threshold: number, dilation: number): tf.Tensor2D {
  return tf.tidy(() => {
    const keep = tf.cast(tf.greater(map, threshold), 'float32') as tf.Tensor2D;
    if (dilation <= 0) return keep;
    const [h, w] = map.shape;
    const k = 2 * Math.round(dilation) + 1;
    return tf.reshape(tf.maxPool(tf.reshape(keep, [1, h, w, 1]) as tf.Tensor4D, k, 1, 'same'), [h, w]) as tf.Tensor2D;
  });
}

/** Sufficiency (paper §3.4): keep only the map's pixels above the threshold and ask whether the region survives. */
export async function sufficiency(
  input: tf.Tensor4D,
  map: tf.Tensor2D,
  predictLabels: PredictLabels,
  target: LabelTarget,
  settings: SufficiencySettings,
): Promise<SufficiencyResult> {
  const [, h, w] = input.shape;
  const keep = binarize(map, settings.threshold, settings.dilation);
  const retained = tf.tidy(() => tf.mean(keep).dataSync()[0]) as number;
  const masked = tf.tidy(() =>
    blend(input, makeBaseline(input, settings.baseline), tf.reshape(keep, [1, h, w, 1]) as tf.Tensor4D),
  );
  keep.dispose();
  try {
    const [labels] = await predictLabels(masked);
    return { dice: regionDice(labels as Uint8Array, target.labels, target.region, target.classIndex), retained };
  } finally {
    masked.dispose();
  }
}

/**
 * Sufficiency of several maps at one threshold as one batch (the window sweep): each map's binarised copy masks the
 * image, all masked images go through the model together, and each gets its Dice and retained share.
 */
export async function sufficiencyBatch(
  input: tf.Tensor4D,
  maps: tf.Tensor2D[],
  predictLabels: PredictLabels,
  target: LabelTarget,
  settings: SufficiencySettings,
): Promise<SufficiencyResult[]> {
  if (maps.length === 0) return [];
  const [, h, w] = input.shape;
  const keeps = tf.tidy(
    () => tf.stack(maps.map((m) => binarize(m, settings.threshold, settings.dilation))) as tf.Tensor3D,
  );
  const retained = tf.tidy(() => Array.from(tf.mean(keeps, [1, 2]).dataSync()));
  const masked = tf.tidy(() =>
    blend(input, makeBaseline(input, settings.baseline), tf.reshape(keeps, [maps.length, h, w, 1]) as tf.Tensor4D),
  );
  keeps.dispose();
  try {
    const labels = await predictLabels(masked);
    return labels.map((l, i) => ({
      dice: regionDice(l, target.labels, target.region, target.classIndex),
      retained: retained[i] as number,
    }));
  } finally {
    masked.dispose();
  }
}
