import * as tf from '@tensorflow/tfjs-core';
import type { SettingValues } from '../../core/settings';
import type { ForwardContext, MethodJob } from '../types';
import { packedLabelAt, packLabels } from './labelPacking';
import type { meta } from './meta';
import { reweightRise, runRise, type RiseSettings } from './rise';

type Settings = SettingValues<typeof meta.settings>;

/** The per-mask predictions of one image, bit-packed: a new region re-weights them with no forward pass. */
interface RiseCache {
  packed: Uint8Array[];
  numClasses: number;
}

const cacheKey = (s: Settings, ctx: ForwardContext) =>
  `rise|${s.count}|${s.gridSize}|${s.keepProbability}|${s.seed}|${ctx.baseline}`;

async function run(ctx: ForwardContext, s: Settings): Promise<{ map: tf.Tensor2D; reused: boolean }> {
  // batchSize is a getter: the engine may tune it from the timing of the run's own first batches.
  const settings: RiseSettings = {
    ...s,
    baseline: ctx.baseline,
    get batchSize() {
      return ctx.batchSize;
    },
  };
  const [, h, w] = ctx.input.shape;
  const key = cacheKey(s, ctx);
  const cached = ctx.cache.get(key) as RiseCache | undefined;
  if (cached) {
    const map = reweightRise(
      (i, px) => packedLabelAt(cached.packed[i] as Uint8Array, cached.numClasses, px),
      ctx.target,
      settings,
      [h, w],
    );
    return { map, reused: true };
  }
  const numClasses = ctx.target.weights.length / ctx.target.labels.length;
  const packed: Uint8Array[] = [];
  const map = await runRise(ctx.input, (batch) => ctx.labels(batch), ctx.target, settings, {
    onProgress: ({ done, total, saliency }) => ctx.progress(done, total, saliency),
    signal: ctx.signal,
    keepLabels: (labels) => packed.push(...labels.map((l) => packLabels(l, numClasses))),
    checkpoint: ctx.checkpoint,
  });
  ctx.cache.set(key, { packed, numClasses } satisfies RiseCache);
  return { map, reused: false };
}

export const job: MethodJob<Settings> = { run };
