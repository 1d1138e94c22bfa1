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
  dispose(): void;
}
