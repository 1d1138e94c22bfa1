import type * as tf from '@tensorflow/tfjs-core';
import type { Flow } from './affinity';
import type { LayerInfo } from '../core/modelInfo';
import type { WeightRandomizer } from './types';

/** What a user's model kind (LayersModel, GraphModel, ONNX) gives the common adapter in custom.ts. NHWC throughout. */
export interface Core {
  inputShape: [number, number, number];
  activation: 'softmax' | 'sigmoid' | null;
  /** the output, or a layer's raw value (`until`; [B, h, w, K] or a token layer's [B, T, D]) */
  run(x: tf.Tensor4D, opts?: { until?: string; replace?: { layer: string; value: tf.Tensor } }): tf.Tensor;
  /** the output with each tap added to its layer's raw value (zero taps: ∂out/∂layer for all layers in one pass) */
  runWithTaps?(x: tf.Tensor4D, taps: ReadonlyMap<string, tf.Tensor>): tf.Tensor;
  /** every layer worth explaining: spatial [h, w, K] grids and token layers (with `tokens`) */
  layers(probe: tf.Tensor4D): LayerInfo[];
  /** the dataflow from each layer to the output, for affineToOutput */
  flow: Flow;
  maxBatch: number;
  /** the sanity check's weight swapping, or why the weights cannot be swapped */
  randomization: { randomize(seed: number): WeightRandomizer } | { unavailable: string };
  dispose(): void;
}
