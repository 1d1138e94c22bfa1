import type { Grid } from '../core/grid';
import { regionClass } from '../regions/classRule';
import { TargetError } from '../regions/kind';
import { OPS } from '../regions/ops';
import type { Region } from '../regions/registry';
import { regionSize } from '../regions/buildRegion';

export { TargetError };

/** What an explanation is about, resolved on the output grid (docs/METHOD.md, "target weights"). */
export interface ExplainTarget {
  classIndex: number;
  /** M, the positive part of the weights in channel c: what RISE, sufficiency and the metrics use */
  region: Uint8Array;
  /** P, the prediction on the unmasked image */
  labels: Uint8Array;
  /** W [H, W, C] row-major: S = Σ W ⊙ Y */
  weights: Float32Array;
  /** pixels of the drawn area that the intersection with the class removed (drawn regions only) */
  removedByClass: number;
}

export interface TargetInput {
  labels: Uint8Array;
  grid: Grid;
  numClasses: number;
  classNames: readonly string[];
  /** the chosen class; null = the class most of the region's marked pixels predict (regions/classRule.ts) */
  classIndex: number | null;
}

/**
 * Resolves a region into target weights, each kind by its plug-in (regions/<kind>/); an empty region is refused with
 * a message, never explained.
 */
export function buildTarget(region: Region, input: TargetInput): ExplainTarget {
  const { labels, numClasses } = input;
  const cls = resolveClass(region, input);
  const resolved = OPS.target(region, cls, input);
  const weights = new Float32Array(labels.length * numClasses);
  for (const { cls: c, weights: w } of resolved.channels) {
    for (let i = 0; i < labels.length; i++) weights[i * numClasses + c] = w[i] as number;
  }
  if (regionSize(resolved.mask) === 0) {
    const what = `no pixel of class "${input.classNames[cls]}" there`;
    throw new TargetError(`The region is empty: ${what}. Click on the class, or use the point mode.`);
  }
  return { classIndex: cls, region: resolved.mask, labels, weights, removedByClass: resolved.removed };
}

/** The chosen class, else the class most of the region's marked pixels predict (one rule for every kind). */
function resolveClass(region: Region, input: TargetInput): number {
  const { labels, grid, numClasses } = input;
  const cls = input.classIndex ?? regionClass(region, labels, grid, numClasses);
  if (cls < 0 || cls >= numClasses) throw new TargetError(`Class ${cls} does not exist in this model.`);
  return cls;
}
