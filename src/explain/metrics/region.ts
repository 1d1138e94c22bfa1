/**
 * Shared checks and the M-to-input-size resize of the map metrics (docs/METHOD.md, "Metrics of a map"): every metric
 * reads the final map E and the region M on the same grid, the model's input size.
 */
import { ascendingOrder } from './order';

/** [height, width] of a grid. */
export type Size = readonly [number, number];

/**
 * Throws unless map and region both hold h·w values and M is not empty (docs/METHOD.md: an empty M is never explained).
 */
export function checkMapAndRegion(map: ArrayLike<number>, region: ArrayLike<number>, size: Size): number {
  const n = size[0] * size[1];
  if (map.length !== n) throw new Error(`metrics: the map holds ${map.length} values, not ${size[0]}×${size[1]}.`);
  if (region.length !== n)
    throw new Error(`metrics: the region holds ${region.length} values, not ${size[0]}×${size[1]}.`);
  let count = 0;
  for (let i = 0; i < n; i++) if (region[i]) count++;
  if (count === 0) throw new Error('metrics: the region is empty.');
  return count;
}

/**
 * M resized from its grid (the model's output) to another (the input) by nearest neighbour with half-pixel centres:
 * cell i reads source cell ⌊(i + ½)·h/H⌋ (clamped), as tf.image.resizeNearestNeighbor(…, alignCorners false,
 * halfPixelCenters true). docs/METHOD.md says "nearest" only; this is our choice of centre convention. Returns 0/1.
 */
export function resizeMaskNearest(mask: ArrayLike<number>, from: Size, to: Size): Uint8Array {
  const [h, w] = from;
  const [H, W] = to;
  if (mask.length !== h * w) throw new Error(`resizeMaskNearest: ${mask.length} values for ${h}×${w}.`);
  const out = new Uint8Array(H * W);
  const col = new Int32Array(W);
  for (let x = 0; x < W; x++) col[x] = Math.min(w - 1, Math.floor(((x + 0.5) * w) / W));
  for (let y = 0; y < H; y++) {
    const row = Math.min(h - 1, Math.floor(((y + 0.5) * h) / H)) * w;
    for (let x = 0; x < W; x++) out[y * W + x] = mask[row + (col[x] as number)] ? 1 : 0;
  }
  return out;
}

/**
 * Pixel indices ordered by E, highest first, ties by index (docs/METHOD.md, deletion/insertion), NaN last. The one
 * order that relevance rank accuracy and the deletion and insertion curves share.
 */
export function pixelOrder(map: ArrayLike<number>): Uint32Array {
  // Highest first = ascending in −E (NaN as −∞: last); ties by index either way.
  return ascendingOrder(Float64Array.from(map, (v) => (Number.isNaN(v) ? Infinity : -v)));
}
