/**
 * eMPRT, the efficient model-parameter randomisation test (Hedström et al. 2023, arXiv 2401.06465; Quantus
 * EfficientMPRT): how much more spread out a map becomes once every weight is random. docs/METHOD.md, "eMPRT".
 */
import type { Emprt } from '../../core/results';

/**
 * Shannon entropy (natural log, nats) of a map read as a distribution over its pixels: p = max(E, 0) / Σ max(E, 0).
 * log n for a uniform map of n pixels, 0 for a one-hot map; NaN for a map with no positive mass (no distribution).
 */
export function mapEntropy(map: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < map.length; i++) total += Math.max(0, map[i] as number);
  if (!(total > 0)) return NaN;
  let h = 0;
  for (let i = 0; i < map.length; i++) {
    const p = Math.max(0, map[i] as number) / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

/**
 * The relative rise in entropy from the trained model's map to the fully randomised model's map. Higher is better:
 * a map that turns into noise when the model does depends on the model. NaN where undefined (an all-zero map, or an
 * original map on one pixel: entropy 0 divides nothing).
 */
export function emprt(original: ArrayLike<number>, randomised: ArrayLike<number>): Emprt {
  if (original.length !== randomised.length)
    throw new Error(`emprt: lengths differ (${original.length} vs ${randomised.length}).`);
  const h0 = mapEntropy(original);
  const h1 = mapEntropy(randomised);
  const rise = Number.isFinite(h0) && Number.isFinite(h1) && h0 > 0 ? (h1 - h0) / h0 : NaN;
  return { original: h0, randomised: h1, rise };
}
