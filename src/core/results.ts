import type { MaskedView } from './faithfulness';

/** A map on the model's input grid, normalised to [0, 1]. */
export interface HeatMap {
  data: Float32Array;
  size: [number, number];
  /** false when the raw map was all zero: "no positive evidence" */
  positive: boolean;
}

/** eMPRT of one map (docs/METHOD.md, "eMPRT"): entropies in nats and their relative rise. */
export interface Emprt {
  /** entropy of the map with the trained weights */
  original: number;
  /** entropy of the map with every weight random */
  randomised: number;
  /** (randomised − original) / original; NaN when either entropy is undefined or the original's is 0 */
  rise: number;
}

/** What the engine explained for a request, as the read-out shows it. */
export interface ExplainedTarget {
  classIndex: number;
  /** |M| on the output grid */
  regionPixels: number;
  /** drawn pixels that the intersection with the class removed */
  removedByClass: number;
  /** [h, w, K] of the layer (CAMs only) */
  layerShape: [number, number, number] | null;
  /** S on logits */
  score: number | null;
  /** M on the output grid (0/1, row-major), for outlines */
  mask: Uint8Array;
  /** cells weighted −1 in the explained class (the outer ring of a border), or null */
  ring: Uint8Array | null;
  /** [h, w] of the output grid */
  maskSize: [number, number];
}

export interface SufficiencyReading {
  /** Dice(P'^c ∩ M, P^c ∩ M) */
  dice: number;
  /** |keep| / |image| */
  retained: number;
  /** mean over M of the class-c probability, on the masked image ÷ on the original: continuous where Dice is not */
  confidenceKept: number;
  /** the denominator of confidenceKept: mean over M of the class-c probability on the original image */
  originalConfidence: number;
  /** |P^c ∩ M|: pixels of M that the original prediction gives to class c (0: the class is not predicted there) */
  classPixels: number;
  /** the masked input the model saw and its prediction (the engine's read-out has it; the window sweep's has not) */
  masked?: MaskedView;
}

/** The metrics of a map that need no network run (docs/METHOD.md, "Metrics of a map"), on the input grid. */
export interface MapMetrics {
  /** relevance mass in M: Σ_M E / Σ E, and its chance level |M| / |image| */
  relevanceMass: number;
  chance: number;
  /** relevance rank accuracy: share of M among the top-|M| pixels of E */
  relevanceRank: number;
  /** leakage: the share of E outside M, and outside {P == c} (null when the prediction is not at hand) */
  leakRegion: number;
  leakClass: number | null;
  /** the map's arg-max lies in M dilated by the pointing tolerance */
  pointingHit: boolean;
  /** agreement with the RISE map (null for RISE itself, or before RISE is done; NaN for a constant map) */
  pearson: number | null;
  spearman: number | null;
}
