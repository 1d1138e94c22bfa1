import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { cachedOutline, outlineSegments } from './outline';

/** Every unit edge of the boundary, one per inside cell's side that faces outside (the definition, cell by cell). */
function unitEdges(mask: Uint8Array, [h, w]: [number, number]): string[] {
  const on = (r: number, c: number) => r >= 0 && c >= 0 && r < h && c < w && mask[r * w + c] === 1;
  const edges: string[] = [];
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      if (!on(r, c)) continue;
      if (!on(r - 1, c)) edges.push(`h${c},${r}`);
      if (!on(r + 1, c)) edges.push(`h${c},${r + 1}`);
      if (!on(r, c - 1)) edges.push(`v${c},${r}`);
      if (!on(r, c + 1)) edges.push(`v${c + 1},${r}`);
    }
  return edges.sort();
}

/** The merged segments cut back into unit edges. */
function expand(segments: Int32Array): string[] {
  const edges: string[] = [];
  for (let i = 0; i < segments.length; i += 4) {
    const [x0, y0, x1, y1] = [segments[i]!, segments[i + 1]!, segments[i + 2]!, segments[i + 3]!];
    if (y0 === y1) for (let x = x0; x < x1; x++) edges.push(`h${x},${y0}`);
    else for (let y = y0; y < y1; y++) edges.push(`v${x0},${y}`);
  }
  return edges.sort();
}

describe('outlineSegments', () => {
  it('outlines a 2×3 block inside a 4×5 grid with its four sides', () => {
    const mask = new Uint8Array(20);
    [6, 7, 8, 11, 12, 13].forEach((i) => (mask[i] = 1));
    expect([...outlineSegments(mask, [4, 5])]).toEqual([1, 1, 4, 1, 1, 3, 4, 3, 1, 1, 1, 3, 4, 1, 4, 3]);
  });

  it('covers exactly the boundary edges of random masks (holes, touching the border, single cells)', () => {
    const random = seedrandom.alea('7');
    for (const [h, w] of [
      [1, 1],
      [5, 9],
      [17, 13],
      [32, 32],
    ] as [number, number][]) {
      const mask = Uint8Array.from({ length: h * w }, () => (random() < 0.45 ? 1 : 0));
      const segments = outlineSegments(mask, [h, w]);
      expect(expand(segments)).toEqual(unitEdges(mask, [h, w]));
      // merged: no segment starts where another on the same line ends
      const starts = new Set<string>();
      const ends: string[] = [];
      for (let i = 0; i < segments.length; i += 4) {
        const horizontal = segments[i + 1] === segments[i + 3];
        starts.add(`${horizontal}:${segments[i]},${segments[i + 1]}`);
        ends.push(`${horizontal}:${segments[i + 2]},${segments[i + 3]}`);
      }
      expect(ends.filter((e) => starts.has(e))).toEqual([]);
    }
  });

  it('is empty for an empty mask, and cached per mask and size', () => {
    expect(outlineSegments(new Uint8Array(12), [3, 4])).toHaveLength(0);
    const mask = Uint8Array.from([0, 1, 1, 0]);
    expect(cachedOutline(mask, [2, 2])).toBe(cachedOutline(mask, [2, 2]));
    expect(cachedOutline(mask, [1, 4])).not.toBe(cachedOutline(mask, [2, 2]));
  });
});
