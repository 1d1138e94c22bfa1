import { toCell, type Grid } from '../../core/grid';
import { decodeCoordinates, fixed, toCoordinate, xy } from '../coordinates';
import { DRAWN_CLASS_FROM, drawnTarget, type DrawnFlag } from '../drawn';
import type { RegionKind } from '../kind';
import { boxTool } from './tool';

/** A box given by two corners in any order. */
export interface BoxRegion extends DrawnFlag {
  kind: 'box';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Cells of a box given by two corners in any order, border cells included, as 0/1 on the grid. */
export function rasterizeBox(x0: number, y0: number, x1: number, y1: number, { width, height }: Grid): Uint8Array {
  const mask = new Uint8Array(width * height);
  const [c0, c1] = [toCell(Math.min(x0, x1), width), toCell(Math.max(x0, x1), width)];
  const [r0, r1] = [toCell(Math.min(y0, y1), height), toCell(Math.max(y0, y1), height)];
  for (let r = r0; r <= r1; r++) mask.fill(1, r * width + c0, r * width + c1 + 1);
  return mask;
}

const marked = (r: BoxRegion, grid: Grid) => rasterizeBox(r.x0, r.y0, r.x1, r.y1, grid);

export const box: RegionKind<BoxRegion> = {
  kind: 'box',
  role: 'drawn',
  noun: 'box',
  marked,
  target: (r, cls, env) => drawnTarget(marked(r, env.grid), !!r.exact, cls, env.labels),
  encode: (r) => [r.x0, r.y0, r.x1, r.y1].map(fixed).join(','),
  decode: (body, d) => {
    const v = decodeCoordinates(body, d, (n) => n === 4, 'x0,y0,x1,y1');
    return v ? { kind: 'box', x0: v[0] as number, y0: v[1] as number, x1: v[2] as number, y1: v[3] as number } : null;
  },
  quantize: (r) => ({
    ...r,
    x0: toCoordinate(r.x0),
    y0: toCoordinate(r.y0),
    x1: toCoordinate(r.x1),
    y1: toCoordinate(r.y1),
  }),
  describe: (r) =>
    `box ${xy({ x: Math.min(r.x0, r.x1), y: Math.min(r.y0, r.y1) })}–` +
    xy({ x: Math.max(r.x0, r.x1), y: Math.max(r.y0, r.y1) }),
  classFrom: DRAWN_CLASS_FROM,
  tools: [boxTool],
};
