import { checkMapAndRegion, type Size } from './region';

/** Zhang et al. (2018) count a hit within 15 px of the annotated object. */
export const POINTING_TOLERANCE_PX = 15;
/**
 * The image side those 15 px are measured on: 224, the networks' input side in that benchmark. docs/METHOD.md says
 * "15 px (scaled to the input size)" without naming the size it is scaled from; this is our choice.
 */
export const POINTING_REFERENCE_SIDE = 224;

/**
 * The pointing tolerance in pixels of a grid: 15 px at 224 × 224 scaled by √(H·W)/224 (on a square input, side/224):
 * 17.1 px at 256, 6.4 px at 96. Pass `reference` (e.g. the original image's size) to scale from another size.
 */
export function pointingTolerance(
  size: Size,
  reference: Size = [POINTING_REFERENCE_SIDE, POINTING_REFERENCE_SIDE],
): number {
  return POINTING_TOLERANCE_PX * Math.sqrt((size[0] * size[1]) / (reference[0] * reference[1]));
}

export interface PointingResult {
  hit: boolean;
  /** the first arg-max of E (row-major index); -1 for a map with no positive value */
  peak: number;
  /** Euclidean distance (pixels, centre to centre) from the peak to the nearest pixel of M; 0 inside M */
  distance: number;
}

/**
 * Pointing game (Zhang et al. 2018, docs/METHOD.md): hit when E's arg-max lies in M dilated by `tolerance` pixels.
 * Our choices: the dilation is a disc (Euclidean distance ≤ tolerance, as TorchRay's pointing game), the arg-max is
 * the first maximum in row-major order, and a map with no positive value (all zero: "no positive evidence") points
 * nowhere and misses, as scripts/measure-layers does.
 */
export function pointingGame(
  map: ArrayLike<number>,
  region: ArrayLike<number>,
  size: Size,
  tolerance = pointingTolerance(size),
): PointingResult {
  checkMapAndRegion(map, region, size);
  const w = size[1];
  let peak = -1;
  let max = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i] as number;
    if (v > max) {
      max = v;
      peak = i;
    }
  }
  if (peak < 0) return { hit: false, peak, distance: Infinity };
  const py = Math.floor(peak / w);
  const px = peak - py * w;
  let best = Infinity;
  for (let i = 0; i < region.length; i++) {
    if (!region[i]) continue;
    const y = Math.floor(i / w);
    const d2 = (y - py) ** 2 + (i - y * w - px) ** 2;
    if (d2 < best) best = d2;
  }
  const distance = Math.sqrt(best);
  return { hit: distance <= tolerance, peak, distance };
}
