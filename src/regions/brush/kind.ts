import type { Grid } from '../../core/grid';
import { DRAWN_CLASS_FROM, drawnTarget, type DrawnFlag } from '../drawn';
import type { RegionKind } from '../kind';
import { decodeMask, encodeMask } from './maskCode';
import { brushTool, eraserTool } from './tool';

/** Painted cells on the grid they were painted on (the model's output grid). */
export interface BrushRegion extends DrawnFlag {
  kind: 'brush';
  width: number;
  height: number;
  /** 0/1 per output-grid cell, row-major */
  mask: Uint8Array;
}

const MAX_GRID = 1024;

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

const marked = (r: BrushRegion, grid: Grid) => resampleMask(r.mask, { width: r.width, height: r.height }, grid);

/** In links: "WxH:<run-length code>" (see maskCode.ts). */
export const brush: RegionKind<BrushRegion> = {
  kind: 'brush',
  role: 'drawn',
  noun: 'brush',
  marked,
  target: (r, cls, env) => drawnTarget(marked(r, env.grid), !!r.exact, cls, env.labels),
  encode: (r) => `${r.width}x${r.height}:${encodeMask(r.mask)}`,
  decode: (body, d) => {
    const m = /^(\d{1,4})x(\d{1,4}):([A-Za-z0-9_-]*)$/.exec(body);
    const [width, height] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    const mask =
      m && width >= 1 && height >= 1 && width <= MAX_GRID && height <= MAX_GRID
        ? decodeMask(m[3] ?? '', width * height)
        : null;
    return mask ? { kind: 'brush', width, height, mask } : d.fail('is not a valid brush mask (brush:WxH:code)');
  },
  quantize: (r) => r,
  describe: (r) => `brush, ${r.mask.reduce((n, v) => n + (v ? 1 : 0), 0)} cells of ${r.width}×${r.height}`,
  classFrom: DRAWN_CLASS_FROM,
  tools: [brushTool, eraserTool],
};
