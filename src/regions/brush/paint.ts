import type { Grid } from '../../core/grid';
import type { Point } from '../../core/region';

/** Sets (value 1) or clears (0) a disc of radius r cells around a normalised point, in place. */
export function paintDisc(mask: Uint8Array, grid: Grid, p: Point, r: number, value: 0 | 1): void {
  const cx = p.x * grid.width;
  const cy = p.y * grid.height;
  const rr = Math.max(0.5, r);
  for (let y = Math.max(0, Math.floor(cy - rr)); y <= Math.min(grid.height - 1, Math.ceil(cy + rr)); y++) {
    for (let x = Math.max(0, Math.floor(cx - rr)); x <= Math.min(grid.width - 1, Math.ceil(cx + rr)); x++) {
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= rr * rr) mask[y * grid.width + x] = value;
    }
  }
}

/** Paints a stroke segment from a to b as discs spaced by half a radius, so fast strokes leave no gaps. */
export function paintSegment(mask: Uint8Array, grid: Grid, a: Point, b: Point, r: number, value: 0 | 1): void {
  const dist = Math.hypot((b.x - a.x) * grid.width, (b.y - a.y) * grid.height);
  const steps = Math.max(1, Math.ceil(dist / Math.max(0.5, r / 2)));
  for (let i = 0; i <= steps; i++)
    paintDisc(mask, grid, { x: a.x + ((b.x - a.x) * i) / steps, y: a.y + ((b.y - a.y) * i) / steps }, r, value);
}

export function isEmptyMask(mask: Uint8Array): boolean {
  return mask.indexOf(1) < 0;
}
