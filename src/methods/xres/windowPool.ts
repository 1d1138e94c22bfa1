import type { EdgeMode, PoolType } from '../../core/kinds';
import type { HostTensor } from '../../explain/host/tensor';

/** Same options as oracle.ts's WindowPoolOptions (not imported: that file pulls in tfjs). */
export interface HostPoolOptions {
  pool: PoolType;
  window: readonly [number, number];
  edges: EdgeMode;
}

/** Pooled gradients [nh, nw, K] plus, for each grid row and column, the pooled cell it reads (the spread-back). */
export interface PooledGrid {
  /** read only: for 1×1 windows, G's own data */
  data: Float32Array;
  shape: [number, number, number];
  /** rows[i]: pooled row read by grid row i (block index in 'valid' mode, skimage nearest in 'reference') */
  rows: Int32Array;
  cols: Int32Array;
}

/**
 * Pools G [h, w, K] over non-overlapping p×q windows anchored top-left, per docs/METHOD.md and oracle.ts.
 * Windows don't overlap (stride = window), so one pass visits each cell once: O(h·w·K) whatever the window, with no
 * summed-area table or sliding max needed.
 */
export function poolWindows(g: HostTensor, opts: HostPoolOptions): PooledGrid {
  const [h, w, k] = g.shape;
  const p = clampInt(opts.window[0], 1, h);
  const q = clampInt(opts.window[1], 1, w);
  const nh = Math.ceil(h / p);
  const nw = Math.ceil(w / q);
  // 1×1 windows pool nothing (max or mean of one value is the value; reference mode pads none): G itself, not copied.
  if (p === 1 && q === 1) return { data: g.data, shape: [h, w, k], rows: blockIndices(h, 1), cols: blockIndices(w, 1) };
  const isMax = opts.pool === 'max';
  const reference = opts.edges === 'reference';
  const out = new Float32Array(nh * nw * k);
  if (isMax) maxInto(out, g, p, q, nw);
  const sums = isMax ? null : sumInto(new Float64Array(nh * nw * k), g, p, q, nw);
  for (let bi = 0; bi < nh; bi++) {
    for (let bj = 0; bj < nw; bj++) {
      const valid = Math.min(p, h - bi * p) * Math.min(q, w - bj * q);
      // Reference mode zero-pads: a cut window's max sees the zeros, its mean divides by the full p·q.
      const padded = reference && valid < p * q;
      const divisor = reference ? p * q : valid;
      const from = (bi * nw + bj) * k;
      if (sums) for (let at = from; at < from + k; at++) out[at] = Math.fround(sums[at]!) / divisor;
      else if (padded) for (let at = from; at < from + k; at++) out[at] = Math.max(out[at]!, 0);
    }
  }
  const rows = reference ? nearestIndicesHost(h, nh) : blockIndices(h, p);
  const cols = reference ? nearestIndicesHost(w, nw) : blockIndices(w, q);
  return { data: out, shape: [nh, nw, k], rows, cols };
}

/** Each window's max per channel into `out` (a max of float32 values is one of them: no wider type needed). */
function maxInto(out: Float32Array, g: HostTensor, p: number, q: number, nw: number): void {
  const [h, w, k] = g.shape;
  const d = g.data;
  out.fill(-Infinity);
  for (let i = 0, o = 0; i < h; i++) {
    const rowBase = Math.floor(i / p) * nw;
    for (let j = 0; j < w; j++, o += k) {
      const base = (rowBase + Math.floor(j / q)) * k;
      for (let c = 0; c < k; c++) {
        const v = d[o + c]!;
        if (v > out[base + c]! || v !== v) out[base + c] = v; // a NaN sticks, as in tfjs's max
      }
    }
  }
}

/**
 * Each window's sum per channel into `acc`, in doubles. Cell order (row-major, channels inner) sums each window in
 * tfjs's order: its rows in turn, each left to right.
 */
function sumInto(acc: Float64Array, g: HostTensor, p: number, q: number, nw: number): Float64Array {
  const [h, w, k] = g.shape;
  const d = g.data;
  for (let i = 0, o = 0; i < h; i++) {
    const rowBase = Math.floor(i / p) * nw;
    for (let j = 0; j < w; j++, o += k) {
      const base = (rowBase + Math.floor(j / q)) * k;
      for (let c = 0; c < k; c++) acc[base + c]! += d[o + c]!;
    }
  }
  return acc;
}

/** The pooled grid spread back over h×w ([h, w, K]), as poolGradients returns it (tests and readers). */
export function spreadPooled(pooled: PooledGrid): HostTensor {
  const [, nw, k] = pooled.shape;
  const h = pooled.rows.length;
  const w = pooled.cols.length;
  const out = new Float32Array(h * w * k);
  for (let i = 0, o = 0; i < h; i++) {
    for (let j = 0; j < w; j++, o += k)
      out.set(
        pooled.data.subarray(
          (pooled.rows[i]! * nw + pooled.cols[j]!) * k,
          (pooled.rows[i]! * nw + pooled.cols[j]!) * k + k,
        ),
        o,
      );
  }
  return { data: out, shape: [h, w, k] };
}

/** Grid index → window index: floor(i / p) (valid mode's block broadcast). */
function blockIndices(size: number, p: number): Int32Array {
  return Int32Array.from({ length: size }, (_, i) => Math.floor(i / p));
}

/** skimage `resize(order=0)` from n cells to size cells, rounding half up: a copy of oracle.ts's nearestIndices. */
export function nearestIndicesHost(size: number, n: number): Int32Array {
  const idx = new Int32Array(size);
  for (let i = 0; i < size; i++) idx[i] = Math.min(n - 1, Math.max(0, Math.floor((i + 0.5) * (n / size) - 0.5 + 0.5)));
  return idx;
}

/** As oracle.ts: a window side is rounded and clamped to 1 … the grid. */
function clampInt(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(Number.isFinite(v) ? v : lo)));
}
