import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { withAffinity } from './affinity';
import { flowOfLayersModel } from './affinityLayers';
import { listLayers, runLayers } from './layersGraph';
import { pixelsToInput } from './pixels';
import type { ClassInfo } from '../core/modelInfo';
import { bundledModelInfo } from '../core/models';
import type { SegmentationModel } from './types';
import { layersRandomization } from './layersRandomization';

/** Fashion-MNIST scene classes, in the models' channel order; colours from Tableau 10 plus black for background. */
export const FASHION_CLASSES: ClassInfo[] = [
  ['background', '#000000'],
  ['T-shirt/top', '#4e79a7'],
  ['Trouser', '#f28e2b'],
  ['Pullover', '#e15759'],
  ['Dress', '#76b7b2'],
  ['Coat', '#59a14f'],
  ['Sandal', '#edc948'],
  ['Shirt', '#b07aa1'],
  ['Sneaker', '#ff9da7'],
  ['Bag', '#9c755f'],
  ['Ankle boot', '#bab0ac'],
].map(([name, color]) => ({ name: name as string, color: color as string }));

/**
 * The layer each model explains by default, chosen by measurement (docs/default-layers.md): the highest share of
 * Seg-XRes-CAM's mass on the clicked item's box over the held-out scenes, among layers on the main path (not one of
 * parallel branches, which explain only their share, nor a layer followed only by linear operations). The paper's
 * bottleneck stays one click away.
 */
export const MEASURED_DEFAULT_LAYER: Record<string, string> = {
  unet: 'dec3_conv1',
  deeplab: 'aspp_project_conv',
  unetr: '/dec2/dec2.0/dec2.0.0/Conv_output_0',
};

/** Our UNet and DeepLabV3 (PyTorch-trained, exported as LayersModels whose output is the class logits). */
export async function createTrainedModel(id: string, artifacts: tf.io.ModelArtifacts): Promise<SegmentationModel> {
  const model = await loadLayersModel(tf.io.fromMemory(artifacts));
  const inShape = model.inputs[0]?.shape ?? [];
  const size: [number, number] = [inShape[1] ?? 96, inShape[2] ?? 96];
  const named = listLayers(model, size).map((l) => (l.name === 'bottleneck' ? { ...l, label: 'bottleneck' } : l));
  const layers = withAffinity(named, flowOfLayersModel(model));
  layers.sort((a, b) => Number(b.name === 'bottleneck') - Number(a.name === 'bottleneck'));
  const randomization = layersRandomization(model);
  return {
    id,
    title: bundledModelInfo(id)?.title ?? id,
    inputSize: size,
    outputSize: size,
    classes: FASHION_CLASSES,
    layers,
    defaultLayer: MEASURED_DEFAULT_LAYER[id] ?? 'bottleneck',
    bottleneck: 'bottleneck',
    outputKind: 'softmax',
    maxBatch: 16,
    // Grayscale in 0..1, the way the training scenes were fed.
    preprocess: (pixels) => pixelsToInput(pixels, size, 1),
    forward: (x) => tf.tidy(() => runLayers(model, x) as tf.Tensor4D),
    runToLayer: (x, layer) => tf.tidy(() => runLayers(model, x, { until: layer }) as tf.Tensor4D),
    runFromLayer: (x, layer, a) => tf.tidy(() => runLayers(model, x, { replace: { layer, value: a } }) as tf.Tensor4D),
    runWithTaps: (x, taps) => tf.tidy(() => runLayers(model, x, { taps }) as tf.Tensor4D),
    ...('randomize' in randomization
      ? { randomizeWeights: randomization.randomize }
      : { sanityUnavailable: randomization.unavailable }),
    dispose: () => model.dispose(),
  };
}
