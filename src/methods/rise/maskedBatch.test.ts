import { describe, expect, it } from 'vitest';
import { blendInto, drawBlended3 } from './maskedBatch';
import { accumulateMask, createMaskStream } from './riseMasks';

describe('drawBlended3', () => {
  it('draws each mask and blends its image exactly as accumulateMask into zeros, then blendInto', () => {
    for (const [s, h, w] of [
      [8, 37, 29],
      [5, 16, 16],
      [3, 7, 11],
    ] as const) {
      const stream = createMaskStream({ gridSize: s, keepProbability: 0.5, seed: 4 }, h, w);
      const records = stream.nextRecords(6);
      const hw = h * w;
      const base = Float32Array.from({ length: hw * 3 }, (_, i) => Math.sin(i) * 0.7);
      const fromBaseline = Float32Array.from({ length: hw * 3 }, (_, i) => Math.cos(i * 1.3) - 0.2);
      const wantMasks = new Float32Array(6 * hw);
      records.forEach((r, k) => accumulateMask(r, stream.geometry, wantMasks, 1, k * hw));
      const wantPixels = new Float32Array(6 * hw * 3);
      blendInto(wantPixels, wantMasks, 6 * hw, base, fromBaseline, 3);
      // Buffers holding an earlier batch's values: the fused draw must overwrite, not add.
      const masks = new Float32Array(6 * hw).fill(0.25);
      const pixels = new Float32Array(6 * hw * 3).fill(9);
      records.forEach((r, k) => drawBlended3(r, stream.geometry, masks, pixels, k * hw, base, fromBaseline));
      expect(Array.from(masks), `${s} ${h}×${w} masks`).toEqual(Array.from(wantMasks));
      expect(Array.from(pixels), `${s} ${h}×${w} pixels`).toEqual(Array.from(wantPixels));
      // Not a trivial case: the masks take values strictly between 0 and 1.
      expect(masks.some((m) => m > 0 && m < 1)).toBe(true);
    }
  });
});
