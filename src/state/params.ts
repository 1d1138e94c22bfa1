/** Everything a share link reproduces. The URL codec (urlCodec.ts) reads and writes exactly these fields. */
export type PoolType = 'max' | 'mean';
export type EdgeMode = 'valid' | 'reference';
export type BaselineKind = 'mean' | 'black' | 'blur';
export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type RegionMode = 'point' | 'component' | 'class';

/** A region picked on the image, in normalised image coordinates [0, 1]. */
export interface RegionParam {
  mode: RegionMode;
  x: number;
  y: number;
}

export interface ViewParams {
  /** a bundled model id, or 'url' for a model loaded from modelUrl */
  model: string;
  /** http(s) address of a user's model.json when model === 'url' */
  modelUrl: string | null;
  image: string;
  region: RegionParam | null;
  /** explained class index; null = the class predicted at the click */
  classIndex: number | null;
  /** layer name; null = the model's default (bottleneck) */
  layer: string | null;
  pool: PoolType;
  /** square pooling window side in cells; 0 = the whole grid (Grad-CAM) */
  window: number;
  edges: EdgeMode;
  threshold: number;
  rise: { count: number; gridSize: number; keepProbability: number; seed: number; baseline: BaselineKind };
  backend: BackendName;
}

export const DEFAULT_PARAMS: ViewParams = {
  model: 'selfie',
  modelUrl: null,
  image: 'astronaut',
  region: null,
  classIndex: null,
  layer: null,
  pool: 'max',
  window: 2,
  edges: 'valid',
  threshold: 0.2,
  rise: { count: 2000, gridSize: 8, keepProbability: 0.5, seed: 1, baseline: 'mean' },
  backend: 'webgl',
};

/** Limits the codec clamps to (a share link can never ask for more). */
export const LIMITS = {
  window: { min: 0, max: 256 },
  threshold: { min: 0, max: 1 },
  riseCount: { min: 1, max: 8000 },
  gridSize: { min: 2, max: 32 },
  keepProbability: { min: 0.05, max: 0.95 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  classIndex: { min: 0, max: 255 },
} as const;
