import { describe, expect, it } from 'vitest';
import { buildRegion, regionSize } from './buildRegion';

// 4×4 labels: class 1 in two separate blobs (left column, and a 2×2 block at the right).
const labels = Uint8Array.from([1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0]);
const grid = { width: 4, height: 4 };

describe('buildRegion', () => {
  it('point: exactly the clicked pixel, whatever its class', () => {
    const m = buildRegion({ kind: 'point', x: 0.3, y: 0.9 }, labels, grid, 1);
    expect(regionSize(m)).toBe(1);
    expect(m[3 * 4 + 1]).toBe(1);
  });
  it('component: only the connected blob under the click', () => {
    const m = buildRegion({ kind: 'component', x: 0.8, y: 0.4 }, labels, grid, 1);
    expect(Array.from(m)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0]);
  });
  it('component: 8-connected, so pixels touching only by a corner belong to the same blob (docs/METHOD.md)', () => {
    const diagonal = Uint8Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(regionSize(buildRegion({ kind: 'component', x: 0.1, y: 0.1 }, diagonal, grid, 1))).toBe(4);
  });
  it('component: empty when the click is not on the class', () => {
    expect(regionSize(buildRegion({ kind: 'component', x: 0.3, y: 0.3 }, labels, grid, 1))).toBe(0);
  });
  it('class: every pixel predicted as the class', () => {
    expect(regionSize(buildRegion({ kind: 'class' }, labels, grid, 1))).toBe(7);
  });
  it('box: the box intersected with the class, corners in any order', () => {
    const m = buildRegion({ kind: 'box', x0: 0.99, y0: 0.0, x1: 0.5, y1: 0.3 }, labels, grid, 1);
    expect(Array.from(m)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('clamps coordinates outside [0, 1] to the border', () => {
    const m = buildRegion({ kind: 'point', x: 7, y: -3 }, labels, grid, 1);
    expect(m[3]).toBe(1);
  });
});
