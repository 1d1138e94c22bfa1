import type { Grid } from '../core/grid';
import type { RegionKind, RegionOps } from './kind';
import { kindOf, type AreaRegion, type Region } from './registry';

/** The plug-in of a region's kind (every region's kind is registered: its type comes from the registry). */
export function kindFor(region: Region): RegionKind<Region, Region> {
  return kindOf(region.kind) as RegionKind<Region, Region>;
}

/** The generic operations, dispatched on the kind; handed to kinds that wrap another region. */
export const OPS: RegionOps<Region> = {
  marked: (r: Region, grid: Grid) => kindFor(r).marked(r, grid, OPS),
  target: (r, cls, env) => kindFor(r).target(r, cls, env, OPS),
  encode: (r) => {
    const k = kindFor(r);
    const bang = k.role === 'drawn' && 'exact' in r && r.exact ? '!' : '';
    return `${r.kind}:${k.encode(r, OPS)}${bang}`;
  },
  quantize: (r) => kindFor(r).quantize(r, OPS),
  describe: (r, classes) => {
    const exact = 'exact' in r && r.exact ? ', drawn pixels as they are' : '';
    return `${kindFor(r).describe(r, classes, OPS)}${exact}`;
  },
};

/** True for a drawn area (box, lasso, brush…): pixels the user drew, which may be used as drawn. */
export function isDrawn(region: Region | null): region is Extract<AreaRegion, { exact?: boolean }> {
  return !!region && kindFor(region).role === 'drawn';
}

/** True for a click region (a pixel, its blob, its class). */
export function isClick(region: Region | null): region is Extract<Region, { x: number; y: number }> {
  return !!region && kindFor(region).role === 'click';
}
