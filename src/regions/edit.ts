import type { Grid } from '../core/grid';
import { anchorOf } from './classRule';
import { kindFor } from './ops';
import { kindOf, REGION_KINDS, type AreaRegion, type Region, type TargetRegion } from './registry';

export { isClick, isDrawn } from './ops';

/** What the user's region explains: the region itself, or a target kind wrapped around it (border, contrastive). */
export type TargetMode = 'region' | TargetRegion['kind'];
export type { AreaRegion };

/** The target modes and their labels under "Explain", in registry order. */
export const TARGET_MODES: readonly { mode: TargetMode; label: string }[] = [
  { mode: 'region', label: 'the region' },
  ...REGION_KINDS.flatMap((k) => ('wrap' in k && k.wrap ? [{ mode: k.kind as TargetMode, label: k.wrap.label }] : [])),
];

/** The area a region is about (the zone of a border, the area of a contrastive target). */
export function areaOf(region: Region): AreaRegion {
  let r = region;
  for (let k = kindFor(r); k.inner; k = kindFor(r)) r = k.inner(r);
  return r as AreaRegion;
}

export function targetModeOf(region: Region | null): TargetMode {
  return region && kindFor(region).role === 'target' ? (region.kind as TargetMode) : 'region';
}

/** The prediction a wrap may anchor on: a border of a drawn area takes the blob of the drawing's class. */
export interface Prediction {
  labels: Uint8Array;
  grid: Grid;
}

/** Wraps an area in a target mode; a target kind that needs a point takes the area's anchor (classRule.anchorOf). */
export function wrapTarget(area: AreaRegion, mode: TargetMode, versus: number, prediction?: Prediction | null): Region {
  const kind = mode === 'region' ? undefined : kindOf(mode);
  if (!kind?.wrap) return area;
  const grid = prediction?.grid ?? { width: 256, height: 256 };
  return kind.wrap.of(area, versus, () => anchorOf(area, grid, prediction?.labels ?? null));
}
