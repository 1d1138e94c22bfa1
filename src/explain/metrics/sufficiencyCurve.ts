import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../../core/abort';
import type { SufficiencyCurvePoint } from '../../core/faithfulness';
import { blend } from '../baseline';
import { regionDice } from '../dice';
import type { PredictLabels, LabelTarget } from '../predictLabels';
import { binarize } from '../sufficiency';
import { batchSizeOf, beforeBatch, DEFAULT_BATCH_SIZE, type JobOptions } from './job';

/** t = 0.05, 0.10, …, 0.95 (docs/METHOD.md), each k/20: 0.2 is exactly the 0.2 of the single-threshold read-out. */
export const SUFFICIENCY_THRESHOLDS: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

export interface SufficiencyCurveSettings {
  /** default SUFFICIENCY_THRESHOLDS */
  thresholds?: readonly number[];
  /** dilation of the kept area in input pixels, as explain/sufficiency (default 0) */
  dilation?: number;
  /** images per predictLabels call; read before every batch (default 8) */
  batchSize?: number;
}

export interface SufficiencyCurveProgress {
  done: number;
  total: number;
  /** the points so far, in threshold order */
  points: SufficiencyCurvePoint[];
}

/**
 * The sufficiency curve (docs/METHOD.md): explain/sufficiency's Dice and % retained at every threshold, the masked
 * images of all thresholds sent to predictLabels in batches. Each point equals sufficiency() at its threshold with the
 * same baseline. input and baseline are [1, H, W, C], map [H, W] (the normalised map); none is disposed. Stops with
 * AbortError when the signal fires; tensors made here are freed on every path.
 */
export async function sufficiencyCurve(
  input: tf.Tensor4D,
  map: tf.Tensor2D,
  baseline: tf.Tensor4D,
  predictLabels: PredictLabels,
  target: LabelTarget,
  settings: SufficiencyCurveSettings = {},
  options: JobOptions<SufficiencyCurveProgress> = {},
): Promise<SufficiencyCurvePoint[]> {
  const [, h, w] = input.shape;
  if (map.shape[0] !== h || map.shape[1] !== w)
    throw new Error(`sufficiency curve: map [${map.shape}] is not on the input grid ${h}×${w}.`);
  if (baseline.shape.some((d, i) => d !== input.shape[i]))
    throw new Error(`sufficiency curve: baseline [${baseline.shape}] differs from input [${input.shape}].`);
  const thresholds = settings.thresholds ?? SUFFICIENCY_THRESHOLDS;
  const dilation = settings.dilation ?? 0;
  const points: SufficiencyCurvePoint[] = [];
  const total = thresholds.length;
  while (points.length < total) {
    await beforeBatch(options);
    const from = points.length;
    const ts = thresholds.slice(from, from + Math.min(batchSizeOf(settings, DEFAULT_BATCH_SIZE), total - from));
    const n = ts.length;
    const { batch, retained } = tf.tidy(() => {
      const keep = tf.stack(ts.map((t) => binarize(map, t, dilation)));
      return { batch: blend(input, baseline, tf.reshape(keep, [n, h, w, 1])), retained: tf.mean(keep, [1, 2]) };
    });
    let kept: Float32Array;
    let labels: Uint8Array[];
    try {
      kept = (await retained.data()) as Float32Array;
      labels = await predictLabels(batch);
    } finally {
      batch.dispose();
      retained.dispose();
    }
    throwIfAborted(options.signal);
    if (labels.length !== n)
      throw new Error(`sufficiency curve: predictLabels returned ${labels.length} predictions for ${n} images.`);
    ts.forEach((threshold, b) => {
      const dice = regionDice(labels[b] as Uint8Array, target.labels, target.region, target.classIndex);
      points.push({ threshold, dice, retained: kept[b] as number });
    });
    options.onProgress?.({ done: points.length, total, points: points.slice() });
  }
  return points;
}
