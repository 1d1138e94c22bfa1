import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../core/abort';
import type { Emprt, HeatMap } from '../core/results';
import { gradientsOfScore } from '../explain/activationGradients';
import { hostTensor } from '../explain/host/tensor';
import { spearman } from '../explain/metrics/correlation';
import { emprt } from '../explain/metrics/emprt';
import { weightedScore, weightsTensor } from '../explain/score';
import type { ExplainTarget } from '../explain/target';
import { combineMaps } from '../methods/combine';
import type { MethodId } from '../methods/registry';
import type { SegmentationModel } from '../model/types';
import { blurredMap, randomMap } from '../explain/controls/controlMaps';
import type { SanityControls } from '../core/controls';
import type { MethodCall, SanityProgress, SanityStep } from './protocol';

export interface SanityContext {
  model: SegmentationModel;
  input: tf.Tensor4D;
  target: ExplainTarget;
  layer: string;
  methods: MethodCall[];
  seed: number;
  signal: AbortSignal;
  /** between steps: lets cancels and urgent requests in, then throws if the check was aborted */
  checkpoint(): Promise<void>;
  /** counts one forward + backward pass */
  counted(): void;
  onProgress(p: SanityProgress): void;
}

/** Why a model cannot run the check, for a request that reaches the engine anyway. */
export const sanityRefusal = (model: SegmentationModel): string =>
  model.sanityUnavailable ?? 'The sanity check is not available: this model cannot swap its weights.';

/**
 * Cascading parameter randomisation (docs/METHOD.md, "Sanity check"): the maps of every listed gradient method for the
 * same
 * target (same W) at the same layer, first with the model's weights, then after each step of the model's randomiser,
 * each with its Spearman ρ against the original map (the maps as shown: after ReLU, upsampling and normalisation;
 * ranks ignore the normalisation). Each step is a new forward + backward pass run entirely while the weights are
 * swapped (WeightRandomizer.run is synchronous), so no other request ever sees random weights, and the originals are
 * back after every step, whatever happens. The random draws are freed at the end, on cancel and on error too.
 */
export async function runSanityCheck(ctx: SanityContext): Promise<SanityStep[]> {
  const { model, input, target, layer, methods } = ctx;
  if (!model.randomizeWeights) throw new Error(sanityRefusal(model));
  const [h, w] = model.outputSize;
  const weights = weightsTensor(target, [h, w]);
  const randomizer = model.randomizeWeights(ctx.seed);
  const pass = () => {
    const a = model.runToLayer(input, layer);
    try {
      return gradientsOfScore(
        (t) => model.runFromLayer(input, layer, t),
        a,
        (y) => weightedScore(y, weights),
      );
    } finally {
      a.dispose();
    }
  };
  const controls = sanityControls(model.inputSize, ctx.seed);
  try {
    const total = randomizer.steps.length + 1;
    const steps: SanityStep[] = [];
    for (let s = 0; s < total; s++) {
      await ctx.checkpoint();
      ctx.counted();
      const grads = s === 0 ? pass() : randomizer.run(s - 1, pass);
      let maps: Partial<Record<MethodId, HeatMap>>;
      try {
        maps = await mapsOf(methods, grads.activations, grads.gradients, model.inputSize);
      } finally {
        grads.activations.dispose();
        grads.gradients.dispose();
      }
      throwIfAborted(ctx.signal);
      const original = steps[0]?.maps ?? maps;
      const rho: Partial<Record<MethodId, number>> = {};
      for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) {
        const ref = original[id];
        rho[id] = s === 0 ? 1 : ref ? spearman(ref.data, map.data) : NaN;
      }
      const step: SanityStep = {
        step: s,
        layers: s === 0 ? [] : [...(randomizer.steps[s - 1]?.layers ?? [])],
        maps,
        spearman: rho,
        // the cascade's last step has every weight random: eMPRT compares its map with the original's
        ...(s === total - 1 && s > 0 ? { emprt: emprtOf(original, maps) } : {}),
        controls: controls.at(s, maps),
      };
      steps.push(step);
      ctx.onProgress({ done: s + 1, total, step });
    }
    return steps;
  } finally {
    randomizer.dispose();
    weights.dispose();
  }
}

/** eMPRT of every method from its original map and its map with every weight random. */
function emprtOf(
  original: Partial<Record<MethodId, HeatMap>>,
  randomised: Partial<Record<MethodId, HeatMap>>,
): Partial<Record<MethodId, Emprt>> {
  const out: Partial<Record<MethodId, Emprt>> = {};
  for (const [id, map] of Object.entries(randomised) as [MethodId, HeatMap][]) {
    const ref = original[id];
    if (ref) out[id] = emprt(ref.data, map.data);
  }
  return out;
}

/**
 * The controls' ρ at each step (docs/METHOD.md, "Controls"; protocol's SanityControls): the edge map of the input is
 * the same whatever the weights, so its ρ is 1 by construction; the random map is drawn again with seed + step and
 * compared with step 0's draw; each method's blurred map is compared with the blurred original.
 */
function sanityControls(size: [number, number], seed: number) {
  const firstRandom = randomMap(size, seed);
  const blurredOriginal: Partial<Record<MethodId, Float32Array>> = {};
  return {
    at(step: number, maps: Partial<Record<MethodId, HeatMap>>): SanityControls<MethodId> {
      const blurred: Partial<Record<MethodId, number>> = {};
      for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) {
        const b = blurredMap(map.data, map.size);
        if (step === 0) blurredOriginal[id] = b;
        const ref = blurredOriginal[id];
        blurred[id] = step === 0 ? 1 : ref ? spearman(ref, b) : NaN;
      }
      const random = step === 0 ? 1 : spearman(firstRandom, randomMap(size, seed + step));
      return { random, edge: 1, blurred };
    },
  };
}

/**
 * The maps of the listed gradient methods from A and G ([h, w, K]), as the engine's combine makes them, kept nowhere.
 */
async function mapsOf(
  methods: MethodCall[],
  a: tf.Tensor3D,
  g: tf.Tensor3D,
  size: [number, number],
): Promise<Partial<Record<MethodId, HeatMap>>> {
  if (methods.length === 0) return {};
  const [ad, gd] = await Promise.all([a.data(), g.data()]);
  return combineMaps(methods, hostTensor(ad as Float32Array, a.shape), hostTensor(gd as Float32Array, g.shape), size);
}
