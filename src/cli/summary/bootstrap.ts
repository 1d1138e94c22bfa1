// 95% percentile bootstrap intervals over scenes (Efron & Tibshirani 1993, ch. 13): resample the scenes with
// replacement, recompute the mean of the per-scene values, take the 2.5th and 97.5th percentiles. Seeded.
import seedrandom from 'seedrandom';

export interface Interval {
  mean: number;
  lo: number;
  hi: number;
  /** scenes the mean is over */
  scenes: number;
}

export const RESAMPLES = 2000;
export const LEVEL = 0.95;

/** The q-quantile of sorted values, linear between order statistics (numpy's default, type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * q;
  const [i, f] = [Math.floor(h), h - Math.floor(h)];
  const a = sorted[i] as number;
  return f === 0 ? a : a + f * ((sorted[i + 1] as number) - a);
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/**
 * The mean of one value per scene and its bootstrap interval. `draw` gives uniform numbers in [0, 1) (seeded from
 * `seed` by default), so that a run, its shards and their merge give the same interval.
 */
export function bootstrapMean(
  perScene: readonly number[],
  seed: string,
  resamples = RESAMPLES,
  draw: () => number = seedrandom(seed),
): Interval {
  const n = perScene.length;
  if (!n) return { mean: NaN, lo: NaN, hi: NaN, scenes: 0 };
  const means: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += perScene[Math.floor(draw() * n)] as number;
    means.push(s / n);
  }
  means.sort((a, b) => a - b);
  const tail = (1 - LEVEL) / 2;
  return { mean: mean(perScene), lo: quantile(means, tail), hi: quantile(means, 1 - tail), scenes: n };
}

/** Values grouped by scene and averaged within each (a scene's regions are not independent), in scene order. */
export function perSceneMeans(rows: readonly { scene: string; value: number }[]): number[] {
  const by = new Map<string, number[]>();
  for (const r of rows) by.set(r.scene, [...(by.get(r.scene) ?? []), r.value]);
  return [...by.keys()].sort().map((k) => mean(by.get(k) as number[]));
}
