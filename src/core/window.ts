import type { SettingRecord, WindowSpec } from './settings';

// The rules of the `window` setting kind (a square window on the layer grid, 0 = the whole grid), for every method
// that has one: its slider, its label, its sweep and its adaptation to a new layer. The pooling is the method's own.

/** The window a setting asks for, on an h×w grid: 0 or anything ≥ the grid means the whole grid. */
export function effectiveWindow(window: number, grid: readonly [number, number]): [number, number] {
  const [h, w] = grid;
  return window <= 0 ? [h, w] : [Math.min(window, h), Math.min(window, w)];
}

/** True when a window silently means "the whole grid" though it was set to a size: it does not fit this layer. */
export function windowOverflows(window: number, grid: readonly [number, number]): boolean {
  return window > 0 && window >= Math.max(grid[0], grid[1]);
}

/** True when a window covers the whole h×w grid. */
export function isWholeGrid(window: number, grid: readonly [number, number]): boolean {
  return window <= 0 || (window >= grid[0] && window >= grid[1]);
}

/** Window sides offered for a layer grid: every size from 1 below the grid, then 0 = the whole grid. */
export function windowOptions(gridSide: number): number[] {
  const opts: number[] = [];
  for (let p = 1; p < gridSide; p++) opts.push(p);
  opts.push(0);
  return opts;
}

/** The slider position of a window value (a value ≥ the grid is the whole grid). */
export function windowIndex(options: readonly number[], window: number): number {
  const i = options.indexOf(window);
  return i >= 0 ? i : options.length - 1;
}

/** A window's label on a grid, with what it amounts to (its spec's `equivalent`) under the method's other settings. */
export function windowLabel(
  spec: Pick<WindowSpec, 'equivalent'>,
  window: number,
  grid: readonly [number, number],
  settings: SettingRecord,
): string {
  const [h, w] = grid;
  const same = spec.equivalent?.(window, grid, settings);
  const note = same ? ` (= ${same})` : '';
  if (isWholeGrid(window, grid)) return `${h}×${w}, the full grid${note}`;
  const [p, q] = effectiveWindow(window, grid);
  return `${p}×${q}${note}`;
}

/** The window for a typed side: the grid's side or more is the whole grid (0); below it, any side is offered. */
export function nearestWindow(gridSide: number, side: number): number {
  return side >= gridSide ? 0 : Math.max(1, Math.round(side));
}
