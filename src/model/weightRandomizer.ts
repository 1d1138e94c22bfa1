import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { randomizedLike, type RandomCenter } from '../explain/metrics/randomization';
import { graphNodes } from './graphArtifacts';
import type { RandomizationStep, WeightRandomizer } from './types';

/**
 * Cascading parameter randomisation for the sanity check (Adebayo et al. 2018; METHOD.md, "Sanity check"), for
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
  for (let g = 0; g < groups; g++) ranges.push([1 + Math.round((g * rest) / groups), 1 + Math.round(((g + 1) * rest) / groups)]);
  return ranges;
}

/**
 * The randomiser over a model's layers (ordered from the output downward). Layer i's tensor k is drawn with the key
 * (seed, i, k) (randomizedLike): the same seed gives bit-identical draws, whatever else happens.
 */
export function createRandomizer(layers: readonly WeightLayer[], slots: WeightSlots, seed: number, maxSteps = MAX_RANDOMIZATION_STEPS): WeightRandomizer {
  const ranges = stepRanges(layers.length, maxSteps);
  const draws: tf.Tensor[][] = [];
  let disposed = false;
  const drawLayer = (i: number): tf.Tensor[] => {
    const layer = layers[i] as WeightLayer;
    const out: tf.Tensor[] = [];
    try {
      // kept: a draw must outlive any tf.tidy the caller runs us in
      layer.tensors.forEach((t, k) => out.push(tf.keep(randomizedLike(t, seed, i, k, { center: layer.centers[k] ?? 'zero' }))));
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

// ---------------------------------------------------------------------------------------------------------------
// LayersModels: through each layer's variables.

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
    const params = layer.weights.filter((w) => w.dtype === 'float32' && (!isBn || (w !== layer.movingMean && w !== layer.movingVariance)));
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
export function layersRandomization(model: LayersModel): { randomize(seed: number): WeightRandomizer } | { unavailable: string } {
  const entries = layersEntries(model);
  if (!entries.length) return { unavailable: 'The sanity check is not available: this model has no float32 weights to re-draw.' };
  const layers = entries.map((e) => ({ name: e.name, tensors: e.variables, centers: e.centers }));
  const slots = variableSlots(entries);
  return { randomize: (seed) => createRandomizer(layers, slots, seed) };
}

// ---------------------------------------------------------------------------------------------------------------
// GraphModels: through the executor's weight map.

/** Ops whose inputs 1… are learned filters or matrices (input 0 is the data). */
const FILTER_OPS = new Set([
  'Conv2D', 'DepthwiseConv2dNative', 'Conv2DBackpropInput', 'Conv3D', 'MatMul', 'BatchMatMul', 'BatchMatMulV2',
  '_FusedConv2D', 'FusedDepthwiseConv2dNative', '_FusedMatMul', 'Prelu',
]);
/** Elementwise ops whose non-scalar constant operand is a bias (add) or a per-channel scale (multiply). */
const BIAS_OPS = new Set(['Add', 'AddV2', 'BiasAdd']);
const SCALE_OPS = new Set(['Mul']);
/** Batch norms: scale (1) and offset (2) are learned; mean (3) and variance (4) are running statistics, kept. */
const BATCH_NORM_OPS = new Set(['FusedBatchNorm', 'FusedBatchNormV2', 'FusedBatchNormV3']);

type NamedTensors = Record<string, tf.Tensor[]>;
interface ExecutorLike {
  weightMap: NamedTensors;
}

const nodeName = (input: string) => input.replace(/^\^/, '').replace(/:\d+$/, '');

/** The executor whose weight map GraphModel.execute reads, if this tfjs version lets it be set. */
function executorOf(model: GraphModel): ExecutorLike | null {
  const executor = (model as unknown as { executor?: ExecutorLike }).executor;
  if (!executor) return null;
  // GraphExecutor's weightMap setter also re-lists the ids of the weight tensors, which execute() keeps alive.
  let proto: object | null = Object.getPrototypeOf(executor) as object | null;
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'weightMap')) proto = Object.getPrototypeOf(proto) as object | null;
  const setter = proto ? Object.getOwnPropertyDescriptor(proto, 'weightMap')?.set : undefined;
  return setter ? executor : null;
}

/**
 * A graph's learned parameters grouped by layer (a convolution with its bias), from the output downward: the reverse
 * of a topological order of the nodes that use them.
 */
export function graphWeightLayers(artifacts: tf.io.ModelArtifacts, weights: NamedTensors): { name: string; weights: string[]; centers: RandomCenter[] }[] {
  const nodes = graphNodes(artifacts) as { name: string; op: string; input?: string[] }[];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  // Topological order (Kahn), the graph's own order among equals.
  const indegree = new Map(nodes.map((n) => [n.name, 0]));
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    for (const input of n.input ?? []) {
      const from = nodeName(input);
      if (!byName.has(from)) continue;
      indegree.set(n.name, (indegree.get(n.name) ?? 0) + 1);
      children.set(from, [...(children.get(from) ?? []), n.name]);
    }
  }
  const order: string[] = nodes.filter((n) => indegree.get(n.name) === 0).map((n) => n.name);
  for (let i = 0; i < order.length; i++) {
    for (const c of children.get(order[i] as string) ?? []) {
      const d = (indegree.get(c) ?? 0) - 1;
      indegree.set(c, d);
      if (d === 0) order.push(c);
    }
  }
  const position = new Map(order.map((name, i) => [name, i]));

  const isParam = (name: string) => {
    const t = weights[name]?.[0];
    return !!t && weights[name]?.length === 1 && t.dtype === 'float32' && t.rank >= 1;
  };
  const layers = new Map<string, { name: string; weights: string[]; centers: RandomCenter[] }>();
  const anchorOf = new Map<string, string>();
  const claimed = new Set<string>();
  const add = (anchor: string, weight: string, center: RandomCenter) => {
    if (claimed.has(weight)) return;
    claimed.add(weight);
    let layer = layers.get(anchor);
    if (!layer) layers.set(anchor, (layer = { name: anchor, weights: [], centers: [] }));
    layer.weights.push(weight);
    layer.centers.push(center);
  };
  for (const name of order) {
    const n = byName.get(name) as { name: string; op: string; input?: string[] };
    const inputs = (n.input ?? []).filter((i) => !i.startsWith('^')).map(nodeName);
    // A bias or scale joins the layer of the op it follows (conv → add), else it is a layer of its own.
    const upstream = inputs.map((i) => anchorOf.get(i)).find((a) => a !== undefined);
    if (FILTER_OPS.has(n.op)) {
      inputs.forEach((i, k) => k >= 1 && isParam(i) && add(n.name, i, 'zero'));
      if (layers.has(n.name)) anchorOf.set(n.name, n.name);
    } else if (BATCH_NORM_OPS.has(n.op)) {
      const anchor = upstream ?? n.name;
      inputs.forEach((i, k) => (k === 1 || k === 2) && isParam(i) && add(anchor, i, k === 1 ? 'own' : 'zero'));
      if (layers.has(anchor)) anchorOf.set(n.name, anchor);
    } else if (BIAS_OPS.has(n.op) || SCALE_OPS.has(n.op)) {
      const consts = inputs.filter(isParam);
      if (consts.length === 1 && inputs.length === 2) {
        const anchor = upstream ?? n.name;
        add(anchor, consts[0] as string, SCALE_OPS.has(n.op) ? 'own' : 'zero');
        if (layers.has(anchor)) anchorOf.set(n.name, anchor);
      } else if (upstream !== undefined && inputs.length === 1) {
        anchorOf.set(n.name, upstream);
      }
    }
  }
  return [...layers.values()].sort((a, b) => (position.get(b.name) ?? 0) - (position.get(a.name) ?? 0));
}

