// The sanity check's part of the engine contract (re-exported by protocol.ts).
import type { SanityControls } from '../core/controls';
import type { Emprt, ExplainedTarget, HeatMap } from '../core/results';
import type { MethodId } from '../methods/registry';
import type { MethodCall, TargetRequest } from './protocol';

/**
 * The sanity check (docs/METHOD.md, "Sanity check"; Adebayo et al. 2018): the gradient methods' maps for the target
 * at the layer, with the original weights, then after each step of cascading randomisation from the output downward.
 */
export interface SanityRequest extends TargetRequest {
  layer: string;
  /** the gradient methods on screen, with their settings */
  methods: MethodCall[];
  /** seeds the random weights: the same seed gives the same maps */
  seed: number;
}

/** One row of the sanity check: the maps after step `step` (0: the original weights). */
export interface SanityStep {
  /** 0 = original weights; s ≥ 1 = the layers of steps 1..s randomised */
  step: number;
  /** the layers this step adds to those randomised before it, from the output down (empty for the original) */
  layers: string[];
  maps: Partial<Record<MethodId, HeatMap>>;
  /** Spearman's ρ between this step's map and the original's, per method (1 for the original; NaN: constant map) */
  spearman: Partial<Record<MethodId, number>>;
  /** eMPRT per method (docs/METHOD.md): on the last step only, where every weight is random */
  emprt?: Partial<Record<MethodId, Emprt>>;
  /** the controls' ρ at this step (docs/METHOD.md, "Controls") */
  controls: SanityControls<MethodId>;
}

export interface SanityProgress {
  /** steps done (the original counts), of total */
  done: number;
  total: number;
  step: SanityStep;
}

export interface SanityResult {
  target: ExplainedTarget;
  layer: string;
  seed: number;
  steps: SanityStep[];
  /** wall time of the whole check (ms) */
  ms: number;
}
