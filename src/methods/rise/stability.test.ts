import { describe, expect, it } from 'vitest';
import { closeToAll, masksToReach, mayStop, noiseRatio, splitHalfStability } from './stability';

const f32 = (xs: number[]) => Float32Array.from(xs);

describe('split-half stability', () => {
  it('is 0 while the halves do not agree: opposite, or one still constant', () => {
    expect(splitHalfStability(f32([1, 2, 3]), f32([3, 2, 1]))).toBe(0);
    expect(splitHalfStability(f32([1, 1, 1]), f32([1, 2, 3]))).toBe(0);
    expect(splitHalfStability(f32([1, 2, 3]), f32([2, 4, 6]))).toBeCloseTo(1, 6);
  });
  it('Spearman–Brown: r = 0.8 between halves → 2·0.8 / 1.8 for the whole; no agreement → 0', () => {
    expect(splitHalfStability(f32([1, 2, 3, 4]), f32([1, 3, 2, 4]))).toBeCloseTo(1.6 / 1.8, 6);
    expect(splitHalfStability(f32([1, 2, 3]), f32([3, 2, 1]))).toBe(0);
  });
});

describe('the stop rule', () => {
  it('noise ratio inverts Spearman–Brown: R(n) = n / (n + k)', () => {
    const k = noiseRatio(400, 0.8);
    expect(k).toBeCloseTo(100, 9);
    expect(400 / (400 + k)).toBeCloseTo(0.8, 9);
    expect(noiseRatio(400, 0)).toBe(Infinity);
  });

  // Under the rule's own model (per-mask noise k times the signal), the expected gap of the first n masks to all N
  // and the expected spread of two N-mask seeds, written out directly.
  const gap = (n: number, total: number, k: number) => 1 - Math.sqrt((1 + k / total) / (1 + k / n));
  const spread = (total: number, k: number) => 1 - total / (total + k);

  it('stops exactly where the expected gap to N falls within tolerance × the seed spread at N', () => {
    for (const k of [20, 150, 1000])
      for (const tolerance of [0.5, 1, 2]) {
        const stability = (n: number) => n / (n + k);
        const n = masksToReach(50, stability(50), 2000, tolerance);
        // the boundary: the gap at n is within the allowance, just below it is not
        expect(gap(n, 2000, k)).toBeLessThanOrEqual(tolerance * spread(2000, k) + 1e-12);
        expect(gap(n - 1, 2000, k)).toBeGreaterThan(tolerance * spread(2000, k));
        expect(closeToAll(n, stability(n), 2000, tolerance)).toBe(true);
        expect(closeToAll(n - 1, stability(n - 1), 2000, tolerance)).toBe(false);
      }
  });

  it('with tolerance 1 and little noise, needs about a third of N (the gap then equals the seed spread)', () => {
    const n = masksToReach(50, 50 / (50 + 1), 2000, 1);
    expect(n / 2000).toBeGreaterThan(0.32);
    expect(n / 2000).toBeLessThan(0.34);
  });

  it('stops only on a check point, past the minimum, before N, and never without a tolerance', () => {
    const stable = 0.999;
    expect(mayStop(700, stable, 2000, 1)).toBe(true);
    expect(mayStop(710, stable, 2000, 1)).toBe(false);
    expect(mayStop(600, stable, 2000, 1)).toBe(false); // under a third of N: not yet
    expect(mayStop(150, stable, 300, 1)).toBe(false); // a third of N, but under the minimum
    expect(mayStop(200, stable, 300, 1)).toBe(true);
    expect(mayStop(2000, stable, 2000, 1)).toBe(false);
    expect(mayStop(700, stable, 2000, null)).toBe(false);
    expect(mayStop(700, 0, 2000, 1)).toBe(false);
  });
});
