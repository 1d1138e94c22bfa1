import type { Grid } from '../../core/grid';

/** Xplique's border kernel: 13 at the centre, −1 around. */
const CENTRE = 13;

/**
 * Object-border weights (docs/METHOD.md, after Xplique's segmentation operator): b = 2·1_Z − 1 convolved (symmetric
 * padding) with [[−1,−1,−1],[−1,13,−1],[−1,−1,−1]]; +1 where 6 < r < 21 (inner ring), −1 where −21 < r < −6
 * (outer ring), 0 elsewhere.
 */
export function borderWeights(zone: Uint8Array, { width, height }: Grid): Int8Array {
  const b = (r: number, c: number) => {
    // symmetric padding: index −1 reads 0, index n reads n − 1
    const rr = r < 0 ? -r - 1 : r >= height ? 2 * height - r - 1 : r;
    const cc = c < 0 ? -c - 1 : c >= width ? 2 * width - c - 1 : c;
    return zone[rr * width + cc] ? 1 : -1;
  };
  const out = new Int8Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let v = CENTRE * b(r, c);
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) if (dr || dc) v -= b(r + dr, c + dc);
      out[r * width + c] = v > 6 && v < 21 ? 1 : v < -6 && v > -21 ? -1 : 0;
    }
  }
  return out;
}
