import { describe, expect, it } from 'vitest';
import { leakage } from './leakage';

describe('leakage', () => {
  // 3×3 map; M = the centre; the class = the middle row.
  const map = [0, 1, 0, 2, 4, 2, 0, 1, 0]; // total 10
  const region = [0, 0, 0, 0, 1, 0, 0, 0, 0];
  const cls = [0, 0, 0, 1, 1, 1, 0, 0, 0];

  it('is the share of the map outside the region and outside the class, worked by hand', () => {
    // outside M: 10 − 4 = 6 → 0.6; outside the class row: 1 + 1 = 2 → 0.2
    expect(leakage(map, region, cls, [3, 3])).toEqual({ outsideRegion: 0.6, outsideClass: 0.2 });
  });

  it('is 0 for a map inside the region, and reads no class share without a prediction', () => {
    expect(leakage([0, 0, 0, 0, 5, 0, 0, 0, 0], region, cls, [3, 3])).toEqual({ outsideRegion: 0, outsideClass: 0 });
    expect(leakage(map, region, null, [3, 3])).toEqual({ outsideRegion: 0.6, outsideClass: null });
  });

  it('puts nothing anywhere for an all-zero map, and refuses mismatched sizes', () => {
    expect(leakage(new Array(9).fill(0), region, cls, [3, 3])).toEqual({ outsideRegion: 0, outsideClass: 0 });
    expect(() => leakage(map, region, [1, 1], [3, 3])).toThrow(/class mask holds 2 values/);
    expect(() => leakage(map, new Array(9).fill(0), cls, [3, 3])).toThrow(/region is empty/);
  });
});
