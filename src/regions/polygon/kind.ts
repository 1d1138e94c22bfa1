import type { Grid } from '../../core/grid';
import type { Point } from '../../core/region';
import { decodeCoordinates, fixed, quantizePoint } from '../coordinates';
import { DRAWN_CLASS_FROM, drawnTarget, type DrawnFlag } from '../drawn';
import type { RegionKind } from '../kind';
import { MAX_VERTICES } from './vertices';
import { lassoTool } from './tool';

/** A lasso: a closed polygon of normalised vertices. */
export interface PolygonRegion extends DrawnFlag {
  kind: 'polygon';
  points: Point[];
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

const marked = (r: PolygonRegion, grid: Grid) => rasterizePolygon(r.points, grid);

export { MAX_VERTICES, simplifyPolygon } from './vertices';

export const polygon: RegionKind<PolygonRegion> = {
  kind: 'polygon',
  role: 'drawn',
  noun: 'polygon',
  marked,
  target: (r, cls, env) => drawnTarget(marked(r, env.grid), !!r.exact, cls, env.labels),
  encode: (r) => r.points.flatMap((p) => [fixed(p.x), fixed(p.y)]).join(','),
  decode: (body, d) => {
    const ok = (n: number) => n % 2 === 0 && n >= 6 && n <= 2 * MAX_VERTICES;
    const v = decodeCoordinates(body, d, ok, `3 to ${MAX_VERTICES} x,y pairs`);
    if (!v) return null;
    const points: Point[] = [];
    for (let i = 0; i < v.length; i += 2) points.push({ x: v[i] as number, y: v[i + 1] as number });
    return { kind: 'polygon', points };
  },
  quantize: (r) => ({ ...r, points: r.points.map(quantizePoint) }),
  describe: (r) => `lasso of ${r.points.length} vertices`,
  classFrom: DRAWN_CLASS_FROM,
  tools: [lassoTool],
};
