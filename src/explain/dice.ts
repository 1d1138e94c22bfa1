/** Dice(a, b) = 2|a∩b| / (|a| + |b|) on 0/1 masks of equal length; 0 when both are empty (docs/METHOD.md). */
export function dice(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`dice: mask sizes differ (${a.length} vs ${b.length})`);
  let inter = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ? 1 : 0;
    const y = b[i] ? 1 : 0;
    inter += x & y;
    sa += x;
    sb += y;
  }
  return sa + sb === 0 ? 0 : (2 * inter) / (sa + sb);
}

/** The region-restricted class mask P^c ∩ M, on the output grid. */
export function classWithinRegion(labels: Uint8Array, region: Uint8Array, classIndex: number): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = region[i] && labels[i] === classIndex ? 1 : 0;
  return out;
}

/** Dice(P'^c ∩ M, P^c ∩ M): how well a perturbed prediction keeps the region's original prediction. */
export function regionDice(
  perturbed: Uint8Array,
  reference: Uint8Array,
  region: Uint8Array,
  classIndex: number,
): number {
  return dice(classWithinRegion(perturbed, region, classIndex), classWithinRegion(reference, region, classIndex));
}
