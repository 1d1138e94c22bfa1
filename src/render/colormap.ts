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

const TURBO_WORDS = packRgb(TURBO_LUT);

/**
 * RGB triples as packed RGBA words in the platform's byte order (alpha 0): one 32-bit store per pixel instead of four
 * clamped byte stores (a 256² map: ~2 ms → a fraction, on the slider's path).
 */
function packRgb(lut: Uint8ClampedArray): Uint32Array {
  const packed = new Uint32Array(lut.length / 3);
  const bytes = new Uint8Array(packed.buffer);
  for (let k = 0; k < packed.length; k++) bytes.set(lut.subarray(k * 3, k * 3 + 3), k * 4);
  return packed;
}

/** An alpha byte a as a packed word with only its alpha byte set, in the platform's byte order. */
const ALPHA_WORD: Uint32Array = (() => {
  const words = new Uint32Array(256);
  const bytes = new Uint8Array(words.buffer);
  for (let a = 0; a < 256; a++) bytes[a * 4 + 3] = a;
  return words;
})();

/**
 * Math.round(x) for x ≥ 0, several times faster in these per-pixel loops: truncation of x + ½, stepped back where
 * that sum rounded up to the next integer (x within an ulp below a half).
 */
const roundNonNegative = (x: number): number => {
  const r = (x + 0.5) | 0;
  return r - 0.5 > x ? r - 1 : r;
};

/** A byte as a Uint8ClampedArray store would make it of Math.round(x): clamped to 0…255 (NaN: 0). */
const clampedByte = (x: number): number => (x >= 255 ? 255 : x > 0 ? roundNonNegative(x) : 0);

/** Colours a [0, 1] map into RGBA pixels; alpha follows the value so low evidence lets the image through. */
export function colorize(values: Float32Array, alpha: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  const words = new Uint32Array(out.buffer);
  const rgb = TURBO_WORDS;
  const scale = 255 * alpha;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    // Clamped to [0, 1]; NaN and ±∞ read as 0.
    const v = x > 0 ? (x <= 1 ? x : x === Infinity ? 0 : 1) : 0;
    words[i] = rgb[roundNonNegative(v * 255)]! | ALPHA_WORD[clampedByte(scale * (0.25 + 0.75 * v))]!;
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
  // One packed RGBA word per class (an unknown class in magenta); background stays 0 = clear.
  const a = Math.round(255 * opacity);
  const table = new Uint32Array(256);
  const bytes = new Uint8ClampedArray(table.buffer);
  for (let c = 0; c < 256; c++)
    if (c !== transparentClass) bytes.set([...(hexToRgbOf(colors, c) ?? [255, 0, 255]), a], c * 4);
  const out = new Uint8ClampedArray(labels.length * 4);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < labels.length; i++) words[i] = table[labels[i]!]!;
  return out;
}

/** A class's colour as [r, g, b], or undefined past the list. */
const hexToRgbOf = (colors: readonly string[], c: number) => (c < colors.length ? hexToRgb(colors[c]!) : undefined);

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

const DIVERGING_WORDS = packRgb(DIVERGING_LUT);

/** The LUT index of a signed value in [−1, 1] (clamped; NaN = 0). */
export function divergingIndex(d: number): number {
  // Clamped to [−1, 1]; NaN and ±∞ read as 0. ((v + 1) / 2) · 255 and (v + 1) · 127.5 round alike: ÷ 2 is exact.
  const v = d > -1 && d < 1 ? d : d >= 1 ? (d === Infinity ? 0 : 1) : d <= -1 ? (d === -Infinity ? 0 : -1) : 0;
  return roundNonNegative((v + 1) * 127.5);
}

/**
 * Colours a signed [−1, 1] map (a difference) into RGBA on the diverging table. Over the image, alpha follows |d| so
 * agreement lets the image through; `opaque` (map only) draws every pixel at full alpha.
 */
export function colorizeDiverging(values: Float32Array, alpha: number, opaque = false): Uint8ClampedArray {
  // The colour and the alpha both follow the table index: one packed word per index for this call.
  const rgb = DIVERGING_WORDS;
  const table = new Uint32Array(256);
  for (let k = 0; k < 256; k++)
    table[k] = rgb[k]! | ALPHA_WORD[opaque ? 255 : clampedByte(255 * alpha * (0.25 + 0.75 * Math.abs(k / 127.5 - 1)))]!;
  const out = new Uint8ClampedArray(values.length * 4);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < values.length; i++) words[i] = table[divergingIndex(values[i]!)]!;
  return out;
}

/** A [0, 1] map in Turbo at full alpha: the "map only" view, where no image shows through. */
export function colorizeOpaque(values: Float32Array): Uint8ClampedArray {
  const out = colorize(values, 1);
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  return out;
}
