// Stage 1's candidate regions (docs/METHOD.md, "MiSuRe"): the seed dilated by a square 3×3 element, r times.

/** Candidates k = 0 … RADIUS_STEPS; the last radius covers the whole image. */
export const RADIUS_STEPS = 32;

/**
 * Chebyshev distance of every pixel of an [h, w] grid to the nearest seed pixel (row-major), Infinity without a seed.
 * The radius-r dilation by a 3×3 square, applied r times, is exactly {d ≤ r}. Two passes: rows, then columns.
 */
export function chebyshevDistance(seed: Uint8Array, h: number, w: number): Float64Array {
  if (seed.length !== h * w) throw new Error(`chebyshevDistance: ${seed.length} pixels for a ${h}×${w} grid`);
  // Along each row: distance to the nearest seed in that row (1-D, forward then backward sweep).
  const rowDist = new Float64Array(h * w);
  for (let r = 0; r < h; r++) {
    let last = -Infinity;
    for (let c = 0; c < w; c++) {
      if (seed[r * w + c]) last = c;
      rowDist[r * w + c] = c - last;
    }
    last = Infinity;
    for (let c = w - 1; c >= 0; c--) {
      if (seed[r * w + c]) last = c;
      rowDist[r * w + c] = Math.min(rowDist[r * w + c] as number, last - c);
    }
  }
  // max(|Δr|, |Δc|) minimised over rows r' = r ± d, searching outwards until d alone cannot beat the best.
  const out = new Float64Array(h * w);
  for (let c = 0; c < w; c++) {
    for (let r = 0; r < h; r++) {
      let best = Infinity;
      for (let d = 0; d < best && (r - d >= 0 || r + d < h); d++) {
        const up = r - d >= 0 ? (rowDist[(r - d) * w + c] as number) : Infinity;
        const down = r + d < h ? (rowDist[(r + d) * w + c] as number) : Infinity;
        best = Math.min(best, Math.max(d, Math.min(up, down)));
      }
      out[r * w + c] = best;
    }
  }
  return out;
}

/** Pixels per dilation step: δ = ⌈max(H, W) / RADIUS_STEPS⌉, so RADIUS_STEPS steps reach across the image. */
export const radiusStep = (h: number, w: number): number => Math.ceil(Math.max(h, w) / RADIUS_STEPS);

/** The candidate at radius r: 1 where the distance to the seed is ≤ r. */
export function regionAtRadius(distance: Float64Array, radius: number): Uint8Array {
  const out = new Uint8Array(distance.length);
  for (let i = 0; i < distance.length; i++) out[i] = (distance[i] as number) <= radius ? 1 : 0;
  return out;
}

/** A 0/1 mask resized to [H, W] by nearest neighbour (pixel centres), e.g. the output grid's T to the input grid. */
export function resizeNearest(
  mask: Uint8Array,
  from: readonly [number, number],
  to: readonly [number, number],
): Uint8Array {
  const [h, w] = from;
  const [H, W] = to;
  const out = new Uint8Array(H * W);
  for (let r = 0; r < H; r++) {
    const sr = Math.min(h - 1, Math.floor(((r + 0.5) * h) / H));
    for (let c = 0; c < W; c++)
      out[r * W + c] = mask[sr * w + Math.min(w - 1, Math.floor(((c + 0.5) * w) / W))] ? 1 : 0;
  }
  return out;
}
