/**
 * Robustness of a map to small input noise (docs/METHOD.md, "Robustness"): how well the map of the clean image
 * correlates with the maps of the same image plus Gaussian noise (SmoothGrad's noise, Smilkov et al. 2017).
 */
import { pearson } from './correlation';
import { seededNormal } from './randomization';

export interface Robustness {
  /** mean Pearson r of the clean map with each noisy map, over the draws where r is defined; NaN if none is */
  mean: number;
  /** r per draw (NaN where a map is constant) */
  values: number[];
}

/** Mean Pearson correlation of `clean` with each of `noisy` (undefined draws, NaN, are left out of the mean). */
export function robustness(clean: ArrayLike<number>, noisy: readonly ArrayLike<number>[]): Robustness {
  const values = noisy.map((n) => pearson(clean, n));
  const finite = values.filter(Number.isFinite);
  return { mean: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN, values };
}

/** σ in the image's units: `fraction` of its value range (max − min over every value); 0 for a constant image. */
export function noiseSigma(values: ArrayLike<number>, fraction: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return values.length ? fraction * (hi - lo) : 0;
}

/**
 * Draw k of the noise: `values` plus N(0, σ²) per value, from a seeded stream keyed by (seed, k), so every backend and
 * machine adds the same noise. σ = 0 returns an exact copy.
 */
export function noisyCopy(values: ArrayLike<number>, sigma: number, seed: number, k: number): Float32Array {
  const out = Float32Array.from(values);
  if (sigma === 0) return out;
  const noise = seededNormal(out.length, `noise/${seed}/${k}`, 0, sigma);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (noise[i] as number);
  return out;
}
