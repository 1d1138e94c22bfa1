/** Cascading randomisation for LayersModels (weightRandomizer.ts says what is re-drawn and what is kept). */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { RandomCenter } from '../explain/metrics/randomization';
import type { WeightRandomizer } from './types';
import { createRandomizer, type WeightSlots } from './weightRandomizer';

interface VariableLike {
  read(): tf.Variable;
  dtype: string;
}
interface LayerLike {
  name: string;
  weights: VariableLike[];
  inboundNodes: { inboundLayers: LayerLike[] }[];
  outboundNodes: unknown[];
  getClassName(): string;
  gamma?: VariableLike | null;
  movingMean?: VariableLike | null;
  movingVariance?: VariableLike | null;
}

interface LayersEntry {
  name: string;
  variables: tf.Variable[];
  centers: RandomCenter[];
}

/** A LayersModel's weighted layers from the output down; a batch norm right after the layer it normalises joins it. */
function layersEntries(model: LayersModel): LayersEntry[] {
  const entries: LayersEntry[] = [];
  const byLayer = new Map<LayerLike, LayersEntry>();
  for (const layer of model.layers as unknown as LayerLike[]) {
    const isBn = layer.getClassName() === 'BatchNormalization';
    const params = layer.weights.filter(
      (w) => w.dtype === 'float32' && (!isBn || (w !== layer.movingMean && w !== layer.movingVariance)),
    );
    if (!params.length) continue;
    const variables = params.map((w) => w.read());
    const centers = params.map((w): RandomCenter => (isBn && w === layer.gamma ? 'own' : 'zero'));
    // conv → batch norm, with the batch norm as the conv's only consumer: one layer of the network, re-drawn together.
    const source = isBn && layer.inboundNodes.length === 1 ? layer.inboundNodes[0]?.inboundLayers[0] : undefined;
    const owner = source && source.outboundNodes.length === 1 ? byLayer.get(source) : undefined;
    if (owner) {
      owner.variables.push(...variables);
      owner.centers.push(...centers);
      byLayer.set(layer, owner);
      continue;
    }
    const entry = { name: layer.name, variables, centers };
    entries.push(entry);
    byLayer.set(layer, entry);
  }
  return entries.reverse();
}

/**
 * Swaps through tf.Variable.assign, which only re-points a variable at another tensor's data: the original data is
 * held by a clone meanwhile and assigned back, so the restored weights are the very same buffers (bit-identical).
 * A layer's constraint is not applied: the draws are the weights, as drawn.
 */
function variableSlots(entries: readonly LayersEntry[]): WeightSlots {
  let held: { variable: tf.Variable; original: tf.Tensor }[] = [];
  return {
    swapIn(replacements) {
      if (held.length) throw new Error('Weights are already swapped.');
      replacements.forEach((tensors, i) => {
        (entries[i] as LayersEntry).variables.forEach((variable, k) => {
          held.push({ variable, original: tf.keep(tf.clone(variable)) });
          variable.assign(tensors[k] as tf.Tensor);
        });
      });
    },
    restore() {
      // Last swapped first: a variable shared by two layers ends on the value it had before the first swap.
      for (const { variable, original } of held.reverse()) {
        variable.assign(original);
        original.dispose();
      }
      held = [];
    },
  };
}

/** The randomiser of a LayersModel, or why there is none. */
export function layersRandomization(
  model: LayersModel,
): { randomize(seed: number): WeightRandomizer } | { unavailable: string } {
  const entries = layersEntries(model);
  if (!entries.length)
    return { unavailable: 'The sanity check is not available: this model has no float32 weights to re-draw.' };
  const layers = entries.map((e) => ({ name: e.name, tensors: e.variables, centers: e.centers }));
  const slots = variableSlots(entries);
  return { randomize: (seed) => createRandomizer(layers, slots, seed) };
}
