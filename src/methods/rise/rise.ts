import * as tf from '@tensorflow/tfjs-core';
import { AbortError } from '../../core/abort';
import { yieldTask } from '../../core/yieldTask';
import type { BaselineKind } from '../../core/kinds';
import { makeBaseline } from '../../explain/baseline';
import type { LabelTarget, PredictLabels } from '../../explain/predictLabels';
import { accumulateMask, createMaskStream, type MaskSettings } from './riseMasks';

export interface RiseSettings extends MaskSettings {
  /** number of masks, N */
  count: number;
  batchSize: number;
  baseline: BaselineKind;
}

export type RiseTarget = LabelTarget;
export type { PredictLabels };

export interface RiseProgress {
  done: number;
  total: number;
  /**
   * running estimate Σ w_i m_i / (done · p), [H, W], made on demand (a progress paint is throttled); the caller
   * disposes it
   */
  saliency: () => tf.Tensor2D;
}

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
  /**
   * awaited before every batch (default: yield one macrotask); the engine holds batches here while a click's CAMs
   * run
   */
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
  const [, h, w, c] = input.shape;
  const hw = h * w;
  const stream = createMaskStream(settings, h, w);
  // Host copies of x and of x − baseline: each masked image is baseline + m ⊙ (x − baseline), built in plain JS
  // straight from the masks (no tensor per mask, no broadcast ops), and Σ w_i m_i is accumulated the same way.
  const { fromBaseline, base } = hostImages(input, settings.baseline);
  const weigh = riseWeigher(target);
  const sum = new Float32Array(hw);
  let masks = new Float32Array(0);
  let pixels = new Float32Array(0);
  while (stream.produced < settings.count) {
    // On cpu/wasm every await resolves as a microtask: a macrotask in between lets cancel messages through.
    await checkpoint();
    if (signal?.aborted) throw new AbortError();
    const n = Math.min(settings.batchSize, settings.count - stream.produced);
    const records = stream.nextRecords(n);
    // Buffers are reused from batch to batch (a batch tensor is disposed before its buffer is written again).
    if (masks.length < n * hw) [masks, pixels] = [new Float32Array(n * hw), new Float32Array(n * hw * c)];
    masks.fill(0, 0, n * hw);
    records.forEach((r, i) => accumulateMask(r, stream.geometry, masks, 1, i * hw));
    blendInto(pixels, masks, n * hw, base, fromBaseline, c);
    const batch = tf.tensor4d(pixels.subarray(0, n * hw * c), [n, h, w, c]);
    const labels = await predictLabels(batch).finally(() => batch.dispose());
    keepLabels?.(labels);
    labels.forEach((l, i) => {
      const weight = weigh((px) => l[px] as number);
      if (weight === 0) return;
      for (let p = 0, q = i * hw; p < hw; p++, q++) sum[p] = (sum[p] as number) + weight * (masks[q] as number);
    });
    const done = stream.produced;
    onProgress?.({
      done,
      total: settings.count,
      saliency: () => scaled(sum, 1 / (done * settings.keepProbability), [h, w]),
    });
  }
  if (signal?.aborted) throw new AbortError();
  return scaled(sum, 1 / (settings.count * settings.keepProbability), [h, w]);
}

/** The image and its baseline as host arrays: base = baseline, fromBaseline = x − baseline (HWC, one image). */
function hostImages(input: tf.Tensor4D, kind: BaselineKind): { fromBaseline: Float32Array; base: Float32Array } {
  const baseline = makeBaseline(input, kind);
  const base = baseline.dataSync() as Float32Array;
  baseline.dispose();
  const x = input.dataSync() as Float32Array;
  const fromBaseline = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) fromBaseline[i] = (x[i] as number) - (base[i] as number);
  return { fromBaseline, base };
}

/** pixels[i·C + k] = base[p·C + k] + m_i · (x − base)[p·C + k] for the first `count` mask pixels (p = i mod H·W). */
function blendInto(
  pixels: Float32Array,
  masks: Float32Array,
  count: number,
  base: Float32Array,
  fromBaseline: Float32Array,
  c: number,
): void {
  const hw = base.length / c;
  if (c === 3) {
    // The common case unrolled: this loop touches every input value of every batch.
    for (let i = 0, p = 0, o = 0; i < count; i++, p++, o += 3) {
      if (p === hw) p = 0;
      const m = masks[i] as number;
      const q = p * 3;
      pixels[o] = (base[q] as number) + m * (fromBaseline[q] as number);
      pixels[o + 1] = (base[q + 1] as number) + m * (fromBaseline[q + 1] as number);
      pixels[o + 2] = (base[q + 2] as number) + m * (fromBaseline[q + 2] as number);
    }
    return;
  }
  for (let i = 0, p = 0, o = 0; i < count; i++, p++) {
    if (p === hw) p = 0;
    const m = masks[i] as number;
    for (let k = 0, q = p * c; k < c; k++, q++, o++) pixels[o] = (base[q] as number) + m * (fromBaseline[q] as number);
  }
}

const scaled = (sum: Float32Array, scale: number, size: [number, number]): tf.Tensor2D =>
  tf.tensor2d(
    sum.map((v) => v * scale),
    size,
  );

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
