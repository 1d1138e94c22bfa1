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
  const [lo, hi] = range(map);
  const denom = f32(f32(hi - lo) + f32(HOST_NORMALISE_EPSILON));
  for (let i = 0; i < map.length; i++) out[i] = f32(map[i]! - lo) / denom;
  return out;
}

/**
 * Per output index along one axis: the two source indices and the weight of the second, as tfjs's cpu ResizeBilinear.
 */
function axisTaps(from: number, to: number): { lo: Int32Array; hi: Int32Array; frac: Float64Array } {
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

/** tf.image.resizeBilinear(map, size, alignCorners = false, halfPixelCenters = true) of one channel [h·w] → [H·W]. */
export function resizeBilinearHost(
  map: Float32Array,
  grid: readonly [number, number],
  size: readonly [number, number],
  out: Float32Array = new Float32Array(size[0] * size[1]),
): Float32Array {
  const [h, w] = grid;
  const [H, W] = size;
  const rows = axisTaps(h, H);
  const cols = axisTaps(w, W);
  for (let r = 0, o = 0; r < H; r++) {
    const top = rows.lo[r]! * w;
    const bottom = rows.hi[r]! * w;
    const fr = rows.frac[r]!;
    for (let c = 0; c < W; c++, o++) {
      const c0 = cols.lo[c]!;
      const c1 = cols.hi[c]!;
      const fc = cols.frac[c]!;
      // Same expression order as the cpu kernel, in doubles, so the float32 result is bit-identical.
      const t = map[top + c0]! + (map[top + c1]! - map[top + c0]!) * fc;
      const b = map[bottom + c0]! + (map[bottom + c1]! - map[bottom + c0]!) * fc;
      out[o] = t + (b - t) * fr;
    }
  }
  return out;
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
  const up = resizeBilinearHost(minMaxNormalizeHost(raw), grid, size, out);
  return minMaxNormalizeHost(up, up);
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
  const positive = raw.length > 0 && range(raw)[1] > 0;
  return { data: postProcessHost(raw, grid, size, out), size, positive };
}
