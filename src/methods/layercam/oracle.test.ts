import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { tinyA, tinyG } from '../../../scripts/testing/tinyCam';
import { layerCam } from './oracle';

beforeAll(useCpuBackend);

const A = tinyA;
const G = tinyG;

describe('LayerCAM', () => {
  it('is ReLU(Σ_k ReLU(G_k) ⊙ A_k), computed by hand on a 2×2×2 case', () => {
    // (0,0): 1·1 + 0·0 = 1; (0,1): 0·2 + 3·1 = 3; (1,0): 0.5·3 + 1·2 = 3.5; (1,1): 2·4 + 0·0 = 8
    expect(layerCam(A(), G()).arraySync()).toEqual([
      [1, 3],
      [3.5, 8],
    ]);
  });
  it('is zero where every gradient is negative', () => {
    expect(layerCam(A(), tf.neg(tf.abs(G())) as tf.Tensor3D).arraySync()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
  it('leaks no tensors', () => {
    const [a, g] = [A(), G()];
    const before = tf.memory().numTensors;
    layerCam(a, g).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
