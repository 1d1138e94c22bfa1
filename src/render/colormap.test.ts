import { describe, expect, it } from 'vitest';
import {
  colorize,
  colorizeDiverging,
  colorizeLabels,
  DIVERGING_LUT,
  divergingIndex,
  hexToRgb,
  TURBO_LUT,
} from './colormap';

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

describe('packed colouring equals the per-byte form', () => {
  // The former byte-by-byte code, kept as the oracle: the packed words must give the same bytes on this platform.
  const byteColorize = (values: Float32Array, alpha: number) => {
    const out = new Uint8ClampedArray(values.length * 4);
    values.forEach((x, i) => {
      const v = Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
      const k = Math.round(v * 255) * 3;
      out.set([TURBO_LUT[k]!, TURBO_LUT[k + 1]!, TURBO_LUT[k + 2]!], i * 4);
      out[i * 4 + 3] = Math.round(255 * alpha * (0.25 + 0.75 * v));
    });
    return out;
  };
  const byteDiverging = (values: Float32Array, alpha: number, opaque: boolean) => {
    const out = new Uint8ClampedArray(values.length * 4);
    values.forEach((x, i) => {
      const k = divergingIndex(x);
      out.set([DIVERGING_LUT[k * 3]!, DIVERGING_LUT[k * 3 + 1]!, DIVERGING_LUT[k * 3 + 2]!], i * 4);
      out[i * 4 + 3] = opaque ? 255 : Math.round(255 * alpha * (0.25 + 0.75 * Math.abs(k / 127.5 - 1)));
    });
    return out;
  };
  let seed = 3;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const special = [NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, -0.5, 1 / 510, 2, -2, 1e-9];
  const values = Float32Array.from([...special, ...Array.from({ length: 4000 }, () => random() * 2.4 - 1.2)]);

  it('Turbo, for alphas in and out of [0, 1]', () => {
    for (const alpha of [0, 0.35, 0.7, 1, 1.6, -0.2])
      expect(Array.from(colorize(values, alpha)), `alpha ${alpha}`).toEqual(Array.from(byteColorize(values, alpha)));
  });
  it('diverging, over the image and opaque', () => {
    for (const alpha of [0, 0.5, 0.8, 1, 1.6])
      for (const opaque of [false, true])
        expect(Array.from(colorizeDiverging(values, alpha, opaque)), `${alpha} ${opaque}`).toEqual(
          Array.from(byteDiverging(values, alpha, opaque)),
        );
  });
  it('labels, unknown classes and another transparent class included', () => {
    const byteLabels = (labels: Uint8Array, colors: string[], opacity: number, clear: number) => {
      const rgb = colors.map(hexToRgb);
      const out = new Uint8ClampedArray(labels.length * 4);
      labels.forEach(
        (c, i) => c !== clear && out.set([...(rgb[c] ?? [255, 0, 255]), Math.round(255 * opacity)], i * 4),
      );
      return out;
    };
    const labels = Uint8Array.from({ length: 600 }, (_, i) => (i * 7919) % 9);
    const colors = ['#000000', '#ff8000', '#123456', 'bad', '#abcdef'];
    for (const [opacity, clear] of [
      [0.5, 0],
      [1, 2],
      [0.2, -1],
      [1.4, 0],
    ] as const)
      expect(Array.from(colorizeLabels(labels, colors, opacity, clear))).toEqual(
        Array.from(byteLabels(labels, colors, opacity, clear)),
      );
  });
});
