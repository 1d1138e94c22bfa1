// The minimal region's binarisation (docs/METHOD.md, "MiSuRe"): the sufficient region's pixels ranked by the mask.

/** Candidates: the top 1/LEVELS, 2/LEVELS, …, all of the sufficient region. */
export const LEVELS = 16;

/**
 * The sufficient region's pixels (0/1, [H·W]) ordered by the optimised mask m, highest first, ties by index: the
 * top-k set of this order is the candidate that keeps k pixels.
 */
export function rankInRegion(mask: Float32Array, sufficient: Uint8Array): Int32Array {
  if (mask.length !== sufficient.length) throw new Error(`rankInRegion: ${mask.length} vs ${sufficient.length} pixels`);
  const inside: number[] = [];
  for (let i = 0; i < sufficient.length; i++) if (sufficient[i]) inside.push(i);
  inside.sort((a, b) => (mask[b] as number) - (mask[a] as number) || a - b);
  return Int32Array.from(inside);
}

/** Candidate j (0-based) of the ladder: the top ⌈(j + 1)/LEVELS · n⌉ ranked pixels, as 0/1 on [H·W]. */
export function topLevel(order: Int32Array, pixels: number, j: number, levels = LEVELS): Uint8Array {
  const out = new Uint8Array(pixels);
  const take = Math.ceil(((j + 1) / levels) * order.length);
  for (let i = 0; i < take; i++) out[order[i] as number] = 1;
  return out;
}
