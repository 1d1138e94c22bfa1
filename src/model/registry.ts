import type * as tf from '@tensorflow/tfjs-core';
import { bundledModelInfo, type BundledModelId, type BundledModelInfo } from '../core/models';
import { createSelfieModel } from './selfie';
import { createTrainedModel } from './trained';
import { createUnetrModel } from './unetr';
import type { SegmentationModel } from './types';

/** A bundled model's files as fetched: tfjs artifacts, or the bytes of an .onnx file (the entry's `format`). */
export type BundledFiles = { artifacts: tf.io.ModelArtifacts } | { bytes: Uint8Array };
type CreateModel = (files: BundledFiles) => Promise<SegmentationModel>;

const tfjs =
  (create: (a: tf.io.ModelArtifacts) => Promise<SegmentationModel>): CreateModel =>
  (files) => {
    if (!('artifacts' in files)) throw new Error('This model is a TensorFlow.js model; its model.json is needed.');
    return create(files.artifacts);
  };
const onnx =
  (create: (bytes: Uint8Array) => Promise<SegmentationModel>): CreateModel =>
  (files) => {
    if (!('bytes' in files)) throw new Error('This model is an ONNX model; its .onnx file is needed.');
    return create(files.bytes);
  };

/** The constructor of each bundled model (the list itself is core/models.ts): a missing id does not compile. */
const CREATE: Record<BundledModelId, CreateModel> = {
  selfie: tfjs(createSelfieModel),
  unet: tfjs((a) => createTrainedModel('unet', a)),
  deeplab: tfjs((a) => createTrainedModel('deeplab', a)),
  unetr: onnx(createUnetrModel),
};

export interface BundledModel extends BundledModelInfo {
  create: CreateModel;
}

export function bundledModel(id: string): BundledModel {
  const info = bundledModelInfo(id);
  if (!info) throw new Error(`Unknown model "${id}"`);
  return { ...info, create: CREATE[info.id] };
}
