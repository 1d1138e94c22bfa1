import * as tf from '@tensorflow/tfjs-core';
import { blend } from '../../explain/baseline';
import { regionDice } from '../../explain/dice';
import type { ForwardContext } from '../types';
import { chebyshevDistance, RADIUS_STEPS, radiusStep, regionAtRadius } from './dilation';

/** A region of the input grid, how much of the image it keeps and the Dice its masked image reaches. */
export interface KeptRegion {
  /** 0/1 on the input grid [H·W], row-major */
  mask: Uint8Array;
  kept: number;
  dice: number;
}

export interface SufficientRegion extends KeptRegion {
  /** the dilation radius in input pixels */
  radius: number;
  /** whether its Dice reached the threshold (false only if even the whole image falls short) */
  reached: boolean;
}

/** Candidates stage 1 may run: radii 0, δ, …, RADIUS_STEPS·δ. */
export const STAGE1_CANDIDATES = RADIUS_STEPS + 1;

const share = (mask: Uint8Array) => mask.reduce((s, v) => s + v, 0) / mask.length;

/** Labels of blend(x, m) for 0/1 masks on the input grid, as one batch. */
async function maskedLabels(ctx: ForwardContext, baseline: tf.Tensor4D, masks: Uint8Array[]): Promise<Uint8Array[]> {
  const [, H, W] = ctx.input.shape;
  const batch = tf.tidy(() => {
    const m = tf.tensor4d(Float32Array.from(masks.flatMap((k) => Array.from(k))), [masks.length, H, W, 1]);
    return blend(ctx.input, baseline, m);
  });
  try {
    return await ctx.labels(batch);
  } finally {
    batch.dispose();
  }
}

/** The Dice(P'^c ∩ M, T) that keeping only each mask reaches, with its share of the image. */
export async function keptRegions(
  ctx: ForwardContext,
  baseline: tf.Tensor4D,
  masks: Uint8Array[],
): Promise<KeptRegion[]> {
  const { labels, region, classIndex } = ctx.target;
  const predicted = await maskedLabels(ctx, baseline, masks);
  return masks.map((mask, i) => ({
    mask,
    kept: share(mask),
    dice: regionDice(predicted[i] as Uint8Array, labels, region, classIndex),
  }));
}

/** The first of an ordered list of candidates to reach the threshold, its index, and whether any did. */
export interface FirstReaching extends KeptRegion {
  index: number;
  reached: boolean;
}

/**
 * Runs candidates 0 … count − 1 in order, in batches of ctx.labelsBatchSize, and stops at the first batch holding one
 * whose masked image reaches Dice ≥ threshold; without one, the last candidate. `onBatch(done, latest)` after every
 * batch, done = count once found (the candidates skipped count as done).
 */
export async function firstReaching(
  ctx: ForwardContext,
  baseline: tf.Tensor4D,
  count: number,
  candidate: (k: number) => Uint8Array,
  threshold: number,
  onBatch: (done: number, latest: Uint8Array) => void,
): Promise<FirstReaching> {
  let last: FirstReaching | null = null;
  for (let k = 0; k < count;) {
    await ctx.checkpoint();
    const n = Math.max(1, Math.min(ctx.labelsBatchSize, count - k));
    const results = await keptRegions(
      ctx,
      baseline,
      Array.from({ length: n }, (_, i) => candidate(k + i)),
    );
    const hit = results.findIndex((r) => r.dice >= threshold);
    const at = hit === -1 ? n - 1 : hit;
    last = { ...(results[at] as KeptRegion), index: k + at, reached: hit !== -1 };
    k += n;
    onBatch(hit === -1 ? k : count, last.mask);
    if (hit !== -1) break;
  }
  if (!last) throw new Error('firstReaching: no candidate to run.');
  return last;
}

/**
 * Stage 1 (docs/METHOD.md, "MiSuRe"): dilate the seed (T on the input grid) by growing radii and keep the first
 * candidate whose masked image reaches Dice ≥ threshold.
 */
export async function findSufficientRegion(
  ctx: ForwardContext,
  baseline: tf.Tensor4D,
  seed: Uint8Array,
  threshold: number,
  onBatch: (done: number, latest: Uint8Array) => void,
): Promise<SufficientRegion> {
  const [, H, W] = ctx.input.shape;
  const distance = chebyshevDistance(seed, H, W);
  const step = radiusStep(H, W);
  const radius = (k: number) => k * step;
  const found = await firstReaching(
    ctx,
    baseline,
    STAGE1_CANDIDATES,
    (k) => regionAtRadius(distance, radius(k)),
    threshold,
    onBatch,
  );
  return { mask: found.mask, kept: found.kept, dice: found.dice, radius: radius(found.index), reached: found.reached };
}
