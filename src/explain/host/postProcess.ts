import type { HeatMap } from '../../core/results';

/** ε of explain/normalize.ts (not imported: that file pulls in tfjs); a test keeps the two equal. */
export const HOST_NORMALISE_EPSILON = 1e-7;

const f32 = Math.fround;

/** Min and max as tfjs's reductions find them: a NaN sticks. */
function range(map: Float32Array): [number, number] {
  let lo = map[0] ?? 0;
  let hi = lo;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (v < lo || v !== v) lo = v;
    if (v > hi || v !== v) hi = v;
  }
  return [lo, hi];
}

/**
 * (x − min) / (max − min + ε) into `out` (may be `map`), rounded per step like tfjs's float32 ops: an all-zero map
 * stays zero.
 */
export function minMaxNormalizeHost(map: Float32Array, out: Float32Array = new Float32Array(map.length)): Float32Array {
  return normalizeBetween(map, range(map), out);
}

/** minMaxNormalizeHost with the map's range already known. */
function normalizeBetween(map: Float32Array, [lo, hi]: readonly [number, number], out: Float32Array): Float32Array {
  const denom = f32(f32(hi - lo) + f32(HOST_NORMALISE_EPSILON));
  for (let i = 0; i < map.length; i++) out[i] = f32(map[i]! - lo) / denom;
  return out;
}

/**
 * Per output index along one axis: the two source indices and the weight of the second, as tfjs's cpu ResizeBilinear.
 */
function axisTaps(from: number, to: number): AxisTaps {
  const key = `${from}>${to}`;
  let taps = tapsCache.get(key);
  if (!taps) {
    if (tapsCache.size >= 8) tapsCache.clear();
    taps = computeAxisTaps(from, to);
    tapsCache.set(key, taps);
  }
  return taps;
}

interface AxisTaps {
  lo: Int32Array;
  hi: Int32Array;
  frac: Float64Array;
}

/** A sweep or a slider resizes the same grids over and over: their taps are kept (a handful of small arrays). */
const tapsCache = new Map<string, AxisTaps>();

function computeAxisTaps(from: number, to: number): AxisTaps {
  const lo = new Int32Array(to);
  const hi = new Int32Array(to);
  const frac = new Float64Array(to);
  const ratio = from / to;
  for (let r = 0; r < to; r++) {
    const src = ratio * (r + 0.5) - 0.5; // halfPixelCenters = true, alignCorners = false (normalize.ts)
    const floor = Math.max(0, Math.floor(src));
    lo[r] = floor;
    hi[r] = Math.min(from - 1, Math.ceil(src));
    frac[r] = src - floor;
  }
  return { lo, hi, frac };
}

/**
 * tf.image.resizeBilinear(map, size, alignCorners = false, halfPixelCenters = true) of one channel [h·w] → [H·W].
 * Separable: each source row is interpolated across the W output columns once (h·W lerps, in doubles), then each
 * output cell is one lerp between two of those rows — the cpu kernel's expressions in its order, so the float32
 * result stays bit-identical, at a third of the per-pixel work.
 */
export function resizeBilinearHost(
  map: Float32Array,
  grid: readonly [number, number],
  size: readonly [number, number],
  out: Float32Array = new Float32Array(size[0] * size[1]),
): Float32Array {
  resizeWithRange(map, grid, size, out);
  return out;
}

/** resizeBilinearHost into `out`, returning the range of what it wrote (as `range(out)`, saving a pass). */
function resizeWithRange(
  map: Float32Array,
  grid: readonly [number, number],
  size: readonly [number, number],
  out: Float32Array,
): [number, number] {
  const [h, w] = grid;
  const [H, W] = size;
  const rows = axisTaps(h, H);
  const cols = axisTaps(w, W);
  const across = new Float64Array(h * W);
  for (let r = 0, o = 0; r < h; r++) {
    const base = r * w;
    for (let c = 0; c < W; c++, o++) {
      const left = map[base + cols.lo[c]!]!;
      across[o] = left + (map[base + cols.hi[c]!]! - left) * cols.frac[c]!;
    }
  }
  let lo = Infinity; // as range(out): the first value replaces both, a NaN sticks
  let hi = -Infinity;
  for (let r = 0, o = 0; r < H; r++) {
    const top = rows.lo[r]! * W;
    const bottom = rows.hi[r]! * W;
    const fr = rows.frac[r]!;
    for (let c = 0; c < W; c++, o++) {
      const t = across[top + c]!;
      const v = f32(t + (across[bottom + c]! - t) * fr); // the float32 that is stored
      out[o] = v;
      if (v < lo || v !== v) lo = v;
      if (v > hi || v !== v) hi = v;
    }
  }
  return [lo, hi];
}

/** docs/METHOD.md's post-processing, as explain/normalize.ts's postProcess: min-max, bilinear to `size`, min-max. */
export function postProcessHost(
  raw: Float32Array,
  grid: readonly [number, number],
  size: readonly [number, number],
  out: Float32Array = new Float32Array(size[0] * size[1]),
): Float32Array {
  // no resize, one min-max (as tfjs)
  if (grid[0] === size[0] && grid[1] === size[1]) return minMaxNormalizeHost(raw, out);
  return normalizeBetween(out, resizeWithRange(minMaxNormalizeHost(raw), grid, size, out), out);
}

/** Whether a raw map has a positive cell, as toHeatMap decides it (the max of the map, a NaN sticking, > 0). */
export const hasPositive = (raw: Float32Array): boolean => raw.length > 0 && range(raw)[1] > 0;

/**
 * postProcessHost, and the relevance mass of its result in `region` (0/1 per output pixel: Σ_M E / Σ E, 0 for an
 * all-zero map) summed as the normalised values are written: one pass fewer than the map, then relevanceMass, with
 * the same sums in the same order (a window sweep does this for every window).
 */
export function postProcessWithMass(
  raw: Float32Array,
  grid: readonly [number, number],
  size: readonly [number, number],
  region: Uint8Array,
  out: Float32Array = new Float32Array(size[0] * size[1]),
): { data: Float32Array; mass: number } {
  const same = grid[0] === size[0] && grid[1] === size[1];
  const src = same ? raw : out;
  const [lo, hi] = same ? range(raw) : resizeWithRange(minMaxNormalizeHost(raw), grid, size, out);
  const denom = f32(f32(hi - lo) + f32(HOST_NORMALISE_EPSILON));
  let total = 0;
  let inside = 0;
  for (let i = 0; i < out.length; i++) {
    const v = f32(f32(src[i]! - lo) / denom); // the float32 normalizeBetween stores
    out[i] = v;
    total += v;
    if (region[i]) inside += v;
  }
  return { data: out, mass: total === 0 ? 0 : inside / total };
}

/**
 * What engine/heatmap.ts's toHeatMap returns: the post-processed map, and whether the raw map had any positive cell.
 */
export function toHeatMapHost(
  raw: Float32Array,
  grid: readonly [number, number],
  size: [number, number],
  out?: Float32Array,
): HeatMap {
  return { data: postProcessHost(raw, grid, size, out), size, positive: hasPositive(raw) };
}
