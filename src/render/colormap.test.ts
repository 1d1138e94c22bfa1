import { describe, expect, it } from 'vitest';
import { colorize, colorizeLabels, hexToRgb, TURBO_LUT } from './colormap';

describe('colormap', () => {
  it('Turbo runs from near-black through blue and green to dark red', () => {
    const at = (v: number) => Array.from(TURBO_LUT.slice(Math.round(v * 255) * 3, Math.round(v * 255) * 3 + 3));
    expect(at(0).reduce((a, b) => a + b)).toBeLessThan(120);
    const [r15, g15, b15] = at(0.15) as [number, number, number];
    expect(b15).toBeGreaterThan(Math.max(r15, g15));
    const [r5, g5, b5] = at(0.5) as [number, number, number];
    expect(g5).toBeGreaterThan(Math.max(r5, b5));
    const [r1, g1, b1] = at(1) as [number, number, number];
    expect(r1).toBeGreaterThan(5 * Math.max(g1, b1));
  });
  it('colorize clamps out-of-range and NaN values instead of wrapping', () => {
    const px = colorize(Float32Array.from([-1, 2, NaN]), 1);
    expect(Array.from(px.slice(0, 3))).toEqual(Array.from(TURBO_LUT.slice(0, 3)));
    expect(Array.from(px.slice(4, 7))).toEqual(Array.from(TURBO_LUT.slice(765, 768)));
    expect(Array.from(px.slice(8, 11))).toEqual(Array.from(TURBO_LUT.slice(0, 3)));
    expect(px[7]).toBe(255);
  });
  it('labels: background transparent, other classes in their colour', () => {
    const px = colorizeLabels(Uint8Array.from([0, 1]), ['#000000', '#ff8000'], 0.5);
    expect(Array.from(px)).toEqual([0, 0, 0, 0, 255, 128, 0, 128]);
    expect(hexToRgb('nonsense')).toEqual([255, 0, 255]);
  });
});
