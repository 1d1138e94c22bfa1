import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { ascendingOrder } from './order';

/** The definition, independently: indices sorted by value, then by index. */
const reference = (values: ArrayLike<number>) =>
  Array.from({ length: values.length }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number) || a - b,
  );

describe('ascendingOrder', () => {
  it('sorts a hand-made case with ties, negatives and both zeros, ties by index', () => {
    const values = Float32Array.from([0.5, -1, 0, -1, 0.5, -0, 2, 0]);
    // ascending: −1 (1, 3), 0 (2, 5, 7 — −0 equals 0), 0.5 (0, 4), 2 (6)
    expect(Array.from(ascendingOrder(values))).toEqual([1, 3, 2, 5, 7, 0, 4, 6]);
  });

  it('agrees with a comparator sort on a 256² map full of ties (a ReLU map: many exact zeros)', () => {
    const rng = seedrandom('order');
    const values = Float32Array.from({ length: 256 * 256 }, () => {
      const u = rng();
      return u < 0.4 ? 0 : u < 0.5 ? -Math.round(rng() * 8) / 8 : Math.round(rng() * 64) / 64;
    });
    expect(Array.from(ascendingOrder(values))).toEqual(reference(values));
  });

  it('agrees on distinct float32 values spanning many magnitudes, denormals included', () => {
    const rng = seedrandom('spread');
    const values = Float32Array.from({ length: 5000 }, () => (rng() - 0.5) * 10 ** Math.floor(rng() * 80 - 45));
    expect(Array.from(ascendingOrder(values))).toEqual(reference(values));
  });

  it('falls back to the comparator for values a float32 cannot hold exactly, and for infinities', () => {
    const doubles = [0.1, 1 / 3, 0.1 + 1e-12, -2, 1 / 3];
    expect(Array.from(ascendingOrder(doubles))).toEqual(reference(doubles));
    const infinite = [3, Infinity, -Infinity, 0, Infinity];
    expect(Array.from(ascendingOrder(infinite))).toEqual([2, 3, 0, 1, 4]);
  });
});
