/** The robustness read-out's noise (docs/METHOD.md, "Robustness"), read by the engine's metric and the app. */

/** σ as a share of the image's value range: SmoothGrad's 10–20 % (Smilkov et al. 2017), its low end. */
export const ROBUSTNESS_SIGMA = 0.1;
/** noisy draws per read-out: 8 forward + backward passes beside the clean one */
export const ROBUSTNESS_DRAWS = 8;
