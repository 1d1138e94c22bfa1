import { describe, expect, it } from 'vitest';
import type { PoolType } from '../../core/kinds';
import { nearestWindow, windowIndex, windowLabel as labelOf, windowOptions } from '../../core/window';
import { meta } from './meta';

// The window kind's rules (core/window.ts) with Seg-XRes-CAM's identities (its meta's `equivalent`).
const windowLabel = (window: number, grid: [number, number], pool: PoolType) =>
  labelOf(meta.settings.window, window, grid, { pool });

describe('window options', () => {
  it('every size from 1 below the grid, then the full grid', () => {
    expect(windowOptions(16)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0]);
    expect(windowOptions(6)).toEqual([1, 2, 3, 4, 5, 0]);
    expect(windowOptions(1)).toEqual([0]);
  });
  it('3×3 is reachable on a 16×16 grid; a window over the grid sits at the full-grid end', () => {
    const opts = windowOptions(16);
    expect(opts[windowIndex(opts, 3)]).toBe(3);
    expect(windowIndex(opts, 40)).toBe(opts.length - 1);
  });
  it('labels name the identities', () => {
    expect(windowLabel(1, [16, 16], 'max')).toBe('1×1 (= HiResCAM)');
    expect(windowLabel(0, [16, 16], 'mean')).toBe('16×16, the full grid (= Seg-Grad-CAM)');
    expect(windowLabel(0, [16, 16], 'max')).toBe('16×16, the full grid');
    expect(windowLabel(4, [16, 16], 'max')).toBe('4×4');
    expect(windowLabel(1, [1, 1], 'max')).toBe('1×1, the full grid');
    expect(windowLabel(1, [1, 1], 'mean')).toBe('1×1, the full grid (= Seg-Grad-CAM)');
  });
});

describe('a typed window side', () => {
  it('is kept below the grid, and the grid side or more means the whole grid', () => {
    expect(nearestWindow(16, 3)).toBe(3);
    expect(nearestWindow(16, 16)).toBe(0);
    expect(nearestWindow(16, 99)).toBe(0);
    expect(nearestWindow(16, 0)).toBe(1);
  });
});
