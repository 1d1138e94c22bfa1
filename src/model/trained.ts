import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { listLayers, runLayers } from './layersGraph';
import type { ClassInfo, Pixels, SegmentationModel } from './types';

/** Fashion-MNIST scene classes, in the models' channel order; colours from Tableau 10 plus black for background. */
export const FASHION_CLASSES: ClassInfo[] = [
  ['background', '#000000'], ['T-shirt/top', '#4e79a7'], ['Trouser', '#f28e2b'], ['Pullover', '#e15759'],
  ['Dress', '#76b7b2'], ['Coat', '#59a14f'], ['Sandal', '#edc948'], ['Shirt', '#b07aa1'], ['Sneaker', '#ff9da7'],
  ['Bag', '#9c755f'], ['Ankle boot', '#bab0ac'],
].map(([name, color]) => ({ name: name as string, color: color as string }));

export const TRAINED_TITLES: Record<string, string> = {
  unet: 'UNet trained on Fashion-MNIST scenes (11 classes)',
  deeplab: 'DeepLabV3 trained on Fashion-MNIST scenes (11 classes)',
};

/** Grayscale [1, H, W, 1] in 0..1, the way the training scenes were fed. */
export function grayscaleInput(pixels: Pixels, size: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const data = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
    const rgb = tf.browser.fromPixels({ width: pixels.width, height: pixels.height, data }, 3);
    const gray = tf.sum(tf.mul(tf.cast(rgb, 'float32'), tf.tensor1d([0.299, 0.587, 0.114])), -1, true);
    return tf.expandDims(tf.div(tf.image.resizeBilinear(gray as tf.Tensor3D, size, false, true), 255), 0) as tf.Tensor4D;
  });
}

/** Our UNet and DeepLabV3 (PyTorch-trained, exported as LayersModels whose output is the class logits). */
export async function createTrainedModel(id: string, artifacts: tf.io.ModelArtifacts): Promise<SegmentationModel> {
  const model = await loadLayersModel(tf.io.fromMemory(artifacts));
  const inShape = model.inputs[0]?.shape ?? [];
  const size: [number, number] = [inShape[1] ?? 96, inShape[2] ?? 96];
  const layers = listLayers(model, size).map((l) => (l.name === 'bottleneck' ? { ...l, label: 'bottleneck' } : l));
  layers.sort((a, b) => Number(b.name === 'bottleneck') - Number(a.name === 'bottleneck'));
  return {
    id,
    title: TRAINED_TITLES[id] ?? id,
    inputSize: size,
    outputSize: size,
    classes: FASHION_CLASSES,
    layers,
    defaultLayer: 'bottleneck',
    maxBatch: 16,
    preprocess: (pixels) => grayscaleInput(pixels, size),
    forward: (x) => tf.tidy(() => runLayers(model, x) as tf.Tensor4D),
    runToLayer: (x, layer) => tf.tidy(() => runLayers(model, x, { until: layer }) as tf.Tensor4D),
    runFromLayer: (x, layer, a) => tf.tidy(() => runLayers(model, x, { replace: { layer, value: a } }) as tf.Tensor4D),
    dispose: () => model.dispose(),
  };
}
