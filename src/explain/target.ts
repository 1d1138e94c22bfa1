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
  /**
   * W by class channel, each [H, W] row-major: S = Σ W ⊙ Y, channels not listed weigh 0. Sparse: a dense
   * [H, W, C] array is C times the grid (774 kB for DeepLabV3's 21 classes at 96², about 1 ms a click to fill).
   */
  channels: readonly TargetChannel[];
  /** C, the model's class channels */
  numClasses: number;
  /** pixels of the drawn area that the intersection with the class removed (drawn regions only) */
  removedByClass: number;
}

/** One class channel of the target weights. */
export interface TargetChannel {
  cls: number;
  /** [H, W] row-major */
  weights: Float32Array;
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
  const channels = resolved.channels.map(({ cls: c, weights: w }) => ({ cls: c, weights: new Float32Array(w) }));
  if (regionSize(resolved.mask) === 0) {
    const what = `no pixel of class "${input.classNames[cls]}" there`;
    throw new TargetError(`The region is empty: ${what}. Click on the class, or use the point mode.`);
  }
  return { classIndex: cls, region: resolved.mask, labels, channels, numClasses, removedByClass: resolved.removed };
}

/** W as one dense [H, W, C] row-major array (channels listed twice add up). */
export function denseWeights({ channels, numClasses, labels }: ExplainTarget): Float32Array {
  const dense = new Float32Array(labels.length * numClasses);
  for (const { cls, weights } of channels) {
    for (let i = 0; i < weights.length; i++) dense[i * numClasses + cls]! += weights[i] as number;
  }
  return dense;
}

/** W[i, c] for one pixel i and class c. */
export function weightAt({ channels }: ExplainTarget, i: number, cls: number): number {
  let w = 0;
  for (const ch of channels) if (ch.cls === cls) w += ch.weights[i] as number;
  return w;
}

/** The chosen class, else the class most of the region's marked pixels predict (one rule for every kind). */
function resolveClass(region: Region, input: TargetInput): number {
  const { labels, grid, numClasses } = input;
  const cls = input.classIndex ?? regionClass(region, labels, grid, numClasses);
  if (cls < 0 || cls >= numClasses) throw new TargetError(`Class ${cls} does not exist in this model.`);
  return cls;
}
