import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { stackChannels, tinyA, tinyG } from '../../../scripts/testing/tinyCam';
import { gradCamPlusPlus } from './oracle';

beforeAll(useCpuBackend);

const A = tinyA;
const G = tinyG;

describe('Grad-CAM++ (eq. 19)', () => {
  it('matches the formula worked by hand on a 2×2×2 example', () => {
    // Σ A_0 = 10, Σ A_1 = 3. α = G² / (2G² + ΣA·G³): only cells with G > 0 count in w_k = Σ ReLU(G)·α.
    // Channel 0: G = 1 → 1/(2 + 10) = 1/12; G = 0.5 → 0.25/(0.5 + 1.25) = 1/7; G = 2 → 4/(8 + 80) = 1/22.
    const w0 = 1 * (1 / 12) + 0.5 * (1 / 7) + 2 * (1 / 22);
    // Channel 1: G = 3 → 9/(18 + 81) = 1/11; G = 1 → 1/(2 + 3) = 1/5.
    const w1 = 3 * (1 / 11) + 1 * (1 / 5);
    const want = [
      [w0 * 1 + w1 * 0, w0 * 2 + w1 * 1],
      [w0 * 3 + w1 * 2, w0 * 4 + w1 * 0],
    ];
    const got = gradCamPlusPlus(A(), G()).arraySync();
    got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i] as number, 5));
  });
  it('negative gradients and zero gradients add nothing (α = 0 where G = 0, no NaN)', () => {
    const zeroed = stackChannels(
      [
        [1, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 0],
      ],
    );
    // Only G = 1 at (0,0) of channel 0: α = 1/(2 + 10) and w_0 = 1/12; w_1 = 0.
    const got = gradCamPlusPlus(A(), zeroed).arraySync().flat();
    expect(got.every(Number.isFinite)).toBe(true);
    [1, 2, 3, 4].forEach((a, i) => expect(got[i]).toBeCloseTo(a / 12, 6));
  });
  it('leaks no tensors', () => {
    const [a, g] = [A(), G()];
    const before = tf.memory().numTensors;
    gradCamPlusPlus(a, g).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
