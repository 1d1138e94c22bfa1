import * as tf from '@tensorflow/tfjs-core';
import { AbortError } from '../../core/abort';
import { yieldTask } from '../../core/yieldTask';
import type { BaselineKind } from '../../core/kinds';
import { imagesTensor, type HostImages, type LabelTarget, type PredictHostLabels } from '../../explain/predictLabels';
import { MaskedBatches, type MaskedBatch } from './maskedBatch';
import { runPipelined } from './pipeline';
import { accumulateMask, createMaskStream, type MaskSettings } from './riseMasks';
import { CHECK_EVERY, masksToReach, mayStop, MIN_MASKS } from './stability';
import { RiseSums, type RiseWeighting } from './riseSums';

export interface RiseSettings extends MaskSettings {
  /** number of masks, N: the most a run draws */
  count: number;
  batchSize: number;
  /** batches that may be out at once (read before each batch; default 1): more keep a helper worker busy */
  inFlight?: number;
  baseline: BaselineKind;
  /** stop once the map is this close to the N-mask map, in run-to-run spreads (stability.ts); null: run all N */
  tolerance: number | null;
  /**
   * 'dice': the paper's Σ w_i m_i / (N p); 'centred': ReLU(Σ (w_i − w̄) m_i / (N p (1 − p))), the covariance of keeping
   * a pixel and the score, which a region whose prediction survives most masks (one pixel) does not flatten (METHOD.md)
   */
  weighting?: RiseWeighting;
}

export type { RiseWeighting } from './riseSums';

export type RiseTarget = LabelTarget;
export type { PredictHostLabels };

export interface RiseProgress {
  done: number;
  total: number;
  /** split-half stability at the last check (0 before the first) */
  stability: number;
  /** the masks the run expects to use: N, or fewer where the stability is projected to reach the goal sooner */
  expected: number;
  /**
   * running estimate Σ w_i m_i / (done · p), [H, W], made on demand (a progress paint is throttled); the caller
   * disposes it
   */
  saliency: () => tf.Tensor2D;
}

/** A finished run: the map Σ w_i m_i / (n · p) over the n masks used, and how stable it is. */
export interface RiseRun {
  map: tf.Tensor2D;
  /** masks used, n ≤ N (fewer when the run stopped stable) */
  used: number;
  /** split-half stability of the map (stability.ts) */
  stability: number;
  /** masks that needed a forward pass (the others were re-weighted from cached predictions) */
  forward: number;
}

/** Per-mask predictions kept from earlier runs on the same image and masks: the first `count` masks. */
export interface CachedLabels {
  count: number;
  /** the class mask i predicted at an output pixel */
  labelAt: (mask: number, pixel: number) => number;
  /** mask i's weight where it is cached itself (the continuous form), instead of read from labels */
  weightAt?: (mask: number) => number;
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
  /** predictions of the first masks from an earlier run: re-weighted, not run again */
  cached?: CachedLabels;
  /**
   * the 'probability' form's weights of a batch: the mean over M of the class-c probability on each masked image
   * (required by that form, which reads no labels)
   */
  regionProbability?: (batch: tf.Tensor4D) => Promise<ArrayLike<number>>;
  /** the 'probability' form's weights of the first masks from an earlier run for the same region and class */
  cachedProbabilities?: ArrayLike<number>;
  /** receives each batch's 'probability' weights, e.g. to keep them for the same region */
  keepProbabilities?: (weights: ArrayLike<number>) => void;
}

/** Where a run now at `done` masks is expected to stop: the projected check point, within [MIN_MASKS, N]. */
function expectedMasks(done: number, stability: number, settings: RiseSettings): number {
  if (settings.tolerance === null || done < CHECK_EVERY) return settings.count;
  const reach = masksToReach(done, stability, settings.count, settings.tolerance);
  const atCheck = Math.ceil(Math.max(reach, MIN_MASKS, done) / CHECK_EVERY) * CHECK_EVERY;
  return Math.min(settings.count, atCheck);
}

/** The next mask count at which the stop rule is checked. */
const nextCheck = (done: number) => (Math.floor(done / CHECK_EVERY) + 1) * CHECK_EVERY;

/**
 * RISE for segmentation: batched forward passes over seeded masks, each weighted by the Dice of the region's
 * prediction. Masks of `cached` are re-weighted with no forward pass; the rest run in batches, with onProgress after
 * every batch and AbortError when the signal fires. Every CHECK_EVERY masks the split-half stability is measured, and
 * the run stops there once its map is expected to be within settings.tolerance run-to-run spreads of the
 * N-mask map (never before MIN_MASKS), else after N. settings.batchSize and inFlight are read before every batch,
 * so a caller may tune them while the run goes; batches never cross a check point and results are taken in mask
 * order, so neither where a run stops nor its map depends on them (a stop drops the batches still out: none are made
 * past the projected stop).
 */
