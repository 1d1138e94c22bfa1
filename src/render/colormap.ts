import { interpolateRdBu, interpolateTurbo } from 'd3-scale-chromatic';

/** 256-entry RGB lookup table of the Turbo colormap, built once from d3's interpolator. */
export const TURBO_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const m = /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(interpolateTurbo(i / 255));
    if (!m) throw new Error('unexpected colour format from d3-scale-chromatic');
    lut.set([Number(m[1]), Number(m[2]), Number(m[3])], i * 3);
  }
  return lut;
})();

/** Colours a [0, 1] map into RGBA pixels; alpha follows the value so low evidence lets the image through. */
export function colorize(values: Float32Array, alpha: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = Math.min(1, Math.max(0, Number.isFinite(values[i]) ? (values[i] as number) : 0));
    const k = Math.round(v * 255) * 3;
    out[i * 4] = TURBO_LUT[k] as number;
    out[i * 4 + 1] = TURBO_LUT[k + 1] as number;
    out[i * 4 + 2] = TURBO_LUT[k + 2] as number;
    out[i * 4 + 3] = Math.round(255 * alpha * (0.25 + 0.75 * v));
  }
  return out;
}

/** Parses "#rrggbb" into [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return [255, 0, 255];
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)];
}

/** Label map → RGBA, class colours at the given opacity; `transparentClass` (background) is left clear. */
export function colorizeLabels(
  labels: Uint8Array,
  colors: readonly string[],
  opacity: number,
  transparentClass = 0,
): Uint8ClampedArray {
  const rgb = colors.map(hexToRgb);
  const out = new Uint8ClampedArray(labels.length * 4);
  const a = Math.round(255 * opacity);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (c === transparentClass) continue;
    const [r, g, b] = rgb[c] ?? [255, 0, 255];
    out.set([r, g, b, a], i * 4);
  }
  return out;
}

/** 256-entry RGB table of RdBu reversed: index 0 = −1 (blue), 127.5 = 0 (white), 255 = +1 (red). */
export const DIVERGING_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const m = /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(interpolateRdBu(1 - i / 255));
    if (!m) throw new Error('unexpected colour format from d3-scale-chromatic');
    lut.set([Number(m[1]), Number(m[2]), Number(m[3])], i * 3);
  }
  return lut;
})();

/** The LUT index of a signed value in [−1, 1] (clamped; NaN = 0). */
export function divergingIndex(d: number): number {
  const v = Math.min(1, Math.max(-1, Number.isFinite(d) ? d : 0));
  return Math.round(((v + 1) / 2) * 255);
}

/**
 * Colours a signed [−1, 1] map (a difference) into RGBA on the diverging table. Over the image, alpha follows |d| so
 * agreement lets the image through; `opaque` (map only) draws every pixel at full alpha.
 */
export function colorizeDiverging(values: Float32Array, alpha: number, opaque = false): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const k = divergingIndex(values[i] as number);
    out[i * 4] = DIVERGING_LUT[k * 3] as number;
    out[i * 4 + 1] = DIVERGING_LUT[k * 3 + 1] as number;
    out[i * 4 + 2] = DIVERGING_LUT[k * 3 + 2] as number;
    out[i * 4 + 3] = opaque ? 255 : Math.round(255 * alpha * (0.25 + 0.75 * Math.abs(k / 127.5 - 1)));
  }
  return out;
}

/** A [0, 1] map in Turbo at full alpha: the "map only" view, where no image shows through. */
export function colorizeOpaque(values: Float32Array): Uint8ClampedArray {
  const out = colorize(values, 1);
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  return out;
}
