/**
 * The permutation that sorts values ascending, ties by index (a stable argsort). The metrics sort every map's pixels
 * (ranks, deletion order) on the UI thread after each slider step, so this matters: a comparator sort of 256² indices
 * takes ~40 ms, the typed-array sort below a few.
 */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  return packable(values) ? packedOrder(values) : comparatorOrder(values);
}

/** Bits of a float64's mantissa that a float32 value leaves zero: room for the pixel's index. */
const INDEX_BITS = 29;
const INDEX_MASK = 2 ** INDEX_BITS - 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Finite float32 values (a map's) and not too many of them: each fits a float64 with its index in the low bits. */
function packable(values: ArrayLike<number>): boolean {
  if (!LITTLE_ENDIAN || values.length > INDEX_MASK) return false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || Math.fround(v) !== v) return false;
  }
  return true;
}

/**
 * Each value as a float64 whose lowest mantissa bits hold its index: the native numeric sort then orders the values
 * exactly (the index moves a value by less than one float32 step) and carries the index along. Equal values end up
 * adjacent but, for negative values and ±0, not by index: each run of ties is put in index order afterwards.
 */
function packedOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const keys = new Float64Array(n);
  const words = new Uint32Array(keys.buffer);
  for (let i = 0; i < n; i++) {
    keys[i] = values[i] as number;
    words[2 * i] = ((words[2 * i] as number) | i) >>> 0;
  }
  keys.sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = (words[2 * k] as number) & INDEX_MASK;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end] as number] === values[order[start] as number]) end++;
    if (end - start > 1) order.subarray(start, end).sort();
    start = end;
  }
  return order;
}

function comparatorOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}
