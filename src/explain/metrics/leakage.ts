import { checkMapAndRegion, type Size } from './region';

export interface Leakage {
  /** Σ_{p∉M} E(p) / Σ_p E(p): the map's share outside the region (1 − relevance mass) */
  outsideRegion: number;
  /** Σ_{P(p)≠c} E(p) / Σ_p E(p): the map's share on pixels not predicted as the region's class; null without P */
  outsideClass: number | null;
}

/**
 * Leakage (docs/METHOD.md, "Metrics of a map"; scored by the 2026 segmentation-attribution benchmark): how much of the
 * map lies outside the region, and outside every pixel of the region's class. A map of a point that lights up the
 * whole object leaks out of M but not out of the class; one that lights up the background leaks out of both. An
 * all-zero map leaks nothing (0), as relevance mass puts nothing in M.
 */
export function leakage(
  map: ArrayLike<number>,
  region: ArrayLike<number>,
  classMask: ArrayLike<number> | null,
  size: Size,
): Leakage {
  checkMapAndRegion(map, region, size);
  if (classMask && classMask.length !== map.length)
    throw new Error(`metrics: the class mask holds ${classMask.length} values, not ${size[0]}×${size[1]}.`);
  let total = 0;
  let outRegion = 0;
  let outClass = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i] as number;
    total += v;
    if (!region[i]) outRegion += v;
    if (classMask && !classMask[i]) outClass += v;
  }
  if (total === 0) return { outsideRegion: 0, outsideClass: classMask ? 0 : null };
  return { outsideRegion: outRegion / total, outsideClass: classMask ? outClass / total : null };
}
