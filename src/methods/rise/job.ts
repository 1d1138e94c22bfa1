import type { SettingValues } from '../../core/settings';
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

// Not N nor the stop rule: mask i is the same whatever N, so every run on this stream shares one cache.
const cacheKey = (s: Settings, ctx: ForwardContext) =>
  `rise|${s.gridSize}|${s.keepProbability}|${s.seed}|${ctx.baseline}`;

async function run(ctx: ForwardContext, s: Settings): Promise<JobOutput> {
  // batchSize is a getter: the engine may tune it from the timing of the run's own first batches.
  const settings: RiseSettings = {
    count: s.count,
    gridSize: s.gridSize,
    keepProbability: s.keepProbability,
    seed: s.seed,
    baseline: ctx.baseline,
    tolerance: s.stop === 'stable' ? s.tolerance : null,
    weighting: s.weighting,
    get batchSize() {
      return ctx.batchSize;
    },
  };
  const key = cacheKey(s, ctx);
  const numClasses = ctx.target.weights.length / ctx.target.labels.length;
  const cache = (ctx.cache.get(key) as RiseCache | undefined) ?? { packed: [], numClasses };
  ctx.cache.set(key, cache);
  const known = cache.packed.length;
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
  });
  return {
    map: result.map,
    reused: result.forward === 0,
    extent: { used: result.used, total: s.count, stability: result.stability },
  };
}

export const job: MethodJob<Settings> = { run };
