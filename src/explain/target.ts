import { anchorOf, type Region } from '../core/region';
import { borderWeights } from './border';
import { drawnMask, toCell, type Grid } from '../core/rasterize';
import { buildRegion, regionSize } from './region';

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
  /** the chosen class; null = the class predicted at the region */
  classIndex: number | null;
}

/** An explanation that cannot be asked: the message says why, in the user's terms. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/** Resolves a region into target weights; an empty region is refused with a message, never explained. */
export function buildTarget(region: Region, input: TargetInput): ExplainTarget {
  const { labels, grid, numClasses } = input;
  const cls = resolveClass(region, input);
  const weights = new Float32Array(labels.length * numClasses);
  let mask: Uint8Array;
  let removed = 0;
  if (region.kind === 'border') {
    const zone = buildRegion(region.zone, labels, grid, cls);
    if (regionSize(zone) === 0)
      throw new TargetError(`The border is empty: no "${input.classNames[cls]}" pixel there.`);
    const ring = borderWeights(zone, grid);
    mask = Uint8Array.from(ring, (v) => (v > 0 ? 1 : 0));
    ring.forEach((v, i) => (weights[i * numClasses + cls] = v));
  } else {
    const area = region.kind === 'contrastive' ? region.area : region;
    const built = areaMask(area, cls, input);
    mask = built.mask;
    removed = built.removed;
    mask.forEach((v, i) => (weights[i * numClasses + cls] = v));
    if (region.kind === 'contrastive') {
      if (region.versus === cls || region.versus < 0 || region.versus >= numClasses) {
        throw new TargetError('Contrastive: pick a second class different from the explained one.');
      }
      mask.forEach((v, i) => (weights[i * numClasses + region.versus] = -v));
    }
  }
  if (regionSize(mask) === 0) {
    const what =
      region.kind === 'point'
        ? 'The region is empty'
        : `The region is empty: no pixel of class "${input.classNames[cls]}" there`;
    throw new TargetError(`${what}. Click on the class, or use the point mode.`);
  }
  return { classIndex: cls, region: mask, labels, weights, removedByClass: removed };
}

function areaMask(
  area: Exclude<Region, { kind: 'border' | 'contrastive' }>,
  cls: number,
  { labels, grid }: TargetInput,
): { mask: Uint8Array; removed: number } {
  if (area.kind === 'point' || area.kind === 'component' || area.kind === 'class')
    return { mask: buildRegion(area, labels, grid, cls), removed: 0 };
  const drawn = drawnMask(area, grid);
  if (area.exact) return { mask: drawn, removed: 0 };
  const mask = Uint8Array.from(drawn, (v, i) => (v && labels[i] === cls ? 1 : 0));
  return { mask, removed: regionSize(drawn) - regionSize(mask) };
}

/** The chosen class, else the class predicted at the region's anchor, else the most frequent class under a brush. */
function resolveClass(region: Region, input: TargetInput): number {
  const { labels, grid, numClasses } = input;
  let cls = input.classIndex;
  const anchor = anchorOf(region);
  if (cls === null && anchor)
    cls = labels[toCell(anchor.y, grid.height) * grid.width + toCell(anchor.x, grid.width)] as number;
  if (cls === null && region.kind === 'brush') cls = majorityClass(drawnMask(region, grid), labels, numClasses);
  if (cls === null || cls < 0 || cls >= numClasses) throw new TargetError(`Class ${cls} does not exist in this model.`);
  return cls;
}

function majorityClass(mask: Uint8Array, labels: Uint8Array, numClasses: number): number {
  const counts = new Array<number>(numClasses).fill(0);
  mask.forEach((v, i) => v && counts[labels[i] as number]!++);
  // Background (0) only wins when nothing else is under the brush.
  const best = counts.slice(1).reduce((b, n, i) => (n > (counts[b] ?? 0) ? i + 1 : b), 1);
  return (counts[best] ?? 0) > 0 ? best : 0;
}
