import { describe, expect, it } from 'vitest';
import { colorize, colorizeDiverging, colorizeOpaque, DIVERGING_LUT, divergingIndex } from './colormap';

const rgbAt = (k: number) => Array.from(DIVERGING_LUT.slice(k * 3, k * 3 + 3)) as [number, number, number];

describe('diverging colour map', () => {
  it('runs from blue (−1) through near-white (0) to red (+1): positive = red', () => {
    const [r0, g0, b0] = rgbAt(0);
    expect(b0).toBeGreaterThan(2 * Math.max(r0, g0));
    const [r1, g1, b1] = rgbAt(255);
    expect(r1).toBeGreaterThan(2 * Math.max(g1, b1));
    const mid = rgbAt(divergingIndex(0));
    expect(Math.min(...mid)).toBeGreaterThan(230);
  });

  it('maps −1, 0, +1 to the ends and the middle, clamping out-of-range and NaN', () => {
    expect([divergingIndex(-1), divergingIndex(0), divergingIndex(1)]).toEqual([0, 128, 255]);
    expect([divergingIndex(-5), divergingIndex(5), divergingIndex(Number.NaN)]).toEqual([0, 255, 128]);
  });

  it('colours each value from the table; alpha follows |d| over the image and is full when opaque', () => {
    const px = colorizeDiverging(Float32Array.from([-1, 0, 1]), 0.8);
    expect(Array.from(px.slice(0, 3))).toEqual(rgbAt(0));
    expect(Array.from(px.slice(8, 11))).toEqual(rgbAt(255));
    expect(px[3]).toBe(204); // 255 × 0.8 at |d| = 1
    expect(px[7]).toBeLessThan(60); // near-zero difference: mostly see-through
    expect(Array.from(colorizeDiverging(Float32Array.from([0.3]), 0.1, true).slice(3, 4))).toEqual([255]);
  });

  it('"map only" Turbo keeps the colours and makes every pixel opaque', () => {
    const values = Float32Array.from([0, 0.5, 1]);
    const opaque = colorizeOpaque(values);
    const over = colorize(values, 0.7);
    for (let i = 0; i < 3; i++) {
      expect(Array.from(opaque.slice(i * 4, i * 4 + 3))).toEqual(Array.from(over.slice(i * 4, i * 4 + 3)));
      expect(opaque[i * 4 + 3]).toBe(255);
    }
  });
});
