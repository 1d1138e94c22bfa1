import { adapt } from './custom';
import { onnxCore } from './onnx/core';
import { FASHION_CLASSES, MEASURED_DEFAULT_LAYER } from './trained';
import { bundledModelInfo } from '../core/models';
import type { SegmentationModel } from './types';

/** The last transformer block's output (12×12 tokens): the encoder's deepest features, the paper's layer. */
const UNETR_BOTTLENECK = '/blocks.5/Add_1_output_0';

/** Our UNETR (PyTorch-trained, shipped as ONNX): run by the ONNX importer like a user's file, with our class names. */
export async function createUnetrModel(bytes: Uint8Array): Promise<SegmentationModel> {
  const title = bundledModelInfo('unetr')?.title ?? 'UNETR';
  const core = onnxCore(bytes);
  let model: SegmentationModel;
  try {
    model = await adapt(
      core,
      { inputRange: '0,1', outputKind: 'softmax', outputIs: 'logits', classNames: FASHION_CLASSES.map((c) => c.name) },
      title,
    );
  } catch (e) {
    core.dispose();
    throw e;
  }
  const layers = model.layers.map((l) => (l.name === UNETR_BOTTLENECK ? { ...l, label: 'bottleneck' } : l));
  layers.sort((a, b) => Number(b.name === UNETR_BOTTLENECK) - Number(a.name === UNETR_BOTTLENECK));
  return {
    ...model,
    id: 'unetr',
    classes: FASHION_CLASSES,
    layers,
    defaultLayer: MEASURED_DEFAULT_LAYER.unetr ?? UNETR_BOTTLENECK,
    bottleneck: UNETR_BOTTLENECK,
  };
}
