import type { BackendName, BaselineKind } from '../core/kinds';
import { DEFAULT_MODEL } from '../core/models';
import { SMOOTHGRAD_MAX } from '../core/smoothGrad';
import type { Region } from '../regions/registry';
import { DEFAULT_METHODS, defaultMethodSettings, type MethodId, type MethodSettings } from '../methods/registry';

/** Everything a share link reproduces. The URL codec (urlCodec.ts) reads and writes exactly these fields. */
export interface ViewParams {
  /** a bundled model id, 'url' for a model loaded from modelUrl, 'files' for one the user opened */
  model: string;
  /** http(s) address of a user's model.json when model === 'url' */
  modelUrl: string | null;
  /** a bundled sample id; null = the user's own image, which no link can carry */
  image: string | null;
  region: Region | null;
  /** explained class index; null = the class predicted at the region */
  classIndex: number | null;
  /** layer name; null = the model's default layer */
  layer: string | null;
  /** the methods on screen, in registry order */
  methods: MethodId[];
  settings: MethodSettings;
  /** sufficiency threshold on the normalised map (paper: 0.2) */
  threshold: number;
  /** what hidden pixels become in RISE, Score-CAM and sufficiency */
  baseline: BaselineKind;
  /** the backend asked for; null = automatic: WebGL, or wasm where WebGL is a software renderer (not in links) */
  backend: BackendName | null;
  /**
   * SmoothGrad: the gradient pass averages A and G over this many seeded noisy copies of the image (every gradient
   * method); absent (or 0, 1) = off, one pass on the clean image
   */
  smoothGrad?: number;
  /** the difference view's A − B, when the user picked one; absent = the default pair (state/viewSlice diffPair) */
  diff?: DiffPair;
}

export interface DiffPair {
  a: MethodId;
  b: MethodId;
}

export function defaultParams(): ViewParams {
  return {
    model: DEFAULT_MODEL.id,
    modelUrl: null,
    image: DEFAULT_MODEL.defaultImage,
    region: null,
    classIndex: null,
    layer: null,
    methods: [...DEFAULT_METHODS],
    settings: defaultMethodSettings(),
    threshold: 0.2,
    baseline: 'mean',
    backend: null,
  };
}

export const DEFAULT_PARAMS: Readonly<ViewParams> = defaultParams();

/** Limits of the view-wide numbers (each method's settings carry their own). */
export const LIMITS = {
  threshold: { min: 0, max: 1 },
  classIndex: { min: 0, max: 255 },
  /** SmoothGrad's noisy copies: 0 and 1 are off */
  smoothGrad: { min: 0, max: SMOOTHGRAD_MAX },
} as const;
