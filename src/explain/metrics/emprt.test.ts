import { describe, expect, it } from 'vitest';
import { emprt, mapEntropy } from './emprt';

describe('mapEntropy', () => {
  it('is log n for a uniform map, whatever its scale', () => {
    expect(mapEntropy(new Float32Array(16).fill(0.3))).toBeCloseTo(Math.log(16), 12);
    expect(mapEntropy([5, 5, 5])).toBeCloseTo(Math.log(3), 12);
  });

  it('is 0 for a one-hot map', () => {
    expect(mapEntropy([0, 0, 0.7, 0])).toBe(0);
  });

  it('matches a hand-worked 2×2 map', () => {
    // [1, 1, 2, 0] → p = [¼, ¼, ½, 0]: H = 2·¼·ln 4 + ½·ln 2 = 1.5 ln 2
    expect(mapEntropy([1, 1, 2, 0])).toBeCloseTo(1.5 * Math.LN2, 12);
  });

  it('ignores negative values and is NaN without positive mass', () => {
    expect(mapEntropy([1, -3, 1, 0])).toBeCloseTo(Math.LN2, 12);
    expect(mapEntropy([0, 0, 0])).toBeNaN();
    expect(mapEntropy([-1, -2])).toBeNaN();
  });
});

describe('emprt', () => {
  it('is the relative rise in entropy, hand-worked on 2×2 maps', () => {
    // original H = 1.5 ln 2, randomised (uniform) H = ln 4 = 2 ln 2: rise = (2 − 1.5) / 1.5 = 1/3
    const r = emprt([1, 1, 2, 0], [0.2, 0.2, 0.2, 0.2]);
    expect(r.original).toBeCloseTo(1.5 * Math.LN2, 12);
    expect(r.randomised).toBeCloseTo(2 * Math.LN2, 12);
    expect(r.rise).toBeCloseTo(1 / 3, 12);
  });

  it('is negative when the random model gives the more concentrated map, 0 when nothing changes', () => {
    expect(emprt([1, 1, 1, 1], [1, 1, 0, 0]).rise).toBeCloseTo(-0.5, 12);
    expect(emprt([1, 2, 3, 4], [2, 4, 6, 8]).rise).toBe(0);
  });

  it('is NaN where undefined: a one-pixel original or an all-zero map', () => {
    expect(emprt([0, 1, 0, 0], [1, 1, 1, 1]).rise).toBeNaN();
    expect(emprt([1, 1, 0, 0], [0, 0, 0, 0]).rise).toBeNaN();
    expect(() => emprt([1], [1, 2])).toThrow(/lengths differ/);
  });
});
