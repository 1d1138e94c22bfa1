import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { LayerInfo } from '../core/modelInfo';
import { tokenLayout } from './tokenGrid';

interface NodeLike {
  inputTensors: SymbolicTensor[];
  outputTensors: SymbolicTensor[];
}
interface LayerLike {
  name: string;
  inboundNodes: NodeLike[];
  outputShape: unknown;
  getClassName(): string;
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}

/**
 * Runs a functional LayersModel layer by layer, eagerly, so that any layer's output can be read (run to a layer)
 * or replaced by given activations (run from a layer): layers that do not depend on it, such as encoder skips, are
 * still computed from the input. Call inside tf.tidy or a gradient function.
 */
export function runLayers(
  model: LayersModel,
  x: tf.Tensor,
  opts: {
    until?: string;
    replace?: { layer: string; value: tf.Tensor };
    /** added to those layers' outputs (zero taps: gradients for every layer from one backward pass) */
    taps?: ReadonlyMap<string, tf.Tensor>;
  } = {},
): tf.Tensor {
  const values = new Map<number, tf.Tensor>();
  const input = model.inputs[0] as SymbolicTensor;
  values.set(input.id, x);
  for (const layer of model.layers as unknown as LayerLike[]) {
    if (layer.getClassName() === 'InputLayer') continue;
    if (layer.inboundNodes.length !== 1)
      throw new Error(`Layer "${layer.name}" is shared or nested; only plain functional models are supported.`);
    const node = layer.inboundNodes[0] as NodeLike;
    let out: tf.Tensor | tf.Tensor[];
    if (opts.replace?.layer === layer.name) out = opts.replace.value;
    else {
      const ins = node.inputTensors.map((t) => {
        const v = values.get(t.id);
        if (!v) throw new Error(`Layer "${layer.name}" reads a tensor computed outside the model.`);
        return v;
      });
      out = isConv2D(layer)
        ? unfusedConv(layer, ins[0] as tf.Tensor4D)
        : layer.apply(ins.length === 1 ? (ins[0] as tf.Tensor) : ins, { training: false });
    }
    const tap = opts.taps?.get(layer.name);
    if (tap) out = tf.add(Array.isArray(out) ? (out[0] as tf.Tensor) : out, tap);
    const outs = Array.isArray(out) ? out : [out];
    node.outputTensors.forEach((t, i) => values.set(t.id, outs[i] as tf.Tensor));
    if (opts.until === layer.name) return outs[0] as tf.Tensor;
  }
  if (opts.until) throw new Error(`The model has no layer "${opts.until}".`);
  const output = values.get((model.outputs[0] as SymbolicTensor).id);
  if (!output) throw new Error('The model output was not computed.');
  return output;
}

interface ConvLike extends LayerLike {
  dilationRate: number | number[];
  strides: number | number[];
  padding: 'same' | 'valid';
  useBias: boolean;
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { apply(x: tf.Tensor): tf.Tensor };
}

function isConv2D(layer: LayerLike): layer is ConvLike {
  return layer.getClassName() === 'Conv2D';
}

/**
 * Conv2D layers fuse conv + bias inside gradients, and the fused gradient refuses dilation and eagerly computes
 * the weight gradient, a kernel wasm lacks. Computed unfused, only the activation gradient we need is taken.
 */
function unfusedConv(layer: ConvLike, x: tf.Tensor4D): tf.Tensor {
  const pair = (v: number | number[]) => (Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v, v]) as [number, number];
  let y: tf.Tensor = tf.conv2d(
    x,
    layer.kernel.read() as tf.Tensor4D,
    pair(layer.strides),
    layer.padding,
    'NHWC',
    pair(layer.dilationRate),
  );
  if (layer.useBias && layer.bias) y = tf.add(y, layer.bias.read());
  return layer.activation.apply(y);
}

/**
 * Every layer with a 4-D spatial output smaller than the input, with its static shape; and every residual Add of
 * [T, D] tokens that lie on a patch grid (a transformer block's output), offered as that grid.
 */
export function listLayers(model: LayersModel, inputSize: [number, number]): LayerInfo[] {
  const out: LayerInfo[] = [];
  for (const layer of model.layers as unknown as LayerLike[]) {
    const shape = layer.outputShape as (number | null)[];
    if (!Array.isArray(shape) || Array.isArray(shape[0])) continue;
    if (shape.length === 3 && layer.getClassName() === 'Add') {
      const [, count, dim] = shape;
      const tokens = typeof count === 'number' && typeof dim === 'number' ? tokenLayout(count, inputSize) : null;
      if (tokens && dim) out.push({ name: layer.name, shape: [...tokens.grid, dim], tokens });
      continue;
    }
    if (shape.length !== 4) continue;
    const [, h, w, k] = shape;
    if (
      typeof h === 'number' &&
      typeof w === 'number' &&
      typeof k === 'number' &&
      h >= 2 &&
      w >= 2 &&
      (h < inputSize[0] || w < inputSize[1])
    ) {
      out.push({ name: layer.name, shape: [h, w, k] });
    }
  }
  return out;
}
