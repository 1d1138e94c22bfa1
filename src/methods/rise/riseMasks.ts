import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';

export interface MaskSettings {
  /** grid cells per side, s */
  gridSize: number;
  /** keep probability of a cell, p */
  keepProbability: number;
  seed: number;
}

/** One mask as drawn: its s×s cells (0/1) and its crop shift. Enough to rebuild it exactly, in 1/8 of the bytes. */
export interface MaskRecord {
  cells: Uint8Array;
  dy: number;
  dx: number;
}

/**
 * Bilinear interpolation tables of one axis, the way tfjs's ResizeBilinear computes them with half-pixel centres and
 * no corner alignment: output index i of an axis upsampled from n to `big` cells reads cells lo[i] and hi[i] with
 * weight frac[i] on hi.
 */
function axisTable(n: number, big: number) {
  const lo = new Int32Array(big);
  const hi = new Int32Array(big);
  const frac = new Float32Array(big);
  const ratio = n / big;
  for (let i = 0; i < big; i++) {
    const src = ratio * (i + 0.5) - 0.5;
    const floor = Math.max(0, Math.floor(src));
    lo[i] = floor;
    hi[i] = Math.min(n - 1, Math.ceil(src));
    frac[i] = src - floor;
  }
  return { lo, hi, frac };
}

/** The geometry every mask of a stream shares: the upsampled size and the interpolation tables. */
export function maskGeometry(gridSize: number, height: number, width: number) {
  const cellH = Math.ceil(height / gridSize);
  const cellW = Math.ceil(width / gridSize);
  return {
    cellH,
    cellW,
    rows: axisTable(gridSize, (gridSize + 1) * cellH),
    cols: axisTable(gridSize, (gridSize + 1) * cellW),
    height,
    width,
    gridSize,
  };
}
export type MaskGeometry = ReturnType<typeof maskGeometry>;

/**
 * out[offset + …] += weight · mask: the cells upsampled bilinearly to (s+1)·⌈H/s⌉ × (s+1)·⌈W/s⌉ and cropped at the
 * shift, in plain JS: the same values as tfjs's resize then slice, without copying tensors. Into a zeroed buffer with
 * weight 1 it draws the mask; re-weighting accumulates Σ wᵢmᵢ with it and never materialises the masks.
 */
export function accumulateMask(record: MaskRecord, g: MaskGeometry, out: Float32Array, weight = 1, offset = 0): void {
  const { rows, cols, height, width, gridSize: s } = g;
  const c = record.cells;
  const lo = cols.lo.subarray(record.dx, record.dx + width);
  const hi = cols.hi.subarray(record.dx, record.dx + width);
  const fx = cols.frac.subarray(record.dx, record.dx + width);
  // Separable: each output row first interpolates the s grid columns vertically, then reads two of them per pixel.
  const column = new Float64Array(s);
  for (let y = 0; y < height; y++) {
    const Y = y + record.dy;
    const r0 = (rows.lo[Y] as number) * s;
    const r1 = (rows.hi[Y] as number) * s;
    const fy = rows.frac[Y] as number;
    for (let j = 0; j < s; j++) {
      const top = c[r0 + j] as number;
      column[j] = top + ((c[r1 + j] as number) - top) * fy;
    }
    const base = offset + y * width;
    for (let x = 0; x < width; x++) {
      const left = column[lo[x] as number] as number;
      out[base + x] =
        (out[base + x] as number) + weight * (left + ((column[hi[x] as number] as number) - left) * (fx[x] as number));
    }
  }
}

/**
 * Seeded RISE mask stream (Petsiuk et al. 2018). Each mask draws s² uniforms (cell kept when u < p; the reference
 * code's randn < p is not used) then its shift, in that order, so mask i depends only on (seed, s, p, i).
 */
export function createMaskStream(settings: MaskSettings, height: number, width: number) {
  const { gridSize: s, keepProbability: p } = settings;
  const rng = seedrandom.alea(String(settings.seed));
  const geometry = maskGeometry(s, height, width);
  let produced = 0;

  /** The next `count` masks as records (cells and shift). */
  function nextRecords(count: number): MaskRecord[] {
    const out: MaskRecord[] = [];
    for (let m = 0; m < count; m++) {
      const cells = new Uint8Array(s * s);
      for (let i = 0; i < s * s; i++) cells[i] = rng() < p ? 1 : 0;
      out.push({ cells, dy: Math.floor(rng() * geometry.cellH), dx: Math.floor(rng() * geometry.cellW) });
    }
    produced += count;
    return out;
  }

  /** The next `count` masks as [count, H, W, 1] in [0, 1]; `records` receives what rebuilds them. */
  function next(count: number, records?: MaskRecord[]): tf.Tensor4D {
    const recs = nextRecords(count);
    records?.push(...recs);
    const data = new Float32Array(count * height * width);
    recs.forEach((r, m) => accumulateMask(r, geometry, data, 1, m * height * width));
    return tf.tensor4d(data, [count, height, width, 1]);
  }
  return {
    next,
    nextRecords,
    geometry,
    get produced() {
      return produced;
    },
  };
}
