import type * as tf from '@tensorflow/tfjs-core';
import { createSelfieModel } from './selfie';
import { createTrainedModel } from './trained';
import type { SegmentationModel } from './types';

export interface BundledModel {
  id: string;
  /** path of model.json under the app's public folder */
  path: string;
  create(artifacts: tf.io.ModelArtifacts): Promise<SegmentationModel>;
}

export const BUNDLED_MODELS: readonly BundledModel[] = [
  { id: 'selfie', path: 'models/selfie/selfie.json', create: createSelfieModel },
  { id: 'unet', path: 'models/unet/model.json', create: (a) => createTrainedModel('unet', a) },
  { id: 'deeplab', path: 'models/deeplab/model.json', create: (a) => createTrainedModel('deeplab', a) },
];

export function bundledModel(id: string): BundledModel {
  const m = BUNDLED_MODELS.find((b) => b.id === id);
  if (!m) throw new Error(`Unknown model "${id}"`);
  return m;
}
