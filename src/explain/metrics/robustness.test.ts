import { describe, expect, it } from 'vitest';
import { noiseSigma, noisyCopy, robustness } from './robustness';

describe('robustness (mean Pearson r of the clean map with noisy maps)', () => {
  it('matches a hand-computed case', () => {
    // clean [1, 2, 3]; noisy a = [1, 2, 3] (r = 1), b = [3, 2, 1] (r = −1), c = [1, 3, 2]:
    // centred clean [−1, 0, 1], centred c [−1, 1, 0] → r = (1 + 0 + 0) / (√2 · √2) = 0.5
    const r = robustness(
      [1, 2, 3],
      [
        [1, 2, 3],
        [3, 2, 1],
        [1, 3, 2],
      ],
    );
    expect(r.values[0]).toBeCloseTo(1, 12);
    expect(r.values[1]).toBeCloseTo(-1, 12);
    expect(r.values[2]).toBeCloseTo(0.5, 12);
    expect(r.mean).toBeCloseTo(0.5 / 3, 12);
  });

  it('leaves undefined draws out of the mean, and is NaN when no draw is defined', () => {
    const r = robustness(
      [1, 2, 3],
      [
        [2, 4, 6],
        [5, 5, 5],
      ],
    );
    expect(r.values[1]).toBeNaN();
    expect(r.mean).toBeCloseTo(1, 12);
    expect(robustness([0, 0, 0], [[1, 2, 3]]).mean).toBeNaN();
  });
});

describe('the noise', () => {
  it('has σ = fraction of the value range', () => {
    expect(noiseSigma([0.2, 0.7, 0.4], 0.1)).toBeCloseTo(0.05, 12);
    expect(noiseSigma([3, 3], 0.1)).toBe(0);
  });

  it('is seeded: the same (seed, draw) adds the same noise, another draw other noise', () => {
    const x = new Float32Array(1000).fill(0.5);
    const a = noisyCopy(x, 0.1, 7, 2);
    expect(Array.from(noisyCopy(x, 0.1, 7, 2))).toEqual(Array.from(a));
    expect(Array.from(noisyCopy(x, 0.1, 7, 3))).not.toEqual(Array.from(a));
    expect(Array.from(noisyCopy(x, 0.1, 8, 2))).not.toEqual(Array.from(a));
    // and it has the asked σ around the image
    const d = Array.from(a, (v) => v - 0.5);
    const mean = d.reduce((s, v) => s + v, 0) / d.length;
    const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
  });

  it('with σ = 0 is an exact copy, and never changes its input', () => {
    const x = Float32Array.from([0.1, 0.2, 0.3]);
    expect(Array.from(noisyCopy(x, 0, 1, 0))).toEqual(Array.from(x));
    noisyCopy(x, 0.5, 1, 0);
    expect(Array.from(x)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3])));
  });
});
