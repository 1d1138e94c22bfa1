import { ascendingOrder } from './order';

/**
 * Agreement of two maps over all pixels (docs/METHOD.md: E against the RISE map; the sanity check, E against itself).
 */

/**
 * Pearson's r in double precision (two passes). NaN where it is undefined: fewer than two values, or either map
 * constant (an all-zero map correlates with nothing); our choice, so that a read-out shows "—" rather than a made-up 0.
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new Error(`pearson: lengths differ (${n} vs ${b.length}).`);
  if (n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** Ranks 1..n, ties sharing the average of the ranks they span (so [5, 7, 7, 9] → [1, 2.5, 2.5, 4]). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = ascendingOrder(values);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end] as number] === values[order[start] as number]) end++;
    // positions start..end−1 (0-based) are ranks start+1..end: their mean is (start + end + 1) / 2
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    start = end;
  }
  return ranks;
}

/** Spearman's ρ: Pearson's r of the average ranks (ties handled exactly, not by the 1 − 6Σd²/… shortcut). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (b.length !== a.length) throw new Error(`spearman: lengths differ (${a.length} vs ${b.length}).`);
  return pearson(averageRanks(a), averageRanks(b));
}
