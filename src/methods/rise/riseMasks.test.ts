import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { createMaskStream, type MaskRecord } from './riseMasks';

beforeAll(useCpuBackend);

/** The masks the way docs/METHOD.md states them, with tfjs ops: resize the cells bilinearly, then crop at the shift. */
function byTfjs(records: MaskRecord[], s: number, h: number, w: number): tf.Tensor4D {
  const cellH = Math.ceil(h / s);
  const cellW = Math.ceil(w / s);
  return tf.tidy(() => {
    const grids = tf.tensor4d(Float32Array.from(records.flatMap((r) => Array.from(r.cells))), [
      records.length,
      s,
      s,
      1,
    ]);
    const up = tf.image.resizeBilinear(grids, [(s + 1) * cellH, (s + 1) * cellW], false, true);
    return tf.concat(
      records.map((r, m) => tf.slice(up, [m, r.dy, r.dx, 0], [1, h, w, 1])),
      0,
    ) as tf.Tensor4D;
  });
}

describe('RISE masks in plain JS', () => {
  for (const [s, h, w] of [
    [8, 256, 256],
    [6, 96, 96],
    [7, 50, 33],
  ] as const) {
    it(`equal tfjs's resize-then-crop within 1e-6 (s = ${s}, ${h}×${w})`, () => {
      const records: MaskRecord[] = [];
      const masks = createMaskStream({ gridSize: s, keepProbability: 0.5, seed: 4 }, h, w).next(6, records);
      const want = byTfjs(records, s, h, w);
      expect(tf.max(tf.abs(tf.sub(masks, want))).dataSync()[0]).toBeLessThanOrEqual(1e-6);
    });
  }
});
