import { describe, expect, it } from 'vitest';
import { bootstrapMean, perSceneMeans, quantile } from './bootstrap';

describe('bootstrap over scenes', () => {
  it('quantile interpolates between order statistics as numpy does', () => {
    // numpy.quantile([1, 2, 4, 8], 0.25) = 1.75; 0.5 → 3; 0.975 → 4 + 0.925·4 = 7.7
    expect(quantile([1, 2, 4, 8], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([1, 2, 4, 8], 0.5)).toBeCloseTo(3, 12);
    expect(quantile([1, 2, 4, 8], 0.975)).toBeCloseTo(7.7, 12);
  });

  it('resamples scenes by the draws given: a hand-computed case', () => {
    // Scenes [0, 3, 6]; 4 resamples of 3 draws each. Draws → indices floor(u·3):
    // (0,0,1) → mean 1; (2,2,2) → 6; (1,2,0) → 3; (0,0,0) → 0. Sorted means [0, 1, 3, 6];
    // 2.5th percentile: h = 3·0.025 = 0.075 → 0 + 0.075·1 = 0.075; 97.5th: h = 2.925 → 3 + 0.925·3 = 5.775.
    const u = [0.1, 0.2, 0.5, 0.9, 0.8, 0.7, 0.4, 0.95, 0.0, 0.3, 0.1, 0.2];
    let i = 0;
    const r = bootstrapMean([0, 3, 6], 'unused', 4, () => u[i++] as number);
    expect(r.mean).toBe(3);
    expect(r.lo).toBeCloseTo(0.075, 12);
    expect(r.hi).toBeCloseTo(5.775, 12);
    expect(r.scenes).toBe(3);
  });

  it('is reproducible for a seed, and a constant sample has a zero-width interval', () => {
    const a = bootstrapMean([0.1, 0.5, 0.9, 0.4], 'g');
    expect(bootstrapMean([0.1, 0.5, 0.9, 0.4], 'g')).toEqual(a);
    expect(a.lo).toBeLessThan(a.mean);
    expect(a.hi).toBeGreaterThan(a.mean);
    expect(bootstrapMean([2, 2, 2], 'g')).toEqual({ mean: 2, lo: 2, hi: 2, scenes: 3 });
  });

  it('averages regions within a scene first, scenes in name order', () => {
    const rows = [
      { scene: 'b', value: 1 },
      { scene: 'a', value: 2 },
      { scene: 'b', value: 3 },
    ];
    expect(perSceneMeans(rows)).toEqual([2, 2]);
  });
});
