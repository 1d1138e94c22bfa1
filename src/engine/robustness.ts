import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../core/abort';
import type { HeatMap } from '../core/results';
import { gradientsOfScore } from '../explain/activationGradients';
import { hostTensor } from '../explain/host/tensor';
import { noiseSigma, noisyCopy, robustness } from '../explain/metrics/robustness';
import { weightedScore, weightsTensor } from '../explain/score';
import type { ExplainTarget } from '../explain/target';
import { combineMaps } from '../methods/combine';
import type { MethodId } from '../methods/registry';
import type { SegmentationModel } from '../model/types';
import type { MethodCall } from './protocol';
import type { RobustnessProgress, RobustnessResult } from './robustnessTypes';

export interface RobustnessContext {
  model: SegmentationModel;
  input: tf.Tensor4D;
  target: ExplainTarget;
  layer: string;
  methods: MethodCall[];
  /** σ as a share of the image's value range */
  sigma: number;
  draws: number;
  seed: number;
  signal: AbortSignal;
  /** between passes: lets cancels and urgent requests in, then throws if aborted */
  checkpoint(): Promise<void>;
  /** counts one forward + backward pass */
  counted(): void;
  onProgress(p: RobustnessProgress): void;
}

type Maps = Partial<Record<MethodId, HeatMap>>;

/**
 * The listed gradient methods' maps on the clean image and on `draws` noisy copies (x + N(0, σ²), seeded), each from
 * its own forward + backward pass at the layer for the same target (same W), and per method the mean Pearson r of
 * the clean map with the noisy ones (docs/METHOD.md, "Robustness"). Cancellable between passes; every tensor it
 * makes is freed, on cancel and on error too.
 */
export async function runRobustness(ctx: RobustnessContext): Promise<Omit<RobustnessResult, 'target' | 'ms'>> {
  const { model, input, target, layer, methods } = ctx;
  const [h, w] = model.outputSize;
  const pixels = input.dataSync();
  const sigma = noiseSigma(pixels, ctx.sigma);
  const weights = weightsTensor(target, [h, w]);
  const total = ctx.draws + 1;
  const size = model.inputSize;
  try {
    const mapsOf = async (x: tf.Tensor4D): Promise<Maps> => {
      const a = model.runToLayer(x, layer);
      let g;
      try {
        g = gradientsOfScore(
          (t) => model.runFromLayer(x, layer, t),
          a,
          (y) => weightedScore(y, weights),
        );
      } finally {
        a.dispose();
      }
      try {
        const [ad, gd] = await Promise.all([g.activations.data(), g.gradients.data()]);
        const [sa, sg] = [g.activations.shape, g.gradients.shape];
        return combineMaps(methods, hostTensor(ad as Float32Array, sa), hostTensor(gd as Float32Array, sg), size);
      } finally {
        g.activations.dispose();
        g.gradients.dispose();
      }
    };
    const all: Maps[] = [];
    for (let k = 0; k < total; k++) {
      await ctx.checkpoint();
      ctx.counted();
      // k = 0 is the clean image; draw k ≥ 1 adds its own seeded noise
      const x = k === 0 ? input : tf.tensor4d(noisyCopy(pixels, sigma, ctx.seed, k), input.shape);
      try {
        all.push(await mapsOf(x));
      } finally {
        if (x !== input) x.dispose();
      }
      throwIfAborted(ctx.signal);
      ctx.onProgress({ done: k + 1, total });
    }
    const [clean, ...noisy] = all as [Maps, ...Maps[]];
    const out: RobustnessResult['methods'] = {};
    for (const [id, map] of Object.entries(clean) as [MethodId, HeatMap][]) {
      out[id] = robustness(
        map.data,
        noisy.map((m) => (m[id] as HeatMap).data),
      );
    }
    return { methods: out, sigma, draws: ctx.draws };
  } finally {
    weights.dispose();
  }
}
