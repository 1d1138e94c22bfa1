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
  // Held-out test scenes of the trained models: Fashion-MNIST items (Zalando Research, MIT) composed by scripts/train.
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    id: `fashion-${n}`,
    name: `Fashion-MNIST scene ${n}`,
    path: `samples/fashion/scene-${n}.png`,
    credit: 'Fashion-MNIST (Zalando Research, MIT licence), test split',
  })),
];

/** Bundled models offered in the picker; each opens on a sample it was made for. */
export const MODELS = [
  { id: 'selfie', name: 'MediaPipe selfie (person)', defaultImage: 'astronaut' },
  { id: 'unet', name: 'UNet, Fashion-MNIST scenes', defaultImage: 'fashion-1' },
  { id: 'deeplab', name: 'DeepLabV3, Fashion-MNIST scenes', defaultImage: 'fashion-1' },
] as const;

export const MODEL_IDS: readonly string[] = MODELS.map((m) => m.id);
