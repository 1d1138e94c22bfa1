import { describe, expect, it } from 'vitest';
import {
  blurredMap,
  blurSigmaFor,
  edgeMap,
  gaussianBlur,
  gaussianKernel,
  grayscale,
  randomMap,
  reflectIndex,
  sobelMagnitude,
} from './controlMaps';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe('randomMap', () => {
  it('is reproducible with its seed, differs across seeds, and spans [0, 1]', () => {
    const a = randomMap([8, 8], 7);
    expect(Array.from(randomMap([8, 8], 7))).toEqual(Array.from(a));
    const b = randomMap([8, 8], 8);
    expect(a.filter((v, i) => v !== b[i]).length).toBeGreaterThan(60);
    expect(Math.min(...a)).toBe(0);
    expect(Math.max(...a)).toBeCloseTo(1, 5);
  });

  it('is i.i.d. uniform: mean ≈ 1/2, a quarter below 1/4, no correlation between neighbours', () => {
    const m = randomMap([64, 64], 3);
    expect(sum(m) / m.length).toBeCloseTo(0.5, 1);
    expect(m.filter((v) => v < 0.25).length / m.length).toBeCloseTo(0.25, 1);
    let cov = 0;
    for (let i = 0; i + 1 < m.length; i++) cov += ((m[i] as number) - 0.5) * ((m[i + 1] as number) - 0.5);
    // uniform variance is 1/12 ≈ 0.083: neighbours' covariance is far below it
    expect(Math.abs(cov / (m.length - 1))).toBeLessThan(0.01);
  });

  it('refuses an empty size', () => {
    expect(() => randomMap([0, 4])).toThrow(/size must be positive/);
  });
});

describe('edgeMap', () => {
  it('reflects indices half-sample symmetrically', () => {
    expect([-2, -1, 0, 3, 4, 5, 9].map((i) => reflectIndex(i, 4))).toEqual([1, 0, 0, 3, 3, 2, 1]);
  });

  it('averages channels into grayscale', () => {
    expect(Array.from(grayscale([0, 0.3, 0.6, 1, 1, 1], [1, 2], 3))).toEqual([0.3, 1].map(Math.fround));
  });

  it('finds a vertical step edge of a 4×4 image: gx = 1+2+1 on both sides of the step, 0 elsewhere', () => {
    // columns 0 0 1 1 in every row; by reflection the border columns see their own value beside them
    const img = Array.from({ length: 16 }, (_, i) => (i % 4 >= 2 ? 1 : 0));
    expect(Array.from(sobelMagnitude(img, [4, 4]))).toEqual([0, 4, 4, 0, 0, 4, 4, 0, 0, 4, 4, 0, 0, 4, 4, 0]);
    const e = edgeMap(img, [4, 4], 1);
    expect(e[0]).toBe(0);
    expect(e[1]).toBeCloseTo(1, 6);
  });

  it('finds a diagonal corner: gx and gy both, magnitude √(gx² + gy²)', () => {
    // one bright pixel at (1, 1) of a 3×3 image: at (1, 0) gx = 2 (right minus left), gy = 0; at (0, 0) gx = gy = 1
    const img = [0, 0, 0, 0, 1, 0, 0, 0, 0];
    const s = sobelMagnitude(img, [3, 3]);
    expect(s[3]).toBeCloseTo(2, 6);
    expect(s[0]).toBeCloseTo(Math.SQRT2, 6);
    expect(s[4]).toBe(0);
  });

  it('refuses a wrong size with a message', () => {
    expect(() => edgeMap([1, 2, 3], [2, 2], 1)).toThrow(/not 2×2×1/);
  });
});

describe('gaussianBlur', () => {
  it('has taps e^{−t²/2σ²} normalised to 1 over radius ⌈3σ⌉', () => {
    const k = gaussianKernel(0.5);
    const raw = [-8, -2, 0, -2, -8].map(Math.exp);
    const total = raw.reduce((a, b) => a + b, 0);
    expect(Array.from(k)).toEqual(raw.map((v) => v / total).map((v) => expect.closeTo(v, 12)));
  });

  it('keeps a constant map constant', () => {
    const b = gaussianBlur(new Array(30).fill(0.7), [5, 6], 1.3);
    b.forEach((v) => expect(v).toBeCloseTo(0.7, 6));
  });

  it('keeps the mass of a corner impulse (reflection folds the tails back in)', () => {
    const m = new Float32Array(36);
    m[0] = 1;
    const b = gaussianBlur(m, [6, 6], 2);
    expect(sum(b)).toBeCloseTo(1, 5);
    // the corner holds more than an unfolded Gaussian's centre tap: its own and its mirror's
    expect(b[0]).toBeGreaterThan((gaussianKernel(2)[6] as number) ** 2);
  });

  it('spreads a centre impulse as the outer product of the taps', () => {
    const m = new Float32Array(49);
    m[24] = 1;
    const k = gaussianKernel(0.5);
    const b = gaussianBlur(m, [7, 7], 0.5);
    expect(b[24]).toBeCloseTo((k[2] as number) ** 2, 6);
    expect(b[25]).toBeCloseTo((k[2] as number) * (k[3] as number), 6);
    expect(b[32]).toBeCloseTo((k[3] as number) ** 2, 6);
  });

  it('normalises the blurred control to [0, 1], σ = 1/32 of the shorter side', () => {
    expect(blurSigmaFor([96, 96])).toBe(3);
    const m = new Float32Array(64);
    m[9] = 1;
    const b = blurredMap(m, [8, 8], 1);
    expect(Math.min(...b)).toBe(0);
    expect(b[9]).toBeCloseTo(1, 5);
    expect(() => gaussianBlur(m, [8, 8], 0)).toThrow(/σ must be a positive number/);
  });
});
