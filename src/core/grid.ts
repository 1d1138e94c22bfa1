/** A grid of cells (the model's output grid). */
export interface Grid {
  width: number;
  height: number;
}

/** Normalised coordinate in [0, 1) → cell index on a grid of `size` cells. */
export function toCell(t: number, size: number): number {
  return Math.min(size - 1, Math.max(0, Math.floor(t * size)));
}

/** The cell under a normalised point, as a row-major index. */
export function cellAt(p: { x: number; y: number }, grid: Grid): number {
  return toCell(p.y, grid.height) * grid.width + toCell(p.x, grid.width);
}

/** The centre of a row-major cell, normalised. */
export function cellCentre(i: number, { width, height }: Grid): { x: number; y: number } {
  return { x: ((i % width) + 0.5) / width, y: (Math.floor(i / width) + 0.5) / height };
}
