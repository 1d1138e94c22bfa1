import type { SufficientRegions } from '../../core/method';
import type { MethodId } from '../../methods/registry';

// The report's share of a job that looks for regions (MiSuRe): its read-outs as metrics, its sufficient region a file.

/** The sufficient region's file in the zip. */
export const sufficientFile = (id: MethodId) => `maps/${id}_sufficient.npy`;

export const SUFFICIENT_README =
  "maps/<m>_sufficient.npy  a job's sufficient region (MiSuRe's stage 1): uint8 [H, W] (0/1) on the input grid";

/** Each region's share of the image and the Dice it reaches, flat (metrics.csv: "regions.minimalDice"). */
export function regionValues(r: SufficientRegions) {
  return {
    threshold: r.threshold,
    sufficientKept: r.sufficient.kept,
    sufficientDice: r.sufficient.dice,
    sufficientRadius: r.sufficient.radius,
    sufficientReached: r.sufficient.reached,
    minimalKept: r.minimal.kept,
    minimalDice: r.minimal.dice,
  };
}
