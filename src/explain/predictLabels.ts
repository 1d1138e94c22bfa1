import type * as tf from '@tensorflow/tfjs-core';

/** Labels (argmax or sigmoid > 0) of each image of a batch, on the output grid. */
export type PredictLabels = (batch: tf.Tensor4D) => Promise<Uint8Array[]>;

/** What a prediction on a perturbed image is compared with: the region and the unperturbed prediction. */
export interface LabelTarget {
  /** M on the output grid */
  region: Uint8Array;
  /** P, the prediction on the unmasked image, on the output grid */
  labels: Uint8Array;
  classIndex: number;
}
