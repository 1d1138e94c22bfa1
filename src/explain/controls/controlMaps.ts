import seedrandom from 'seedrandom';
import { minMaxNormalizeHost } from '../host/postProcess';

/**
 * The controls of the faithfulness and sanity tests (docs/METHOD.md, "Controls"): maps that explain nothing about the
 * model, scored by the same tests as the methods' maps. Plain JS on host arrays ([H, W] row-major, the model's input
 * grid), so the engine, the studies and the tests share one definition. Each is min-max normalised like a method's
 * map (ε = 1e-7), so thresholds mean the same.
 */

/** σ of the blurred copy, in input pixels: 1/32 of the shorter side (3 px at 96², 8 px at 256²). */
export const blurSigmaFor = ([h, w]: readonly [number, number]): number => Math.min(h, w) / 32;

/** The random control's seed when none is given (the app's RISE seed default). */
export const DEFAULT_CONTROL_SEED = 1;

/**
 * The random control: i.i.d. uniform values in [0, 1) per pixel from a seeded alea stream (the PRNG of RISE's masks
 * and of the sanity check), min-max normalised. Same seed → the same map on every machine; ties have probability ≈ 0.
 */
export function randomMap(
  [h, w]: readonly [number, number],
  seed: number | string = DEFAULT_CONTROL_SEED,
): Float32Array {
  if (!(h > 0 && w > 0)) throw new Error(`random map: the size must be positive, not ${h}×${w}.`);
  const rng = seedrandom.alea(`control/${seed}`);
  const out = new Float32Array(h * w);
  for (let i = 0; i < out.length; i++) out[i] = rng();
  return minMaxNormalizeHost(out, out);
}

/** Index folded into [0, n) by half-sample symmetric reflection (… b a | a b c … c b | b a …, scipy's 'reflect'). */
export function reflectIndex(i: number, n: number): number {
  const period = 2 * n;
  const m = ((i % period) + period) % period;
  return m < n ? m : period - 1 - m;
}

/** Grayscale of an HWC image: the mean of its channels (one channel: itself). */
export function grayscale(
  pixels: ArrayLike<number>,
  [h, w]: readonly [number, number],
  channels: number,
): Float32Array {
  if (pixels.length !== h * w * channels)
    throw new Error(`grayscale: ${pixels.length} values are not ${h}×${w}×${channels}.`);
  const out = new Float32Array(h * w);
  for (let p = 0; p < h * w; p++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += pixels[p * channels + c] as number;
    out[p] = s / channels;
  }
  return out;
}

/**
 * Sobel gradient magnitude √(gx² + gy²) of a grayscale image, borders by reflection (the pixel beside the border is
 * the border pixel itself), not normalised. gx = [[−1,0,1],[−2,0,2],[−1,0,1]] (right minus left), gy its transpose.
 */
export function sobelMagnitude(gray: ArrayLike<number>, [h, w]: readonly [number, number]): Float32Array {
  if (gray.length !== h * w) throw new Error(`sobel: ${gray.length} values are not ${h}×${w}.`);
  const at = (r: number, c: number) => gray[reflectIndex(r, h) * w + reflectIndex(c, w)] as number;
  const out = new Float32Array(h * w);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const gx =
        at(r - 1, c + 1) + 2 * at(r, c + 1) + at(r + 1, c + 1) - at(r - 1, c - 1) - 2 * at(r, c - 1) - at(r + 1, c - 1);
      const gy =
        at(r + 1, c - 1) + 2 * at(r + 1, c) + at(r + 1, c + 1) - at(r - 1, c - 1) - 2 * at(r - 1, c) - at(r - 1, c + 1);
      out[r * w + c] = Math.hypot(gx, gy);
    }
  }
  return out;
}

/** The edge control: the Sobel magnitude of the model input in grayscale, min-max normalised. Model-independent. */
export function edgeMap(pixels: ArrayLike<number>, size: readonly [number, number], channels: number): Float32Array {
  const out = sobelMagnitude(grayscale(pixels, size, channels), size);
  return minMaxNormalizeHost(out, out);
}

/** The 1-D Gaussian taps for σ (radius ⌈3σ⌉), summing to 1. */
export function gaussianKernel(sigma: number): Float64Array {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new Error(`blur: σ must be a positive number, not ${sigma}.`);
  const radius = Math.ceil(3 * sigma);
  const k = Float64Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

/** One separable pass along rows (dim 1) or columns (dim 0), borders by half-sample symmetric reflection. */
function blurAxis(src: Float64Array, [h, w]: readonly [number, number], k: Float64Array, alongColumns: boolean) {
  const radius = (k.length - 1) / 2;
  const out = new Float64Array(h * w);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let s = 0;
      for (let t = -radius; t <= radius; t++) {
        const v = alongColumns ? src[reflectIndex(r + t, h) * w + c] : src[r * w + reflectIndex(c + t, w)];
        s += (k[t + radius] as number) * (v as number);
      }
      out[r * w + c] = s;
    }
  }
  return out;
}

/**
 * Gaussian blur (separable, radius ⌈3σ⌉), borders by half-sample symmetric reflection: the blur matrix is then
 * symmetric with rows summing to 1, so a constant map stays constant and the total (mass) is kept. Not normalised.
 */
export function gaussianBlur(map: ArrayLike<number>, size: readonly [number, number], sigma: number): Float32Array {
  const [h, w] = size;
  if (map.length !== h * w) throw new Error(`blur: ${map.length} values are not ${h}×${w}.`);
  const k = gaussianKernel(sigma);
  return Float32Array.from(blurAxis(blurAxis(Float64Array.from(map), size, k, false), size, k, true));
}

/** The blurred control: a Gaussian blur of a method's map (σ = blurSigmaFor(size) unless given), min-max normalised. */
export function blurredMap(
  map: ArrayLike<number>,
  size: readonly [number, number],
  sigma = blurSigmaFor(size),
): Float32Array {
  const out = gaussianBlur(map, size, sigma);
  return minMaxNormalizeHost(out, out);
}
