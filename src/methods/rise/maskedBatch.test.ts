import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { blendInto, drawBlended3, MaskedBatches } from './maskedBatch';
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

describe('MaskedBatches', () => {
  it('remakes a batch’s images exactly, in a buffer of their own (a helper that died with the lent ones)', async () => {
    await useCpuBackend();
    for (const c of [3, 1]) {
      const [h, w] = [12, 10];
      const input = tf.randomUniform([1, h, w, c], 0, 1, 'float32', 3) as tf.Tensor4D;
      const stream = createMaskStream({ gridSize: 4, keepProbability: 0.5, seed: 9 }, h, w);
      const batches = new MaskedBatches(input, 'mean', stream.geometry);
      const batch = batches.make(0, stream.nextRecords(3));
      const first = Float32Array.from(batch.images.data);
      const masks = Float32Array.from(batch.masks);
      // Another batch in between: the remade images are still this batch's.
      batches.make(3, stream.nextRecords(3));
      const again = batch.images.remake?.();
      expect(again?.buffer).not.toBe(batch.images.data.buffer);
      expect(Array.from(again ?? [])).toEqual(Array.from(first));
      expect(Array.from(batch.masks)).toEqual(Array.from(masks));
      expect(new Set(first).size).toBeGreaterThan(c);
      input.dispose();
    }
  });
});
