/** SmoothGrad's noise for the gradient pass (docs/METHOD.md, "SmoothGrad"), read by the engine, the link and the UI. */
import { ROBUSTNESS_SIGMA } from './robustness';

/** σ as a share of the image's value range: the robustness read-out's noise (SmoothGrad's 10–20 %, its low end). */
export const SMOOTHGRAD_SIGMA = ROBUSTNESS_SIGMA;
/** seeds the noisy copies: a link reproduces the same smoothed maps on every machine */
export const SMOOTHGRAD_SEED = 18;
/** most noisy copies: each one is a forward + backward pass */
export const SMOOTHGRAD_MAX = 32;

/** The copies averaged for a requested n: absent, 0 and 1 mean off (one pass on the clean image). */
export function smoothCopies(n: number | undefined): number {
  if (n === undefined || !Number.isInteger(n) || n < 2) return 1;
  return Math.min(n, SMOOTHGRAD_MAX);
}
