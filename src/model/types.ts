import type * as tf from '@tensorflow/tfjs-core';
import type { ModelDescriptor, Pixels } from '../core/modelInfo';

/**
 * One adapter for every model. Class scores are per-class logits [B, H, W, C]; a single-channel sigmoid model
 * exposes C = 2 as [−logit, logit] (background, foreground) so argmax is "logit > 0" and Y^fg is the logit itself.
 */
export interface SegmentationModel extends ModelDescriptor {
  /** largest batch forward() accepts */
  maxBatch: number;
  /** batch sizes worth timing for jobs (default 1, 2, 4, … up to maxBatch); a fixed-batch graph pads the others */
  batchSizes?: readonly number[];
  preprocess(pixels: Pixels): tf.Tensor4D;
  /** full forward: [B, H, W, 3] → class scores [B, Ho, Wo, C] */
  forward(x: tf.Tensor4D): tf.Tensor4D;
  /** argmax labels of a batch, when the adapter has a faster way than argmax over forward() */
  labels?(x: tf.Tensor4D): Promise<Uint8Array[]>;
  /** activations of a layer for one image: [1, h, w, K] */
  runToLayer(x: tf.Tensor4D, layer: string): tf.Tensor4D;
  /** class scores computed from a layer's activations (other inputs, such as skips, are taken from x) */
  runFromLayer(x: tf.Tensor4D, layer: string, activations: tf.Tensor4D): tf.Tensor4D;
  /**
   * Class scores with each tap ([1, h, w, K], zeros) added to its layer's activations: tf.grads over the taps gives
   * ∂S/∂A of every tapped layer from one backward pass (the layer sweep). Absent when the model cannot tap layers.
   */
  runWithTaps?(x: tf.Tensor4D, taps: ReadonlyMap<string, tf.Tensor4D>): tf.Tensor4D;
  /**
   * The sanity check's weight swapping (docs/METHOD.md, "Sanity check"): seeded random draws of the weights, cascading
   * from the output downward. Absent when the weights cannot be swapped; sanityUnavailable then says why.
   */
  randomizeWeights?(seed: number): WeightRandomizer;
  dispose(): void;
}

/** One step of cascading randomisation: the weight layers it adds to those randomised by the steps before it. */
export interface RandomizationStep {
  /** layer names, from the output downward */
  layers: string[];
}

/** Cascading parameter randomisation of one model, for one seed (src/model/weightRandomizer.ts). */
export interface WeightRandomizer {
  /** at most MAX_RANDOMIZATION_STEPS steps, from the output downward: step 0 is the output layer alone */
  readonly steps: readonly RandomizationStep[];
  /**
   * Runs fn with the weights of steps 0..upTo replaced by their seeded draws, then puts the originals back, also when
   * fn throws. Synchronous on purpose: nothing else (a job, a click) can ever run on the swapped weights. Draws are
   * made the first time a step is reached and kept until dispose().
   */
  run<T>(upTo: number, fn: () => T): T;
  /** frees the draws; the model keeps its own weights, untouched */
  dispose(): void;
}
