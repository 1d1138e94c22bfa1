/** Images bundled with the app, offered in the picker and addressable from share links. */
export interface Sample {
  id: string;
  name: string;
  /** path under public/ */
  path: string;
  credit: string;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'astronaut',
    name: 'Astronaut (Eileen Collins)',
    path: 'samples/astronaut.png',
    credit: 'NASA, public domain (via scikit-image data)',
  },
];

/** Bundled models offered in the picker; each opens on a sample it was made for. */
export const MODELS = [
  { id: 'selfie', name: 'MediaPipe selfie (person)', defaultImage: 'astronaut' },
  { id: 'unet', name: 'UNet, Fashion-MNIST scenes', defaultImage: 'fashion-0' },
  { id: 'deeplab', name: 'DeepLabV3, Fashion-MNIST scenes', defaultImage: 'fashion-0' },
] as const;

export const MODEL_IDS: readonly string[] = MODELS.map((m) => m.id);
