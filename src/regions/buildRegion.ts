import type { Grid } from '../core/grid';
import { OPS } from './ops';
import type { AreaRegion } from './registry';

/** A click or a drawn area, as buildRegion reads it; the whole class needs no click position. */
export type RegionSpec = Exclude<AreaRegion, { kind: 'class' }> | { kind: 'class'; x?: number; y?: number };

/**
 * Builds M as a 0/1 mask on the output grid from normalised coordinates and the predicted labels, by the region's
 * kind (regions/<kind>/). Point: the clicked pixel. Component: the 8-connected component of {P == c} holding the
 * click (docs/METHOD.md). Box, lasso, brush: the drawn pixels ∩ {P == c}. Class: {P == c}.
 */
export function buildRegion(spec: RegionSpec, labels: Uint8Array, grid: Grid, classIndex: number): Uint8Array {
  const region = spec.kind === 'class' ? { kind: 'class' as const, x: spec.x ?? 0, y: spec.y ?? 0 } : spec;
  const env = { labels, grid, numClasses: 256, classNames: [] };
  return OPS.target(region, classIndex, env).mask;
}

export function regionSize(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i] ? 1 : 0;
  return n;
}
