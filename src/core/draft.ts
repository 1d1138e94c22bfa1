import type { Point } from './region';

/**
 * A drawing in progress, in normalised coordinates, as a region tool shows it before it commits: a box, an open or
 * closed path (a lasso, or any shape drawn as its outline), or a mask on a grid ([height, width]).
 */
export type Draft =
  | { kind: 'box'; x0: number; y0: number; x1: number; y1: number }
  | { kind: 'lasso'; points: Point[] }
  | { kind: 'mask'; mask: Uint8Array; size: [number, number] };
