import type * as tf from '@tensorflow/tfjs-core';
import type { BaselineKind } from '../core/kinds';
import type { ExplainTarget } from '../explain/target';
import type { MethodId, MethodSettings } from './registry';

/** A method that combines the cached activations A and gradients G ([h, w, K]) into a raw map [h, w]. */
export interface GradientCompute<Id extends MethodId> {
  needs: 'gradients';
  combine(activations: tf.Tensor3D, gradients: tf.Tensor3D, settings: MethodSettings[Id]): tf.Tensor2D;
}

/** What the engine lends a method that runs its own forward passes. Tensors it hands out stay the engine's. */
export interface ForwardContext {
  /** the preprocessed image, [1, H, W, C] */
  input: tf.Tensor4D;
  target: ExplainTarget;
  baseline: BaselineKind;
  /** the layer's activations [h, w, K] ('activations' methods only) */
  activations: tf.Tensor3D | null;
  /** images per forward pass */
  batchSize: number;
  /** class scores [B, Ho, Wo, C] of a batch; counts the passes */
  scores(batch: tf.Tensor4D): tf.Tensor4D;
  /** class-c probability [B, Ho, Wo] from scores: softmax over channels, or the sigmoid of a one-channel model */
  probability(scores: tf.Tensor4D, classIndex: number): tf.Tensor3D;
  /** argmax labels of a batch on the output grid; counts the passes */
  labels(batch: tf.Tensor4D): Promise<Uint8Array[]>;
  /** fires when the job is superseded, cancelled or its image replaced */
  signal: AbortSignal;
  /** lets cancel messages in between batches; throws AbortError once the job is aborted */
  checkpoint(): Promise<void>;
  /** reports progress; partial() makes the running estimate [h, w] (not normalised) only if a paint is due, and the engine disposes it */
  progress(done: number, total: number, partial: () => tf.Tensor2D): void;
  /** storage that lives as long as the image (e.g. RISE's per-mask predictions) */
  cache: Map<string, unknown>;
}

/** A method that runs batched forward passes: a cancellable job with progress. Returns a raw map. */
export interface ForwardCompute<Id extends MethodId> {
  needs: 'activations' | 'predictions';
  run(ctx: ForwardContext, settings: MethodSettings[Id]): Promise<{ map: tf.Tensor2D; reused: boolean }>;
}

export type MethodCompute<Id extends MethodId> = GradientCompute<Id> | ForwardCompute<Id>;
