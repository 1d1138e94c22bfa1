import type * as tf from '@tensorflow/tfjs-core';
import { bundledModelInfo, type BundledModelId, type BundledModelInfo } from '../core/models';
import { createSelfieModel } from './selfie';
import { createTrainedModel } from './trained';
import type { SegmentationModel } from './types';

type CreateModel = (artifacts: tf.io.ModelArtifacts) => Promise<SegmentationModel>;

/** The tfjs constructor of each bundled model (the list itself is core/models.ts): a missing id does not compile. */
const CREATE: Record<BundledModelId, CreateModel> = {
  selfie: createSelfieModel,
  unet: (a) => createTrainedModel('unet', a),
  deeplab: (a) => createTrainedModel('deeplab', a),
};

export interface BundledModel extends BundledModelInfo {
  create: CreateModel;
}

export function bundledModel(id: string): BundledModel {
  const info = bundledModelInfo(id);
  if (!info) throw new Error(`Unknown model "${id}"`);
  return { ...info, create: CREATE[info.id] };
}
