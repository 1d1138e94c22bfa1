import type { Grid } from '../core/rasterize';
import type { ContrastiveRegion, DrawnRegion, Point, Region } from '../core/region';
import { MAX_VERTICES } from './regionCodec';

/** What the user's region explains: the region itself, its object border, or its class against another. */
export type TargetMode = 'region' | 'border' | 'contrastive';
export type AreaRegion = ContrastiveRegion['area'];

/** The area a region is about (the zone of a border, the area of a contrastive target). */
export function areaOf(region: Region): AreaRegion {
  if (region.kind === 'border') return region.zone;
  if (region.kind === 'contrastive') return region.area;
  return region;
}

export function targetModeOf(region: Region | null): TargetMode {
  return region?.kind === 'border' ? 'border' : region?.kind === 'contrastive' ? 'contrastive' : 'region';
}

/**
 * Wraps an area in a target mode. A border needs a zone (a blob or a whole class): a point becomes the blob under it,
 * a drawn area the blob under its anchor.
 */
export function wrapTarget(area: AreaRegion, mode: TargetMode, versus: number): Region {
  if (mode === 'contrastive') return { kind: 'contrastive', area, versus };
  if (mode === 'border') {
    if (area.kind === 'class' || area.kind === 'component') return { kind: 'border', zone: area };
    const p = area.kind === 'point' ? area : anchorOfDrawn(area);
    return { kind: 'border', zone: { kind: 'component', x: p.x, y: p.y } };
  }
  return area;
}

function anchorOfDrawn(area: DrawnRegion): Point {
  if (area.kind === 'box') return { x: (area.x0 + area.x1) / 2, y: (area.y0 + area.y1) / 2 };
  if (area.kind === 'polygon') return area.points[0] ?? { x: 0.5, y: 0.5 };
  const i = area.mask.indexOf(1);
  return i < 0
    ? { x: 0.5, y: 0.5 }
    : { x: ((i % area.width) + 0.5) / area.width, y: (Math.floor(i / area.width) + 0.5) / area.height };
}

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

/** Keeps a lasso within the link's vertex budget by taking evenly spaced vertices. */
export function simplifyPolygon(points: readonly Point[], max = MAX_VERTICES): Point[] {
  if (points.length <= max) return [...points];
  return Array.from({ length: max }, (_, i) => points[Math.floor((i * points.length) / max)] as Point);
}

export function isEmptyMask(mask: Uint8Array): boolean {
  return mask.indexOf(1) < 0;
}