/**
 * Swaps by setting the executor's weight map to a copy with the draws in place (GraphExecutor's own setter, which also
 * re-lists the weight ids execute() must not dispose), and back to the original map object, untouched: restoring is
 * exact. Every model listed (the selfie model's batch-1 and batch-8 graphs) gets the same draws.
 */
function weightMapSlots(executors: readonly ExecutorLike[], layers: readonly { weights: string[] }[]): WeightSlots {
  let originals: NamedTensors[] | null = null;
  return {
    swapIn(replacements) {
      if (originals) throw new Error('Weights are already swapped.');
      originals = executors.map((e) => e.weightMap);
      const swapped: NamedTensors = {};
      replacements.forEach((tensors, i) => (layers[i] as { weights: string[] }).weights.forEach((name, k) => (swapped[name] = [tensors[k] as tf.Tensor])));
      executors.forEach((e, j) => (e.weightMap = { ...(originals as NamedTensors[])[j], ...swapped }));
    },
    restore() {
      if (!originals) return;
      executors.forEach((e, j) => (e.weightMap = (originals as NamedTensors[])[j] as NamedTensors));
      originals = null;
    },
  };
}

/**
 * The randomiser of GraphModels built from the same artifacts (the first one's weights are drawn from), or why
 * there is none.
 */
export function graphRandomization(artifacts: tf.io.ModelArtifacts, models: readonly GraphModel[]): { randomize(seed: number): WeightRandomizer } | { unavailable: string } {
  const executors = models.map(executorOf);
  if (!executors.length || executors.some((e) => e === null)) {
    return { unavailable: "The sanity check is not available: this TensorFlow.js version's GraphModel does not let its weight map be swapped." };
  }
  const weights = (executors[0] as ExecutorLike).weightMap;
  const found = graphWeightLayers(artifacts, weights);
  if (!found.length) {
    return { unavailable: 'The sanity check is not available: no weights of this graph feed a convolution, a matrix product, a bias or a batch norm, so there is nothing to re-draw.' };
  }
  const missing = found.flatMap((l) => l.weights).find((w) => executors.some((e) => !(e as ExecutorLike).weightMap[w]));
  if (missing) return { unavailable: `The sanity check is not available: the weight "${missing}" is not in every copy of the graph.` };
  const layers = found.map((l) => ({ name: l.name, tensors: l.weights.map((w) => weights[w]?.[0] as tf.Tensor), centers: l.centers }));
  const slots = weightMapSlots(executors as ExecutorLike[], found);
  return { randomize: (seed) => createRandomizer(layers, slots, seed) };
}
