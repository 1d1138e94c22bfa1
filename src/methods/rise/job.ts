import * as tf from '@tensorflow/tfjs-core';
import type { SettingValues } from '../../core/settings';
import { meanOverRegion } from '../../explain/probability';
import type { ForwardContext, JobOutput, MethodJob } from '../types';
import { packedLabelAt, packLabels } from './labelPacking';
import type { meta } from './meta';
import { runRise, type RiseSettings } from './rise';

type Settings = SettingValues<typeof meta.settings>;

/**
 * The per-mask predictions of one image for one mask stream, bit-packed, as many as any run needed so far: a new
 * region re-weights them with no forward pass, and runs forward passes only for masks beyond them.
 */
interface RiseCache {
  packed: Uint8Array[];
  numClasses: number;
}

/** The continuous form's weights for the one region and class it last ran for (new region: new passes). */
interface ProbabilityCache {
  target: string;
  weights: number[];
}

/** One key per (class, region): regions are compared by content, as a click makes a new array each time. */
function targetKey(classIndex: number, region: Uint8Array): string {
  let hash = 2166136261;
  let n = 0;
  for (let i = 0; i < region.length; i++) {
    if (!region[i]) continue;
    n++;
    hash = Math.imul(hash ^ i, 16777619) >>> 0;
  }
  return `${classIndex}|${region.length}|${n}|${hash}`;
}

// Not N nor the stop rule: mask i is the same whatever N, so every run on this stream shares one cache.
const cacheKey = (s: Settings, ctx: ForwardContext) =>
  `rise|${s.gridSize}|${s.keepProbability}|${s.seed}|${ctx.baseline}`;

async function run(ctx: ForwardContext, s: Settings): Promise<JobOutput> {
  // batchSize and inFlight are getters: the engine may tune the size from the timing of the run's own first batches.
  const settings: RiseSettings = {
    count: s.count,
    gridSize: s.gridSize,
    keepProbability: s.keepProbability,
    seed: s.seed,
    baseline: ctx.baseline,
    tolerance: s.stop === 'stable' ? s.tolerance : null,
    weighting: s.weighting,
    // Alone: one batch after another. With a helper: batches of one worker's size, several out at once.
    get batchSize() {
      return ctx.batchSize;
    },
    get inFlight() {
      return ctx.labelsInFlight;
    },
  };
  const key = cacheKey(s, ctx);
  const numClasses = ctx.target.numClasses;
  const cache = (ctx.cache.get(key) as RiseCache | undefined) ?? { packed: [], numClasses };
  ctx.cache.set(key, cache);
  const known = cache.packed.length;
  const probability = s.weighting === 'probability' ? probabilityCache(ctx, key) : null;
  // ctx.scores is not timed by the batch tuner (ctx.labels is): the continuous form keeps the size it started with.
  const result = await runRise(ctx.input, (batch) => ctx.labels(batch), ctx.target, settings, {
    onProgress: ({ done, total, saliency, stability, expected }) =>
      ctx.progress(done, total, saliency, { stability, expected }),
    signal: ctx.signal,
    // Masks past the cache, in order: a cancelled run keeps the predictions it paid for.
    keepLabels: (labels) => cache.packed.push(...labels.map((l) => packLabels(l, numClasses))),
    checkpoint: ctx.checkpoint,
    cached: {
      count: known,
      labelAt: (i, px) => packedLabelAt(cache.packed[i] as Uint8Array, numClasses, px),
    },
    ...(probability && {
      regionProbability: async (batch: tf.Tensor4D) => {
        const scores = ctx.scores(batch);
        const mean = tf.tidy(() => meanOverRegion(ctx.probability(scores, ctx.target.classIndex), ctx.target.region));
        scores.dispose(); // tidy cannot free it: it was made outside
        return mean.data().finally(() => mean.dispose());
      },
      cachedProbabilities: [...probability.weights],
      keepProbabilities: (w: ArrayLike<number>) => probability.weights.push(...Array.from(w)),
    }),
  });
  return {
    map: result.map,
    reused: result.forward === 0,
    extent: { used: result.used, total: s.count, stability: result.stability },
  };
}

/** The continuous form's cache for the current region and class, emptied when the region or class changed. */
function probabilityCache(ctx: ForwardContext, key: string): ProbabilityCache {
  const target = targetKey(ctx.target.classIndex, ctx.target.region);
  const found = ctx.cache.get(`${key}|probability`) as ProbabilityCache | undefined;
  if (found?.target === target) return found;
  const fresh: ProbabilityCache = { target, weights: [] };
  ctx.cache.set(`${key}|probability`, fresh);
  return fresh;
}

export const job: MethodJob<Settings> = { run };
