/**
 * The faithfulness curves of a map as plain data (docs/METHOD.md, "Metrics of a map"): what explain/metrics computes,
 * the engine's curves job returns and the Faithfulness view draws.
 */

/** The two perturbation curves: pixels removed in map order, or restored in map order. */
export type CurveKind = 'deletion' | 'insertion';
export const CURVE_KINDS: readonly CurveKind[] = ['deletion', 'insertion'];

export interface CurvePoint {
  /** i/n: the x of the plot and of the AUC */
  fraction: number;
  /** k_i/N, the share of pixels actually replaced (deletion) or restored (insertion) */
  perturbed: number;
  /** f_i: mean over M of the class-c probability */
  score: number;
}

export interface PerturbationCurve {
  points: CurvePoint[];
  /** (1/n) Σ (f_i + f_{i+1})/2; lower is better for deletion, higher for insertion */
  auc: number;
}

export interface SufficiencyCurvePoint {
  threshold: number;
  /** Dice(P'^c ∩ M, P^c ∩ M) on the image that keeps only map > threshold */
  dice: number;
  /** |keep| / |image| */
  retained: number;
  /** true for the point at the view's threshold: computed as the panel's sufficiency read-out is, so the two agree */
  current?: boolean;
}

/** One method's curves: deletion and insertion (n + 1 points each) and the sufficiency curve (by threshold). */
export interface MethodCurves extends Record<CurveKind, PerturbationCurve> {
  /** in threshold order; empty when not asked for */
  sufficiency: SufficiencyCurvePoint[];
}

/** What the model saw at the read-out's threshold (the paper's Figs. 2–3): a thumbnail and its prediction. */
export interface MaskedView {
  /** the masked model input, RGBA, at most 128 px a side (grey for a one-channel model) */
  image: { data: Uint8ClampedArray; width: number; height: number };
  /** the model's labels on the masked input, on the output grid (row-major) */
  labels: Uint8Array;
  /** [h, w] of the output grid */
  labelSize: [number, number];
}
