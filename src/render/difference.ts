import type { Point } from '../core/region';
import type { MapImage } from './overlay';

/**
 * A − B, cell by cell, of two normalised [0, 1] maps on the same grid: a signed map in [−1, 1]. Null when the grids
 * differ (every method's map is post-processed to the model's input grid, so on one model they never do).
 */
export function differenceMap(a: MapImage, b: MapImage): MapImage | null {
  if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1] || a.data.length !== b.data.length) return null;
  const data = new Float32Array(a.data.length);
  for (let i = 0; i < data.length; i++) data[i] = (a.data[i] as number) - (b.data[i] as number);
  return { data, size: [a.size[0], a.size[1]] };
}

/** The grid cell [column, row] under a normalised image point (edges belong to the last cell). */
export function cellAt(size: readonly [number, number], p: Point): [number, number] {
  const [h, w] = size;
  const col = Math.min(w - 1, Math.max(0, Math.floor(p.x * w)));
  const row = Math.min(h - 1, Math.max(0, Math.floor(p.y * h)));
  return [col, row];
}

/** The map's value under a normalised image point, with its cell; null off the image. */
export function valueAt(map: MapImage, p: Point): { value: number; col: number; row: number } | null {
  if (!(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1)) return null;
  const [col, row] = cellAt(map.size, p);
  return { value: map.data[row * map.size[1] + col] as number, col, row };
}
