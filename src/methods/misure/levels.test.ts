import { describe, expect, it } from 'vitest';
import { LEVELS, rankInRegion, topLevel } from './levels';

describe('MiSuRe minimal region: the ladder of top shares', () => {
  // 2×3 image; the sufficient region is all but pixel 5. m ranks 1 (0.9) > 3 (0.7) = 4 (0.7) > 0 (0.2) > 2 (0.1).
  const m = Float32Array.from([0.2, 0.9, 0.1, 0.7, 0.7, 1]);
  const sr = Uint8Array.from([1, 1, 1, 1, 1, 0]);

  it('ranks the region’s pixels by the mask, highest first, ties by index, outside pixels never', () => {
    expect(Array.from(rankInRegion(m, sr))).toEqual([1, 3, 4, 0, 2]);
  });

  it('level j keeps the top ⌈(j + 1)/levels · n⌉ pixels; the last level is the whole region', () => {
    const order = rankInRegion(m, sr);
    // 4 levels of 5 pixels: ⌈1.25⌉ = 2, ⌈2.5⌉ = 3, ⌈3.75⌉ = 4, 5.
    expect(Array.from(topLevel(order, 6, 0, 4))).toEqual([0, 1, 0, 1, 0, 0]);
    expect(Array.from(topLevel(order, 6, 1, 4))).toEqual([0, 1, 0, 1, 1, 0]);
    expect(Array.from(topLevel(order, 6, 2, 4))).toEqual([1, 1, 0, 1, 1, 0]);
    expect(Array.from(topLevel(order, 6, 3, 4))).toEqual(Array.from(sr));
    expect(Array.from(topLevel(order, 6, LEVELS - 1))).toEqual(Array.from(sr));
  });

  it('refuses a mask and a region of different sizes', () => {
    expect(() => rankInRegion(m, new Uint8Array(4))).toThrow(/6 vs 4 pixels/);
  });
});