export async function runRise(
  input: tf.Tensor4D,
  predictLabels: PredictHostLabels,
  target: RiseTarget,
  settings: RiseSettings,
  options: RiseRunOptions = {},
): Promise<RiseRun> {
  const { onProgress, signal, checkpoint = yieldTask } = options;
  const continuous = settings.weighting === 'probability';
  if (continuous && !options.regionProbability) throw new Error('RISE: the probability form needs regionProbability.');
  // The continuous form's cache holds weights for one region; the label cache serves every region of the image.
  const cached = continuous ? probabilityCache(options.cachedProbabilities) : options.cached;
  const [, h, w] = input.shape;
  const hw = h * w;
  const stream = createMaskStream(settings, h, w);
  const weigh = riseWeigher(target);
  const sums = new RiseSums(hw, settings.weighting ?? 'dice');
  const estimate = (done: number) => tf.tensor2d(sums.map(done, settings.keepProbability), [h, w]);
  const result = (done: number, forward: number, stability: number): RiseRun => ({
    map: estimate(done),
    used: done,
    stability,
    forward,
  });
  let done = 0;
  let stability = 0;

  // Cached predictions first, checked at the same points as a fresh run: a region that needs no more masks than
  // the cache holds runs no network at all.
  const reuse = Math.min(cached?.count ?? 0, settings.count);
  while (done < reuse && cached) {
    const upTo = Math.min(reuse, nextCheck(done));
    stream.nextRecords(upTo - done).forEach((record, k) => {
      const i = done + k;
      const weight = cached.weightAt ? cached.weightAt(i) : weigh((px) => cached.labelAt(i, px));
      sums.add(i % 2, weight, (out, wt) => accumulateMask(record, stream.geometry, out, wt));
    });
    done = upTo;
    if (done % CHECK_EVERY === 0) stability = sums.stability();
    if (mayStop(done, stability, settings.count, settings.tolerance)) return result(done, 0, stability);
  }

  // Masked images are made in plain JS (maskedBatch.ts); with inFlight > 1 several batches are out at once (one on a
  // helper worker while the next runs here), and their results are still taken in mask order.
  const batches = new MaskedBatches(input, settings.baseline, stream.geometry);
  const first = done;
  let made = done;
  // Batches are made up to where the run is expected to stop, so that a stop drops little work; past it they wait
  // for the next check point's result.
  let horizon = settings.count;
  await runPipelined<MaskedBatch, BatchResult>({
    next: () => {
      if (made >= Math.min(settings.count, horizon)) return null;
      const n = Math.min(settings.batchSize, settings.count - made, nextCheck(made) - made);
      const batch = batches.make(made, stream.nextRecords(n));
      made += n;
      return batch;
    },
    run: (batch) =>
      batchResult(batch.images, continuous, predictLabels, weigh, options.regionProbability).finally(() =>
        batches.releaseImages(batch),
      ),
    take: (batch, { weights, labels }) => {
      if (labels) options.keepLabels?.(labels);
      else options.keepProbabilities?.(weights);
      const { masks, n } = batch;
      for (let k = 0; k < n; k++) sums.addDrawn((done + k) % 2, weights[k] as number, masks, k * hw);
      batches.releaseMasks(batch);
      done += n;
      if (done % CHECK_EVERY === 0) stability = sums.stability();
      const sofar = done;
      const expected = expectedMasks(done, stability, settings);
      horizon = Math.max(expected, nextCheck(done));
      onProgress?.({ done, total: settings.count, stability, expected, saliency: () => estimate(sofar) });
      return !mayStop(done, stability, settings.count, settings.tolerance);
    },
    inFlight: () => settings.inFlight ?? 1,
    // On cpu/wasm every await resolves as a microtask: a macrotask in between lets cancel messages through.
    checkpoint,
    ...(signal && { signal }),
  });
  if (signal?.aborted) throw new AbortError();
  if (done % CHECK_EVERY !== 0) stability = sums.stability();
  return result(done, done - first, stability);
}

/** One batch's mask weights (and labels, to keep): the region probability (continuous form), or each mask's Dice. */
interface BatchResult {
  weights: ArrayLike<number>;
  labels?: Uint8Array[];
}

async function batchResult(
  images: HostImages,
  continuous: boolean,
  predictLabels: PredictHostLabels,
  weigh: ReturnType<typeof riseWeigher>,
  regionProbability: RiseRunOptions['regionProbability'],
): Promise<BatchResult> {
  if (continuous && regionProbability) {
    const batch = imagesTensor(images);
    return { weights: await regionProbability(batch).finally(() => batch.dispose()) };
  }
  const labels = await predictLabels(images);
  return { weights: labels.map((l) => weigh((px) => l[px] as number)), labels };
}

/** Cached continuous weights as the re-weighting loop reads them (no labels). */
const probabilityCache = (weights: ArrayLike<number> | undefined): CachedLabels | undefined =>
  weights && {
    count: weights.length,
    labelAt: () => {
      throw new Error('RISE: the probability form reads no labels.');
    },
    weightAt: (i) => weights[i] as number,
  };
