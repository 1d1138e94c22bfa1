import type { PoolType } from '../../core/kinds';
import { effectiveWindow } from '../../core/settings';

export { windowOptions } from '../../core/settings';

/** The slider position of a window value (a value ≥ the grid is the whole grid). */
export function windowIndex(options: readonly number[], window: number): number {
  const i = options.indexOf(window);
  return i >= 0 ? i : options.length - 1;
}

export function windowLabel(window: number, grid: [number, number], pool: PoolType): string {
  const [h, w] = grid;
  if (window <= 0 || (window >= h && window >= w))
    return `${h}×${w}, the full grid${pool === 'mean' ? ' (= Seg-Grad-CAM)' : ''}`;
  const [p, q] = effectiveWindow(window, grid);
  return window === 1 ? '1×1 (= HiResCAM)' : `${p}×${q}`;
}

/** The window for a typed side: the grid's side or more is the whole grid (0); below it, any side is offered. */
export function nearestWindow(gridSide: number, side: number): number {
  return side >= gridSide ? 0 : Math.max(1, Math.round(side));
}
