import * as tf from '@tensorflow/tfjs-core';

/** Labels (argmax or sigmoid > 0) of each image of a batch, on the output grid. */
export type PredictLabels = (batch: tf.Tensor4D) => Promise<Uint8Array[]>;

/**
 * A batch of images as host values, [n, H, W, C] row-major: what RISE builds in plain JS. Halves of it go to a helper
 * worker as they are, with no tensor read back or split (on wasm, splitting a 256² batch took longer than its copy).
 */
export interface HostImages {
  /** replaced by the view a helper hands back when the batch was lent to it (see remake) */
  data: Float32Array;
  shape: [number, number, number, number];
  /**
   * Set by a maker that can draw the same images again: the batch may then be lent whole to a helper worker (its
   * buffer transferred, not copied: ~1 ms a 256² image in Chromium's worker), and if the helper dies with it, these
   * images are drawn again in a new buffer.
   */
  remake?: () => Float32Array;
}

/** Labels of a batch given as host values; the callee copies what it keeps, so the caller may reuse `data`. */
export type PredictHostLabels = (images: HostImages) => Promise<Uint8Array[]>;

/** A batch of host values as a tensor (a copy): the caller disposes it. (host/tensor.ts's hostTensor wraps A or G.) */
export const imagesTensor = (images: HostImages): tf.Tensor4D => tf.tensor4d(images.data, images.shape);

/** PredictLabels on host batches: each batch made a tensor for the call, then disposed. */
export function onHostImages(predict: PredictLabels): PredictHostLabels {
  return async (images) => {
    const batch = imagesTensor(images);
    try {
      return await predict(batch);
    } finally {
      batch.dispose();
    }
  };
}

/** What a prediction on a perturbed image is compared with: the region and the unperturbed prediction. */
export interface LabelTarget {
  /** M on the output grid */
  region: Uint8Array;
  /** P, the prediction on the unmasked image, on the output grid */
  labels: Uint8Array;
  classIndex: number;
}
