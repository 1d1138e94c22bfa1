import { describe, expect, it } from 'vitest';
import type { MethodCurves } from '../../core/faithfulness';
import { notBetterThanRandom } from './controlStyle';
import { fmt } from './DataTable';

const curves = (deletion: number, insertion: number): MethodCurves => ({
  deletion: { points: [], auc: deletion },
  insertion: { points: [], auc: insertion },
  sufficiency: [],
});

describe('notBetterThanRandom', () => {
  it('marks deletion when its AUC is not below the random map’s, insertion when not above', () => {
    const random = curves(0.3, 0.4);
    expect(notBetterThanRandom(curves(0.2, 0.5), random)).toEqual({ deletion: false, insertion: false });
    expect(notBetterThanRandom(curves(0.3, 0.5), random)).toEqual({ deletion: true, insertion: false });
    expect(notBetterThanRandom(curves(0.35, 0.4), random)).toEqual({ deletion: true, insertion: true });
    expect(notBetterThanRandom(curves(0.1, 0.39), random)).toEqual({ deletion: false, insertion: true });
  });

  it('marks a NaN area, and nothing before the random map is measured', () => {
    expect(notBetterThanRandom(curves(NaN, NaN), curves(0.3, 0.4))).toEqual({ deletion: true, insertion: true });
    expect(notBetterThanRandom(curves(0.9, 0.1), undefined)).toEqual({ deletion: false, insertion: false });
  });
});

describe('fmt (the AUC table cells)', () => {
  it('prints three decimals with a typographic minus, and a dash for a missing value', () => {
    expect(fmt(0.1234)).toBe('0.123');
    expect(fmt(-0.0456)).toBe('−0.046');
    expect(fmt(undefined)).toBe('—');
    expect(fmt(Number.NaN)).toBe('—');
  });
});
