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

export const MODEL_IDS = ['selfie'] as const;
