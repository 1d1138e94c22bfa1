import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../../core/abort';
import type { CurveKind, PerturbationCurve } from '../../core/faithfulness';
import { meanOverRegion } from '../probability';
import { trapezoidAuc } from './auc';
import { batchSizeOf, beforeBatch, DEFAULT_BATCH_SIZE, type JobOptions } from './job';
import { pixelOrder } from './region';

/** What is measured on each perturbed image of a batch: one number per image, in batch order. */
export type ScoreBatch = (batch: tf.Tensor4D) => Promise<ArrayLike<number>>;

/**
 * docs/METHOD.md's f for deletion and insertion: the mean over M of the class-c probability on each image of a batch
 * (on the output grid). `scores` runs the model ([B, H, W, C] logits, disposed here); `probability` turns them into the
 * class probability [B, H, W] (explain/probability's classProbability with the model's output kind). This is where the
 * region and class of the target enter the curves.
 */
export function regionConfidence(
  scores: (batch: tf.Tensor4D) => tf.Tensor4D | Promise<tf.Tensor4D>,
  probability: (scores: tf.Tensor4D, classIndex: number) => tf.Tensor3D,
  target: { region: Uint8Array; classIndex: number },
): ScoreBatch {
  return async (batch) => {
    const s = await scores(batch);
    let mean: tf.Tensor1D | undefined;
    try {
      mean = tf.tidy(() => meanOverRegion(probability(s, target.classIndex), target.region));
    } finally {
      s.dispose();
    }
    try {
      return await mean.data();
    } finally {
      mean.dispose();
    }
  };
}

/** docs/METHOD.md's n for deletion and insertion. */
export const DEFAULT_CURVE_STEPS = 20;

/**
 * Pixels perturbed at steps 0..n: k_i = round(i·N/n), so k_0 = 0 and k_n = N. docs/METHOD.md says "the top i/n of
 * pixels"; rounding to the nearest whole pixel (halves up) is our choice.
 */
export function stepCounts(pixels: number, steps: number): Int32Array {
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`curves: steps must be a whole number ≥ 1, not ${steps}.`);
  return Int32Array.from({ length: steps + 1 }, (_, i) => Math.round((i * pixels) / steps));
}

export interface CurveSettings {
  /** n (default 20) */
  steps?: number;
  /** images per predict call; read before every batch (default 8) */
  batchSize?: number;
}

export interface CurveProgress {
  /** images scored so far, of total = 2(n+1) */
  done: number;
  total: number;
  /** f_i so far, null where not yet scored */
  deletion: (number | null)[];
  insertion: (number | null)[];
}

/**
 * Deletion and insertion curves (Petsiuk et al. 2018; docs/METHOD.md): pixels ordered by E (ties by index); at step i
 * deletion replaces the top k_i pixels of the input with the baseline, insertion starts from the baseline and restores
 * them. All 2(n+1) images go through `predict` in batches, deletion and insertion interleaved so that both curves grow
 * together. input and baseline are [1, H, W, C], map is [H, W] on the same grid (the input's); none of them is
 * disposed. Stops with AbortError when the signal fires; tensors made here are freed on every path.
 */
export async function perturbationCurves(
  input: tf.Tensor4D,
  map: tf.Tensor2D,
  baseline: tf.Tensor4D,
  predict: ScoreBatch,
  settings: CurveSettings = {},
  options: JobOptions<CurveProgress> = {},
): Promise<Record<CurveKind, PerturbationCurve>> {
  const [, h, w] = input.shape;
  if (map.shape[0] !== h || map.shape[1] !== w)
    throw new Error(`curves: map [${map.shape}] is not on the input grid ${h}×${w}.`);
  if (baseline.shape.some((d, i) => d !== input.shape[i]))
    throw new Error(`curves: baseline [${baseline.shape}] differs from input [${input.shape}].`);
  const steps = settings.steps ?? DEFAULT_CURVE_STEPS;
  const pixels = h * w;
  const counts = stepCounts(pixels, steps);
  // rank[p] = position of pixel p in the order; the top k pixels are those with rank < k.
  const order = pixelOrder(await map.data());
  const rank = new Uint32Array(pixels);
  order.forEach((p, r) => (rank[p] = r));
  const c = input.shape[3];
  const [xs, bs] = (await Promise.all([input.data(), baseline.data()])) as [Float32Array, Float32Array];
  const scores: Record<CurveKind, (number | null)[]> = {
    deletion: new Array<number | null>(steps + 1).fill(null),
    insertion: new Array<number | null>(steps + 1).fill(null),
  };
  const total = 2 * (steps + 1);
  // Image j is step ⌊j/2⌋ of deletion (j even) or insertion (j odd).
  for (let done = 0; done < total;) {
    await beforeBatch(options);
    const n = Math.min(batchSizeOf(settings, DEFAULT_BATCH_SIZE), total - done);
    // The batch is built here, pixel by pixel from host copies: each pixel is the input's or the baseline's, which is
    // exactly blend() with a 0/1 mask, without its four full-batch tensor ops (a fifth of the forward pass on wasm).
    const data = new Float32Array(n * pixels * c);
    for (let b = 0; b < n; b++) {
      const j = done + b;
      const k = counts[j >> 1] as number;
      const deletion = (j & 1) === 0;
      const o = b * pixels * c;
      // deletion keeps the pixels outside the top k; insertion keeps (restores) the top k
      for (let p = 0; p < pixels; p++) {
        const from = (rank[p] as number) < k !== deletion ? xs : bs;
        for (let ch = p * c; ch < (p + 1) * c; ch++) data[o + ch] = from[ch] as number;
      }
    }
    const batch = tf.tensor4d(data, [n, h, w, c]);
    const values = await predict(batch).finally(() => batch.dispose());
    throwIfAborted(options.signal);
    if (values.length !== n) throw new Error(`curves: predict returned ${values.length} scores for ${n} images.`);
    for (let b = 0; b < n; b++) {
      const j = done + b;
      scores[(j & 1) === 0 ? 'deletion' : 'insertion'][j >> 1] = values[b] as number;
    }
    done += n;
    options.onProgress?.({ done, total, deletion: scores.deletion.slice(), insertion: scores.insertion.slice() });
  }
  const curve = (kind: CurveKind): PerturbationCurve => {
    const f = scores[kind] as number[];
    return {
      points: f.map((score, i) => ({ fraction: i / steps, perturbed: (counts[i] as number) / pixels, score })),
      auc: trapezoidAuc(f),
    };
  };
  return { deletion: curve('deletion'), insertion: curve('insertion') };
}
