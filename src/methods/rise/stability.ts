/**
 * When RISE may stop (docs/METHOD.md, "RISE: stopping when stable"). Masks are split by index into two halves (even,
 * odd); each half is an independent estimate of the same map, so the Pearson correlation r of the two half-maps
 * measures how much of the map is signal rather than mask noise. Spearman–Brown turns it into the reliability of the
 * whole map, R = 2r / (1 + r): the expected correlation of this map with another run of the same size and a new seed.
 * A run stops once its map is expected to be as close to the map of all N masks as two runs of N masks with
 * different seeds are to each other (times a tolerance): then running on would change it less than a new seed would.
 */
import { pearson } from '../../explain/metrics/correlation';

/** The default tolerance: chosen by measurement (docs/rise-convergence.md). */
export const DEFAULT_TOLERANCE = 1;

/** Masks between two checks: the stop can only fall on a multiple of it, whatever the batch size. */
export const CHECK_EVERY = 50;
/** No stop before this many masks: below it the split-half estimate is itself too noisy to trust. */
export const MIN_MASKS = 200;

/** Split-half reliability of the whole map (Spearman–Brown), in [0, 1]; 0 while the halves do not agree at all. */
export function splitHalfStability(even: Float32Array, odd: Float32Array): number {
  const r = pearson(even, odd);
  // NaN (a constant half: nothing accumulated yet) counts as no agreement
  return r > 0 ? (2 * r) / (1 + r) : 0;
}

/**
 * The noise-to-signal ratio k of one mask, from the stability R of n masks (Spearman–Brown: R = n / (n + k)): how many
 * masks it takes for the map's signal to equal its noise. Infinity while nothing agrees yet.
 */
export const noiseRatio = (n: number, stability: number): number =>
  stability <= 0 ? Infinity : (n * (1 - stability)) / stability;

/**
 * The gap a run of n masks may keep to the map of all N masks (same seed, so the first n masks are shared), as the
 * largest b = k / n allowed: the expected 1 − r(map_n, map_N) = 1 − √((1 + k/N) / (1 + k/n)) is at most `tolerance`
 * times the run-to-run spread of N masks, 1 − r(two seeds at N) = 1 − N / (N + k). Solved for b.
 */
function allowedNoise(k: number, total: number, tolerance: number): number {
  const a = k / total;
  const keep = 1 - (tolerance * a) / (1 + a);
  return keep <= 0 ? Infinity : (1 + a) / (keep * keep) - 1;
}

/** Whether n masks are close enough to N, in the sense of allowedNoise, given the stability measured at n. */
export function closeToAll(n: number, stability: number, total: number, tolerance: number): boolean {
  const k = noiseRatio(n, stability);
  return Number.isFinite(k) && k / n <= allowedNoise(k, total, tolerance);
}

/** Masks a run now at `done` with `stability` is expected to need (≥ done), by the same rule; Infinity if unknown. */
export function masksToReach(done: number, stability: number, total: number, tolerance: number): number {
  const k = noiseRatio(done, stability);
  if (!Number.isFinite(k)) return Infinity;
  return Math.max(done, Math.ceil(k / allowedNoise(k, total, tolerance)));
}

/** Whether a run may stop at `done` masks: a check point, past the minimum, close enough to all N (null: never). */
export function mayStop(done: number, stability: number, total: number, tolerance: number | null): boolean {
  return (
    tolerance !== null &&
    done >= MIN_MASKS &&
    done % CHECK_EVERY === 0 &&
    done < total &&
    closeToAll(done, stability, total, tolerance)
  );
}
