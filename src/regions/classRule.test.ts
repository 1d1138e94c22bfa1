import { describe, expect, it } from 'vitest';
import { anchorOf, classFromWords, predictedClass, regionClass } from './classRule';
import { wrapTarget } from './edit';
import type { Region } from './registry';

// 6×6: class 3 fills the 2×2 block at rows 2–3, cols 2–3; class 1 at the top-left cell; background elsewhere.
const labels = Uint8Array.from({ length: 36 }, (_, i) => {
  const [r, c] = [Math.floor(i / 6), i % 6];
  return r >= 2 && r < 4 && c >= 2 && c < 4 ? 3 : i === 0 ? 1 : 0;
});
const grid = { width: 6, height: 6 };
// A loop around the block, starting on the background left of it.
const loop: Region = {
  kind: 'polygon',
  points: [
    { x: 0.2, y: 0.5 },
    { x: 0.2, y: 0.2 },
    { x: 0.8, y: 0.2 },
    { x: 0.8, y: 0.8 },
    { x: 0.2, y: 0.8 },
  ],
};

describe('one class rule for every kind', () => {
  it('the class most of the marked pixels predict, background only when nothing else is marked', () => {
    expect(predictedClass(Uint8Array.from([1, 1, 1, 0]), Uint8Array.from([0, 0, 2, 2]), 3)).toBe(2);
    expect(predictedClass(Uint8Array.from([1, 1, 1, 1]), Uint8Array.from([1, 2, 2, 0]), 3)).toBe(2);
    expect(predictedClass(Uint8Array.from([1, 1, 0, 0]), Uint8Array.from([0, 0, 2, 2]), 3)).toBe(0);
  });
  it('a click reads its pixel; a drawing most of its pixels, wherever its first vertex lies', () => {
    expect(regionClass({ kind: 'point', x: 0.05, y: 0.05 }, labels, grid, 4)).toBe(1);
    expect(regionClass({ kind: 'point', x: 0.2, y: 0.5 }, labels, grid, 4)).toBe(0);
    expect(regionClass(loop, labels, grid, 4)).toBe(3);
    expect(regionClass({ kind: 'contrastive', area: loop, versus: 1 }, labels, grid, 4)).toBe(3);
  });
  it('the read-out says where the class came from', () => {
    expect(classFromWords(loop, false)).toMatch(/most of the drawn pixels/);
    expect(classFromWords({ kind: 'border', zone: { kind: 'class', x: 0.5, y: 0.5 } }, false)).toMatch(/click/);
    expect(classFromWords(loop, true)).toMatch(/chosen/);
  });
});

describe('one anchor: where a target that needs a point takes it', () => {
  it("a drawing's anchor is a marked cell of its class, near their centre", () => {
    const p = anchorOf(loop, grid, labels);
    expect(labels[Math.floor(p.y * 6) * 6 + Math.floor(p.x * 6)]).toBe(3);
    expect(anchorOf({ kind: 'component', x: 0.3, y: 0.4 }, grid, labels)).toEqual({ x: 0.3, y: 0.4 });
  });
  it('the border of a lasso around an object is the border of that object, whichever vertex came first', () => {
    const r = wrapTarget(loop, 'border', 0, { labels, grid });
    expect(r.kind).toBe('border');
    const zone = (r as Extract<Region, { kind: 'border' }>).zone;
    expect(labels[Math.floor(zone.y * 6) * 6 + Math.floor(zone.x * 6)]).toBe(3);
  });
  it('a brush and a box anchor by the same rule', () => {
    const mask = new Uint8Array(36);
    [0, 1, 14, 15, 20, 21].forEach((i) => (mask[i] = 1)); // two cells of class 1 or background, four of class 3
    const brush = anchorOf({ kind: 'brush', width: 6, height: 6, mask }, grid, labels);
    const box = anchorOf({ kind: 'box', x0: 0.3, y0: 0.3, x1: 0.7, y1: 0.7 }, grid, labels);
    for (const p of [brush, box]) expect(labels[Math.floor(p.y * 6) * 6 + Math.floor(p.x * 6)]).toBe(3);
  });
});
