/**
 * The boundary of a binary mask [h·w] as straight segments in cell units, [x0, y0, x1, y1] each: every edge between a
 * cell inside and one outside (or the border), with runs along a row or column merged into one segment. A person's
 * outline at 256² is ~40× fewer segments than one per cell side, which is what a slider step pays to stroke.
 */
export function outlineSegments(mask: Uint8Array, [h, w]: readonly [number, number]): Int32Array {
  const out: number[] = [];
  const on = (r: number, c: number) => r >= 0 && c >= 0 && r < h && c < w && mask[r * w + c] === 1;
  // Horizontal edges on line y = r: between rows r − 1 and r, where exactly one of the two cells is inside.
  for (let r = 0; r <= h; r++) {
    let start = -1;
    for (let c = 0; c <= w; c++) {
      const edge = c < w && on(r - 1, c) !== on(r, c);
      if (edge && start < 0) start = c;
      if (!edge && start >= 0) {
        out.push(start, r, c, r);
        start = -1;
      }
    }
  }
  // Vertical edges on line x = c: between columns c − 1 and c.
  for (let c = 0; c <= w; c++) {
    let start = -1;
    for (let r = 0; r <= h; r++) {
      const edge = r < h && on(r, c - 1) !== on(r, c);
      if (edge && start < 0) start = r;
      if (!edge && start >= 0) {
        out.push(c, start, c, r);
        start = -1;
      }
    }
  }
  return Int32Array.from(out);
}

const cache = new WeakMap<Uint8Array, { size: string; segments: Int32Array }>();

/** outlineSegments, kept per mask: a region's outline is drawn on every panel and on every redraw of each. */
export function cachedOutline(mask: Uint8Array, size: readonly [number, number]): Int32Array {
  const key = size.join('×');
  const hit = cache.get(mask);
  if (hit?.size === key) return hit.segments;
  const segments = outlineSegments(mask, size);
  cache.set(mask, { size: key, segments });
  return segments;
}
