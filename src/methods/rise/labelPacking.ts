/**
 * Compact storage of label maps for RISE's per-mask cache: one bit per pixel when there are two classes
 * (8× smaller), one byte otherwise.
 */
export function packLabels(labels: Uint8Array, numClasses: number): Uint8Array {
  if (numClasses > 2) return labels.slice();
  const out = new Uint8Array(Math.ceil(labels.length / 8));
  for (let i = 0; i < labels.length; i++) if (labels[i]) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

/** The label of one pixel, read straight from the packed form (re-weighting reads only the region's pixels). */
export function packedLabelAt(packed: Uint8Array, numClasses: number, pixel: number): number {
  return numClasses > 2 ? (packed[pixel] as number) : ((packed[pixel >> 3] as number) >> (pixel & 7)) & 1;
}
