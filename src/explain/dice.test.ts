import { describe, expect, it } from 'vitest';
import { classWithinRegion, dice, regionDice } from './dice';

const m = (...v: number[]) => Uint8Array.from(v);

describe('dice', () => {
  it('is 1 for identical non-empty masks and 0 for disjoint ones', () => {
    expect(dice(m(1, 1, 0), m(1, 1, 0))).toBe(1);
    expect(dice(m(1, 0, 0), m(0, 1, 0))).toBe(0);
  });
  it('is 0 when both masks are empty (no NaN)', () => {
    expect(dice(m(0, 0), m(0, 0))).toBe(0);
  });
  it('is 0 when one mask is empty', () => {
    expect(dice(m(0, 0, 0), m(0, 1, 1))).toBe(0);
  });
  it('matches 2|a∩b|/(|a|+|b|) on a partial overlap', () => {
    expect(dice(m(1, 1, 1, 0), m(0, 1, 1, 1))).toBeCloseTo((2 * 2) / 6, 12);
  });
  it('treats any non-zero value as set', () => {
    expect(dice(m(255, 0), m(1, 0))).toBe(1);
  });
  it('refuses masks of different sizes', () => {
    expect(() => dice(m(1), m(1, 0))).toThrow(/sizes differ/);
  });
});

describe('regionDice', () => {
  it('only counts pixels of the target class inside the region', () => {
    const region = m(1, 1, 1, 0);
    const ref = m(2, 2, 0, 2);
    const pert = m(2, 0, 0, 2); // outside-region pixel 3 agrees but must not count
    expect(Array.from(classWithinRegion(ref, region, 2))).toEqual([1, 1, 0, 0]);
    expect(regionDice(pert, ref, region, 2)).toBeCloseTo(2 / 3, 12);
  });
});
