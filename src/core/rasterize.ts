import type { DrawnRegion, Point } from './region';

/** A grid of cells (the model's output grid). */
export interface Grid {
  width: number;
  height: number;
}

/** Normalised coordinate in [0, 1) → cell index on a grid of `size` cells. */
export function toCell(t: number, size: number): number {
  return Math.min(size - 1, Math.max(0, Math.floor(t * size)));
}

/** Cells of a box given by two corners in any order, border cells included, as 0/1 on the grid. */
export function rasterizeBox(x0: number, y0: number, x1: number, y1: number, { width, height }: Grid): Uint8Array {
  const mask = new Uint8Array(width * height);
  const [c0, c1] = [toCell(Math.min(x0, x1), width), toCell(Math.max(x0, x1), width)];
  const [r0, r1] = [toCell(Math.min(y0, y1), height), toCell(Math.max(y0, y1), height)];
  for (let r = r0; r <= r1; r++) mask.fill(1, r * width + c0, r * width + c1 + 1);
  return mask;
}

/**
 * Cells whose centre lies inside a polygon (normalised vertices), by the even-odd rule, so a polygon that crosses
 * itself leaves the doubly-covered part out, as canvas 'evenodd' filling does.
 */
export function rasterizePolygon(points: readonly Point[], { width, height }: Grid): Uint8Array {
  const mask = new Uint8Array(width * height);
  if (points.length < 3) return mask;
  const xs = points.map((p) => p.x * width);
  const ys = points.map((p) => p.y * height);
  for (let r = 0; r < height; r++) {
    const cy = r + 0.5;
    const crossings: number[] = [];
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [yi, yj] = [ys[i] as number, ys[j] as number];
      if (yi > cy !== yj > cy) {
        const [xi, xj] = [xs[i] as number, xs[j] as number];
        crossings.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // cell c is inside when its centre c + 0.5 lies in [left, right)
      const from = Math.max(0, Math.ceil((crossings[k] as number) - 0.5));
      const to = Math.min(width - 1, Math.ceil((crossings[k + 1] as number) - 0.5) - 1);
      if (to >= from) mask.fill(1, r * width + from, r * width + to + 1);
    }
  }
  return mask;
}

/** A brush mask drawn on another grid, resampled to this one by nearest cell centres. */
export function resampleMask(mask: Uint8Array, from: Grid, to: Grid): Uint8Array {
  if (from.width === to.width && from.height === to.height) return mask.slice();
  const out = new Uint8Array(to.width * to.height);
  for (let r = 0; r < to.height; r++) {
    const sr = Math.min(from.height - 1, Math.floor(((r + 0.5) * from.height) / to.height));
    for (let c = 0; c < to.width; c++) {
      const sc = Math.min(from.width - 1, Math.floor(((c + 0.5) * from.width) / to.width));
      out[r * to.width + c] = mask[sr * from.width + sc] ? 1 : 0;
    }
  }
  return out;
}

/** The drawn pixels of a box, polygon or brush on a grid, before any intersection with a class. */
export function drawnMask(area: DrawnRegion, grid: Grid): Uint8Array {
  switch (area.kind) {
    case 'box':
      return rasterizeBox(area.x0, area.y0, area.x1, area.y1, grid);
    case 'polygon':
      return rasterizePolygon(area.points, grid);
    case 'brush':
      return resampleMask(area.mask, { width: area.width, height: area.height }, grid);
  }
}
