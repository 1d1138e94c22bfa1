import type { ExplainedTarget } from '../core/results';
import type { MethodId } from '../methods/registry';
import type { MethodCall, TargetRequest } from './protocol';

/**
 * Robustness of the gradient methods' maps to small input noise (docs/METHOD.md, "Robustness"): one clean and `draws`
 * noisy forward + backward passes for the target at the layer, shared by every listed method.
 */
export interface RobustnessRequest extends TargetRequest {
  layer: string;
  methods: MethodCall[];
  /** σ as a share of the image's value range */
  sigma: number;
  draws: number;
  /** seeds the noise: the same seed gives the same noisy images */
  seed: number;
}

export interface RobustnessProgress {
  /** passes done (the clean one counts), of total */
  done: number;
  total: number;
}

export interface RobustnessResult {
  target: ExplainedTarget;
  /** per method: mean Pearson r of the clean map with each noisy map, and r per draw */
  methods: Partial<Record<MethodId, { mean: number; values: number[] }>>;
  /** σ in the model input's units */
  sigma: number;
  draws: number;
  /** wall time (ms) */
  ms: number;
}
