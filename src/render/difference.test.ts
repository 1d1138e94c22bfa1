import { describe, expect, it } from 'vitest';
import { cellAt, differenceMap, valueAt } from './difference';

describe('difference of two maps', () => {
  it('is A − B cell by cell (hand-computed 2×3 case)', () => {
    const a = { data: Float32Array.from([1, 0.5, 0, 0.25, 0.75, 1]), size: [2, 3] as [number, number] };
    const b = { data: Float32Array.from([0, 0.5, 1, 0.75, 0.25, 0.5]), size: [2, 3] as [number, number] };
    const d = differenceMap(a, b);
    expect(d?.size).toEqual([2, 3]);
    expect(Array.from(d?.data ?? [])).toEqual([1, 0, -1, -0.5, 0.5, 0.5]);
    expect(Array.from(differenceMap(b, a)?.data ?? [])).toEqual([-1, 0, 1, 0.5, -0.5, -0.5]);
  });

  it('refuses maps on different grids', () => {
    const a = { data: new Float32Array(6), size: [2, 3] as [number, number] };
    const b = { data: new Float32Array(6), size: [3, 2] as [number, number] };
    expect(differenceMap(a, b)).toBeNull();
  });
});

describe('value under a point', () => {
  const map = { data: Float32Array.from([0, 0.1, 0.2, 0.3, 0.4, 0.5]), size: [2, 3] as [number, number] };
  it('reads the cell the point falls in, row-major', () => {
    expect(valueAt(map, { x: 0.5, y: 0.75 })).toEqual({ value: Math.fround(0.4), col: 1, row: 1 });
    expect(valueAt(map, { x: 0.1, y: 0.1 })).toEqual({ value: 0, col: 0, row: 0 });
  });
  it('puts the far edges in the last cell and refuses points off the image', () => {
    expect(cellAt([2, 3], { x: 1, y: 1 })).toEqual([2, 1]);
    expect(valueAt(map, { x: 1.01, y: 0.5 })).toBeNull();
    expect(valueAt(map, { x: Number.NaN, y: 0.5 })).toBeNull();
  });
});
