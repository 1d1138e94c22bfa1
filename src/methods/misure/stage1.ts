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

/**
 * Stage 1 (docs/METHOD.md, "MiSuRe"): dilate the seed (T on the input grid) by growing radii, in batches, and return
 * the first candidate whose masked image reaches Dice ≥ threshold. `onBatch(done, latest)` after every batch.
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
  let last: SufficientRegion | null = null;
  for (let k = 0; k < STAGE1_CANDIDATES;) {
    await ctx.checkpoint();
    const n = Math.max(1, Math.min(ctx.batchSize, STAGE1_CANDIDATES - k));
    const radii = Array.from({ length: n }, (_, i) => (k + i) * step);
    const results = await keptRegions(
      ctx,
      baseline,
      radii.map((r) => regionAtRadius(distance, r)),
    );
    k += n;
    const hit = results.findIndex((r) => r.dice >= threshold);
    const found = results[hit === -1 ? n - 1 : hit] as KeptRegion;
    last = { ...found, radius: radii[hit === -1 ? n - 1 : hit] as number, reached: hit !== -1 };
    onBatch(hit === -1 ? k : STAGE1_CANDIDATES, found.mask);
    if (hit !== -1) return last;
  }
  return last as SufficientRegion;
}
