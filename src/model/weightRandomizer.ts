import * as tf from '@tensorflow/tfjs-core';
import { randomizedLike, type RandomCenter } from '../explain/metrics/randomization';
import type { RandomizationStep, WeightRandomizer } from './types';

/**
 * Cascading parameter randomisation for the sanity check (Adebayo et al. 2018; docs/METHOD.md, "Sanity check"), for
 * LayersModels (through their layers' variables) and GraphModels (through the executor's weight map).
 *
 * What is re-drawn: every learned parameter (kernels, biases, batch-norm γ and β), from N(0, σ²) with the tensor's own
 * σ; a scale (batch-norm γ, a per-channel multiplier) from N(μ, σ²) with its own mean too, since a scale's neutral
 * value is 1, not 0: centred on 0, every randomised layer would also shrink and flip its channels, and a few steps
 * down the network the activations would collapse towards 0 whatever the weights say.
 *
 * What is kept: batch-norm moving mean and variance. They are not learned parameters but running statistics of the
 * activations; a normal draw with the variance's own σ gives negative variances (NaN after the square root), and
 * neither Adebayo et al. nor a re-initialised layer draws them at random. Kept, they normalise the randomised layer's
 * output with the trained statistics, which keeps activations finite while the function the layer computes is random.
 * Scalars are kept too (the 3 and 1/6 of a hard-swish, an epsilon): constants of an activation, not weights.
 */

/** At most this many steps: the output layer alone, then the other layers in evenly sized groups. */
export const MAX_RANDOMIZATION_STEPS = 8;

/** One layer's learned parameters, as they are re-drawn together. */
export interface WeightLayer {
  name: string;
  /** the parameters, in a fixed order (their index seeds their draw) */
  tensors: readonly tf.Tensor[];
  centers: readonly RandomCenter[];
}

/** How a model kind puts replacement tensors in place of its own, and back. Both calls are synchronous. */
export interface WeightSlots {
  /** puts replacements[i][k] in place of layers[i].tensors[k] for every i < replacements.length */
  swapIn(replacements: readonly (readonly tf.Tensor[])[]): void;
  /** puts every original back, exactly (the same tensors, not copies) */
  restore(): void;
}

/** Half-open ranges of layer indices: [0, 1) for the output layer, then ≤ maxSteps − 1 even groups of the rest. */
export function stepRanges(layerCount: number, maxSteps = MAX_RANDOMIZATION_STEPS): [number, number][] {
  if (layerCount <= 0) return [];
  const ranges: [number, number][] = [[0, 1]];
  const rest = layerCount - 1;
  const groups = Math.min(rest, Math.max(0, maxSteps - 1));
  for (let g = 0; g < groups; g++)
    ranges.push([1 + Math.round((g * rest) / groups), 1 + Math.round(((g + 1) * rest) / groups)]);
  return ranges;
}

/**
 * The randomiser over a model's layers (ordered from the output downward). Layer i's tensor k is drawn with the key
 * (seed, i, k) (randomizedLike): the same seed gives bit-identical draws, whatever else happens.
 */
export function createRandomizer(
  layers: readonly WeightLayer[],
  slots: WeightSlots,
  seed: number,
  maxSteps = MAX_RANDOMIZATION_STEPS,
): WeightRandomizer {
  const ranges = stepRanges(layers.length, maxSteps);
  const draws: tf.Tensor[][] = [];
  let disposed = false;
  const drawLayer = (i: number): tf.Tensor[] => {
    const layer = layers[i] as WeightLayer;
    const out: tf.Tensor[] = [];
    try {
      // kept: a draw must outlive any tf.tidy the caller runs us in
      layer.tensors.forEach((t, k) =>
        out.push(tf.keep(randomizedLike(t, seed, i, k, { center: layer.centers[k] ?? 'zero' }))),
      );
    } catch (e) {
      out.forEach((t) => t.dispose());
      throw e;
    }
    return out;
  };
  const steps: RandomizationStep[] = ranges.map(([a, b]) => ({ layers: layers.slice(a, b).map((l) => l.name) }));
  return {
    steps,
    run<T>(upTo: number, fn: () => T): T {
      if (disposed) throw new Error('The weight randomiser was disposed.');
      const range = ranges[upTo];
      if (!range) throw new Error(`No randomisation step ${upTo} (there are ${ranges.length}).`);
      for (let i = draws.length; i < range[1]; i++) draws.push(drawLayer(i));
      slots.swapIn(draws.slice(0, range[1]));
      try {
        return fn();
      } finally {
        slots.restore();
      }
    },
    dispose() {
      disposed = true;
      draws.splice(0).forEach((d) => d.forEach((t) => t.dispose()));
    },
  };
}
