/** A map on the model's input grid, normalised to [0, 1]. */
export interface HeatMap {
  data: Float32Array;
  size: [number, number];
  /** false when the raw map was all zero: "no positive evidence" */
  positive: boolean;
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
}
