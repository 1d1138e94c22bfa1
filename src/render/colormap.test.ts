import { describe, expect, it } from 'vitest';
import { colorize, colorizeLabels, hexToRgb, TURBO_LUT } from './colormap';

describe('colormap', () => {
  it('Turbo runs from dark blue-violet to dark red', () => {
    const [r0, , b0] = TURBO_LUT.slice(0, 3);
    const [r1, , b1] = TURBO_LUT.slice(255 * 3, 255 * 3 + 3);
    expect(b0).toBeGreaterThan(r0 as number);
    expect(r1).toBeGreaterThan(b1 as number);
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
