import { rasterizeBox, toCell, type Grid } from '../core/rasterize';
import type { ClickRegion, DrawnRegion } from '../core/region';

/** A click or a box, as buildRegion reads it; the whole class needs no click position. */
export type RegionSpec =
  Exclude<ClickRegion, { kind: 'class' }> | Extract<DrawnRegion, { kind: 'box' }> | { kind: 'class' };

/**
 * Builds M as a 0/1 mask on the output grid from normalised coordinates and the predicted labels.
 * Point: the clicked pixel. Component: the 8-connected component of {P == c} holding the click (docs/METHOD.md).
 * Box: the box ∩ {P == c}. Class: {P == c}.
 */
export function buildRegion(spec: RegionSpec, labels: Uint8Array, grid: Grid, classIndex: number): Uint8Array {
  const { width, height } = grid;
  const mask = new Uint8Array(width * height);
  switch (spec.kind) {
    case 'point':
      mask[toCell(spec.y, height) * width + toCell(spec.x, width)] = 1;
      return mask;
    case 'class':
      for (let i = 0; i < mask.length; i++) mask[i] = labels[i] === classIndex ? 1 : 0;
      return mask;
    case 'box':
      return rasterizeBox(spec.x0, spec.y0, spec.x1, spec.y1, grid).map((v, i) =>
        v && labels[i] === classIndex ? 1 : 0,
      );
    case 'component':
      return floodFill(labels, grid, toCell(spec.x, width), toCell(spec.y, height), classIndex);
  }
}

function floodFill(
  labels: Uint8Array,
  { width, height }: Grid,
  col: number,
  row: number,
  classIndex: number,
): Uint8Array {
  const mask = new Uint8Array(width * height);
  const start = row * width + col;
  if (labels[start] !== classIndex) return mask;
  const stack = [start];
  mask[start] = 1;
  while (stack.length) {
    const i = stack.pop() as number;
    const r = Math.floor(i / width);
    const c = i - r * width;
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const [rr, cc] = [r + dr, c + dc];
        if (rr < 0 || cc < 0 || rr >= height || cc >= width) continue;
        const j = rr * width + cc;
        if (!mask[j] && labels[j] === classIndex) {
          mask[j] = 1;
          stack.push(j);
        }
      }
    }
  }
  return mask;
}

export function regionSize(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i] ? 1 : 0;
  return n;
}
