import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { segGradCam } from './gradcam/oracle';
import { hiResCam } from '../explain/hiResCam';
import { segXResCam } from './xres/oracle';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);

describe('docs/METHOD.md identities', () => {
  // Ragged 13×11 grid so the identities are exercised with edge windows too.
  const A = tf.relu(tf.randomNormal([13, 11, 6], 0, 1, 'float32', 1)) as tf.Tensor3D;
  const G = tf.randomNormal([13, 11, 6], 0, 1, 'float32', 2) as tf.Tensor3D;

  for (const pool of ['max', 'mean'] as const) {
    for (const edges of ['valid', 'reference'] as const) {
      it(`window 1×1 equals HiResCAM exactly (${pool}, ${edges})`, () => {
        expect(maxAbsDiff(segXResCam(A, G, { pool, window: [1, 1], edges }), hiResCam(A, G))).toBe(0);
      });
    }
  }

  for (const edges of ['valid', 'reference'] as const) {
    it(`window h×w with mean pooling equals Seg-Grad-CAM (${edges})`, () => {
      expect(maxAbsDiff(segXResCam(A, G, { pool: 'mean', window: [13, 11], edges }), segGradCam(A, G))).toBeLessThan(
        1e-5,
      );
    });
  }

  it('the identities are not vacuous: a 2×2 window differs from both', () => {
    const x = segXResCam(A, G, { pool: 'max', window: [2, 2], edges: 'valid' });
    expect(maxAbsDiff(x, hiResCam(A, G))).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(x, segGradCam(A, G))).toBeGreaterThan(1e-3);
  });

  it('Seg-Grad-CAM matches a hand computation on a 2×2×2 case', () => {
    const a = tf.tensor3d([1, 0, 2, 1, 0, 3, 1, 1], [2, 2, 2]);
    const g = tf.tensor3d([1, -1, 3, 1, -2, 0, 2, -4], [2, 2, 2]);
    // α = mean over cells: channel 0 (1+3−2+2)/4 = 1, channel 1 (−1+1+0−4)/4 = −1; map = ReLU(A0 − A1)
    expect(segGradCam(a, g).arraySync()).toEqual([
      [1, 1],
      [0, 0],
    ]);
    // HiResCAM: ReLU(Σ G⊙A) per cell: 1·1+0, 2·3+1·1, 0+0, 1·2+1·(−4)
    expect(hiResCam(a, g).arraySync()).toEqual([
      [1, 7],
      [0, 0],
    ]);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    segGradCam(A, G).dispose();
    hiResCam(A, G).dispose();
    segXResCam(A, G, { pool: 'max', window: [3, 2], edges: 'reference' }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
