/** Cascading randomisation for ONNX models (weightRandomizer.ts says what is re-drawn and what is kept). */
import type * as tf from '@tensorflow/tfjs-core';
import type { RandomCenter } from '../../explain/metrics/randomization';
import type { WeightRandomizer } from '../types';
import { createRandomizer, type WeightLayer } from '../weightRandomizer';
import type { OnnxProgram } from './program';

/** Ops whose inputs 1… are learned filters or matrices (input 0 is the data), with their bias. */
const FILTER_OPS = new Set(['Conv', 'ConvTranspose', 'MatMul', 'Gemm']);
/** Normalisations: input 1 is a learned scale, input 2 a learned offset (running statistics 3, 4 are kept). */
const NORM_OPS = new Set(['BatchNormalization', 'LayerNormalization', 'InstanceNormalization']);

/** The learned parameters of the image-dependent nodes, grouped by layer, from the output downward. */
export function onnxWeightLayers(program: OnnxProgram): (WeightLayer & { names: string[] })[] {
  const weights = program.weights();
  const isParam = (name: string) => {
    const t = weights.get(name);
    return !!t && t.dtype === 'float32' && t.size > 1;
  };
  const layers = new Map<string, { name: string; names: string[]; centers: RandomCenter[] }>();
  const anchorOf = new Map<string, string>();
  const claimed = new Set<string>();
  const add = (anchor: string, weight: string, center: RandomCenter) => {
    if (claimed.has(weight)) return;
    claimed.add(weight);
    let layer = layers.get(anchor);
    if (!layer) layers.set(anchor, (layer = { name: anchor, names: [], centers: [] }));
    layer.names.push(weight);
    layer.centers.push(center);
  };
  for (const n of program.plan) {
    const out = n.outputs[0] as string;
    // a bias or a scale joins the layer of the op it follows (conv → add), else it is a layer of its own
    const upstream = n.inputs.map((i) => anchorOf.get(i)).find((a) => a !== undefined);
    if (FILTER_OPS.has(n.op)) {
      n.inputs.forEach((i, k) => k >= 1 && isParam(i) && add(out, i, 'zero'));
      if (layers.has(out)) anchorOf.set(out, out);
    } else if (NORM_OPS.has(n.op)) {
      const anchor = upstream ?? out;
      n.inputs.forEach((i, k) => (k === 1 || k === 2) && isParam(i) && add(anchor, i, k === 1 ? 'own' : 'zero'));
      if (layers.has(anchor)) anchorOf.set(out, anchor);
    } else if ((n.op === 'Add' || n.op === 'Mul') && n.inputs.length === 2) {
      const params = n.inputs.filter(isParam);
      if (params.length === 1) {
        const anchor = upstream ?? out;
        add(anchor, params[0] as string, n.op === 'Mul' ? 'own' : 'zero');
        if (layers.has(anchor)) anchorOf.set(out, anchor);
      }
    }
  }
  return [...layers.values()].reverse().map((l) => ({
    name: l.name,
    tensors: l.names.map((w) => weights.get(w) as tf.Tensor),
    centers: l.centers,
    names: l.names,
  }));
}

/** The randomiser of an ONNX program, or why there is none. */
export function onnxRandomization(
  program: OnnxProgram,
): { randomize(seed: number): WeightRandomizer } | { unavailable: string } {
  const layers = onnxWeightLayers(program);
  if (!layers.length)
    return { unavailable: 'The sanity check is not available: no weights of this graph feed a learned layer.' };
  return {
    randomize: (seed) =>
      createRandomizer(
        layers,
        {
          swapIn(replacements) {
            const map = new Map<string, tf.Tensor>();
            replacements.forEach((tensors, i) =>
              layers[i]?.names.forEach((name, k) => map.set(name, tensors[k] as tf.Tensor)),
            );
            program.swapConstants(map);
          },
          restore: () => program.restoreConstants(),
        },
        seed,
      ),
  };
}
