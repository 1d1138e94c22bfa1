import type { Point } from '../../core/region';

/** The link's vertex budget. */
export const MAX_VERTICES = 256;

/** Keeps a lasso within the link's vertex budget by taking evenly spaced vertices. */
export function simplifyPolygon(points: readonly Point[], max = MAX_VERTICES): Point[] {
  if (points.length <= max) return [...points];
  return Array.from({ length: max }, (_, i) => points[Math.floor((i * points.length) / max)] as Point);
}
