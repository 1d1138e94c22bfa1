import { toCell, type Grid } from '../../core/grid';
import { clickKind, type ClickRegionOf } from '../click';
import { xy } from '../coordinates';

/** The 8-connected blob of the class under the click (docs/METHOD.md). */
export type ComponentRegion = ClickRegionOf<'component'>;

export const component = clickKind<'component'>(
  'component',
  (r, cls, env) => floodFill(env.labels, env.grid, toCell(r.x, env.grid.width), toCell(r.y, env.grid.height), cls),
  (r) => `connected blob at ${xy(r)}`,
  { noun: 'blob', menu: 'connected blob of the class under the click' },
);

/** The 8-connected component of {P == c} holding the cell (col, row); empty when that cell is not of class c. */
export function floodFill(
  labels: Uint8Array,
  { width, height }: Grid,
  col: number,
  row: number,
  classIndex: number,
): Uint8Array {
  const mask = new Uint8Array(width * height);
  const start = row * width + col;
  if (labels[start] !== classIndex) return mask;
  // Plain loops and a typed stack (every cell is pushed at most once): this runs on a click, in code not yet optimised.
  const stack = new Int32Array(width * height);
  let top = 0;
  stack[top++] = start;
  mask[start] = 1;
  while (top > 0) {
    const i = stack[--top]!;
    const r = Math.floor(i / width);
    const c = i - r * width;
    for (let rr = Math.max(0, r - 1); rr <= Math.min(height - 1, r + 1); rr++) {
      for (let cc = Math.max(0, c - 1); cc <= Math.min(width - 1, c + 1); cc++) {
        const j = rr * width + cc;
        if (!mask[j] && labels[j] === classIndex) {
          mask[j] = 1;
          stack[top++] = j;
        }
      }
    }
  }
  return mask;
}

/** The object a region lies on: the union of the 8-connected components of {P == c} that hold a cell of M. */
export function blobsUnder(region: Uint8Array, labels: Uint8Array, grid: Grid, classIndex: number): Uint8Array {
  const out = new Uint8Array(region.length);
  for (let i = 0; i < region.length; i++) {
    if (!region[i] || out[i] || labels[i] !== classIndex) continue;
    const blob = floodFill(labels, grid, i % grid.width, Math.floor(i / grid.width), classIndex);
    for (let j = 0; j < blob.length; j++) if (blob[j]) out[j] = 1;
  }
  return out;
}
