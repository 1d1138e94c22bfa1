/** Cascading randomisation for GraphModels (weightRandomizer.ts says what is re-drawn and what is kept). */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { RandomCenter } from '../explain/metrics/randomization';
import { graphNodes } from './graphArtifacts';
import type { WeightRandomizer } from './types';
import { createRandomizer, type WeightSlots } from './weightRandomizer';

/** Ops whose inputs 1… are learned filters or matrices (input 0 is the data). */
const FILTER_OPS = new Set([
  'Conv2D',
  'DepthwiseConv2dNative',
  'Conv2DBackpropInput',
  'Conv3D',
  'MatMul',
  'BatchMatMul',
  'BatchMatMulV2',
  '_FusedConv2D',
  'FusedDepthwiseConv2dNative',
  '_FusedMatMul',
  'Prelu',
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
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'weightMap'))
    proto = Object.getPrototypeOf(proto) as object | null;
  const setter = proto ? Object.getOwnPropertyDescriptor(proto, 'weightMap')?.set : undefined;
  return setter ? executor : null;
}

/**
 * A graph's learned parameters grouped by layer (a convolution with its bias), from the output downward: the reverse
 * of a topological order of the nodes that use them.
 */
export function graphWeightLayers(
  artifacts: tf.io.ModelArtifacts,
  weights: NamedTensors,
): { name: string; weights: string[]; centers: RandomCenter[] }[] {
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
      replacements.forEach((tensors, i) =>
        (layers[i] as { weights: string[] }).weights.forEach((name, k) => (swapped[name] = [tensors[k] as tf.Tensor])),
      );
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
export function graphRandomization(
  artifacts: tf.io.ModelArtifacts,
  models: readonly GraphModel[],
): { randomize(seed: number): WeightRandomizer } | { unavailable: string } {
  const executors = models.map(executorOf);
  if (!executors.length || executors.some((e) => e === null)) {
    return {
      unavailable:
        'The sanity check is not available: ' +
        "this TensorFlow.js version's GraphModel does not let its weight map be swapped.",
    };
  }
  const weights = (executors[0] as ExecutorLike).weightMap;
  const found = graphWeightLayers(artifacts, weights);
  if (!found.length) {
    return {
      unavailable:
        'The sanity check is not available: no weights of this graph feed a ' +
        'convolution, a matrix product, a bias or a batch norm, so there is ' +
        'nothing to re-draw.',
    };
  }
  const missing = found.flatMap((l) => l.weights).find((w) => executors.some((e) => !(e as ExecutorLike).weightMap[w]));
  if (missing)
    return {
      unavailable: `The sanity check is not available: the weight "${missing}" is not in every copy of the graph.`,
    };
  const layers = found.map((l) => ({
    name: l.name,
    tensors: l.weights.map((w) => weights[w]?.[0] as tf.Tensor),
    centers: l.centers,
  }));
  const slots = weightMapSlots(executors as ExecutorLike[], found);
  return { randomize: (seed) => createRandomizer(layers, slots, seed) };
}
