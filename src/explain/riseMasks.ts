import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';

export interface MaskSettings {
  /** grid cells per side, s */
  gridSize: number;
  /** keep probability of a cell, p */
  keepProbability: number;
  seed: number;
}

/**
 * Seeded RISE mask stream (Petsiuk et al. 2018). Each mask draws s² uniforms (cell kept when u < p; the reference
 * code's randn < p is not used) then its shift, in that order, so mask i depends only on (seed, s, p, i).
 */
export function createMaskStream(settings: MaskSettings, height: number, width: number) {
  const { gridSize: s, keepProbability: p } = settings;
  const rng = seedrandom.alea(String(settings.seed));
  const cellH = Math.ceil(height / s);
  const cellW = Math.ceil(width / s);
  let produced = 0;

  /** The next `count` masks as [count, H, W, 1] in [0, 1]. */
  function next(count: number): tf.Tensor4D {
    const grids = new Float32Array(count * s * s);
    const shifts: [number, number][] = [];
    for (let m = 0; m < count; m++) {
      for (let i = 0; i < s * s; i++) grids[m * s * s + i] = rng() < p ? 1 : 0;
      shifts.push([Math.floor(rng() * cellH), Math.floor(rng() * cellW)]);
    }
    produced += count;
    return tf.tidy(() => {
      const up = tf.image.resizeBilinear(tf.tensor4d(grids, [count, s, s, 1]), [(s + 1) * cellH, (s + 1) * cellW], false, true);
      const crops = shifts.map(([dy, dx], m) => tf.slice(up, [m, dy, dx, 0], [1, height, width, 1]));
      return tf.concat(crops, 0) as tf.Tensor4D;
    });
  }
  return { next, get produced() { return produced; } };
}
