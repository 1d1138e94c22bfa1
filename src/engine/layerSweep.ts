import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../core/abort';
import type { HeatMap } from '../core/results';
import { gradientsOfScore } from '../explain/activationGradients';
import { hostTensor } from '../explain/host/tensor';
import { resizeMaskNearest } from '../explain/metrics/region';
import { relevanceMass } from '../explain/metrics/relevanceMass';
import { weightedScore, weightsTensor } from '../explain/score';
import type { ExplainTarget } from '../explain/target';
import { combineMaps } from '../methods/combine';
import { blobsUnder } from '../regions/component/kind';
import type { MethodId } from '../methods/registry';
import type { SegmentationModel } from '../model/types';
import type { LayerSweepProgress, LayerSweepRow, MethodCall } from './protocol';

export interface LayerSweepContext {
  model: SegmentationModel;
  input: tf.Tensor4D;
  target: ExplainTarget;
  layers: string[];
  methods: MethodCall[];
  signal: AbortSignal;
  /** between layers: lets cancels and urgent requests in, then throws if the sweep was aborted */
  checkpoint(): Promise<void>;
  /** counts one backward pass */
  counted(): void;
  onProgress(p: LayerSweepProgress): void;
}

/**
 * The gradient methods on screen at each listed layer, for one target (same W): A by a forward pass to each layer, and
 * ∂S/∂A of every layer from one backward pass where the model can tap its layers (zero taps added to each layer's
 * activations: ∂S/∂tap = ∂S/∂A), else one backward pass per layer. Each map comes with its relevance mass on the object
 * (the predicted blobs of class c that M lies on: M itself for a blob or a drawn region, the whole item for a point).
 */
export async function runLayerSweep(ctx: LayerSweepContext): Promise<{ rows: LayerSweepRow[]; onePass: boolean }> {
  const { model, input, target, methods } = ctx;
  const known = new Map(model.layers.map((l) => [l.name, l]));
  const layers = [...new Set(ctx.layers)].filter((l) => known.has(l));
  if (layers.length === 0) throw new Error('None of the layers to sweep belongs to this model.');
  const [h, w] = model.outputSize;
  const weights = weightsTensor(target, [h, w]);
  // Mass on the object: a point's M is one pixel, whose share of any map is ~0; the blob under M is what it points at.
  const grid = { width: w, height: h };
  const object = blobsUnder(target.region, target.labels, grid, target.classIndex);
  const region = resizeMaskNearest(object.some(Boolean) ? object : target.region, model.outputSize, model.inputSize);
  const onePass = model.runWithTaps !== undefined;
  let tapped: tf.Tensor[] = [];
  try {
    if (model.runWithTaps) {
      await ctx.checkpoint();
      ctx.counted();
      const run = model.runWithTaps.bind(model);
      const taps = layers.map((l) => tf.zeros([1, ...(known.get(l)?.shape ?? [])]));
      try {
        tapped = tf.grads((...t: tf.Tensor[]) =>
          weightedScore(run(input, new Map(layers.map((l, i) => [l, t[i] as tf.Tensor4D]))), weights),
        )(taps);
      } finally {
        tf.dispose(taps);
      }
    }
    const rows: LayerSweepRow[] = [];
    for (const [i, layer] of layers.entries()) {
      await ctx.checkpoint();
      const a = model.runToLayer(input, layer);
      const [, lh, lw, k] = a.shape;
      let ag: { activations: tf.Tensor3D; gradients: tf.Tensor3D };
      try {
        if (onePass) {
          ag = {
            activations: tf.reshape(a, [lh, lw, k]),
            gradients: tf.reshape(tapped[i] as tf.Tensor, [lh, lw, k]),
          };
        } else {
          ctx.counted();
          ag = gradientsOfScore(
            (t) => model.runFromLayer(input, layer, t),
            a,
            (y) => weightedScore(y, weights),
          );
        }
      } finally {
        a.dispose();
      }
      let maps: Partial<Record<MethodId, HeatMap>>;
      try {
        const [ad, gd] = await Promise.all([ag.activations.data(), ag.gradients.data()]);
        maps = combineMaps(
          methods,
          hostTensor(ad as Float32Array, ag.activations.shape),
          hostTensor(gd as Float32Array, ag.gradients.shape),
          model.inputSize,
        );
      } finally {
        ag.activations.dispose();
        ag.gradients.dispose();
      }
      throwIfAborted(ctx.signal);
      const mass: Partial<Record<MethodId, number>> = {};
      for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][])
        mass[id] = relevanceMass(map.data, region, model.inputSize).mass;
      const row: LayerSweepRow = { layer, shape: [lh, lw, k], maps, mass };
      rows.push(row);
      ctx.onProgress({ done: rows.length, total: layers.length, row });
    }
    return { rows, onePass };
  } finally {
    tf.dispose(tapped);
    weights.dispose();
  }
}
