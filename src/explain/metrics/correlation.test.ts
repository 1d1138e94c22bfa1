import { describe, expect, it } from 'vitest';
import { trapezoidAuc } from './auc';
import { averageRanks, pearson, spearman } from './correlation';

describe('Pearson', () => {
  it('matches a hand computation: x = 1..4, y = (2, 4, 5, 9) → 11/√130', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });
  it('is NaN where undefined: a constant map, or one value', () => {
    expect(pearson([0, 0, 0], [1, 2, 3])).toBeNaN();
    expect(pearson([1], [1])).toBeNaN();
  });
  it('refuses maps of different lengths', () => {
    expect(() => pearson([1, 2], [1, 2, 3])).toThrow();
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow();
  });
});

describe('Spearman', () => {
  it('gives ties the average of their ranks', () => {
    expect(Array.from(averageRanks([5, 7, 7, 9]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(averageRanks([3, 1, 3, 3]))).toEqual([3, 1, 3, 3]);
    expect(Array.from(averageRanks([0.2, 0.1, 0.3]))).toEqual([2, 1, 3]);
  });
  it('with ties, by hand: x = (1, 2, 2, 3), y = (1, 3, 2, 4) → ρ = 4.5/√(4.5·5) = √0.9', () => {
    // ranks x = (1, 2.5, 2.5, 4), y = (1, 3, 2, 4); ranking ties by index instead would give 0.8
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(Math.sqrt(0.9), 12);
  });
  it('is 1 for any increasing relation, where Pearson is not', () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [1, 4, 9, 16])).toBeLessThan(0.99);
  });
  it('is NaN against a constant map', () => {
    expect(spearman([1, 2, 3], [0, 0, 0])).toBeNaN();
  });
});

describe('trapezoid AUC', () => {
  it('is (1/n) Σ (f_i + f_{i+1})/2 on an even grid, and uses the xs when given', () => {
    expect(trapezoidAuc([0, 1])).toBe(0.5);
    expect(trapezoidAuc([1, 0.5, 0.5, 0])).toBeCloseTo((0.75 + 0.5 + 0.25) / 3, 12);
    expect(trapezoidAuc([1, 1, 0], [0, 0.25, 1])).toBeCloseTo(0.25 + 0.375, 12);
    expect(() => trapezoidAuc([1])).toThrow();
  });
});
