import { describe, expect, it } from 'vitest';
import { windowLabel, windowOptions } from './windowOptions';

describe('window options', () => {
  it('powers of two below the grid, then the full grid', () => {
    expect(windowOptions(16, 2)).toEqual([1, 2, 4, 8, 0]);
    expect(windowOptions(13, 3)).toEqual([1, 2, 3, 4, 8, 0]);
  });
  it('labels name the identities', () => {
    expect(windowLabel(1, [16, 16], 'max')).toBe('1×1 (= HiResCAM)');
    expect(windowLabel(0, [16, 16], 'mean')).toBe('16×16, the full grid (= Seg-Grad-CAM)');
    expect(windowLabel(0, [16, 16], 'max')).toBe('16×16, the full grid');
    expect(windowLabel(4, [16, 16], 'max')).toBe('4×4');
  });
});
