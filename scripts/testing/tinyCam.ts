// Test helper: the 2×2×2 activations and gradients the LayerCAM and Grad-CAM++ tests work out by hand.
import * as tf from '@tensorflow/tfjs-core';

/** Two channels written as 2×2 grids, stacked on the last axis: [h = 2, w = 2, K = 2]. */
export const stackChannels = (c0: number[][], c1: number[][]) =>
  tf.stack([tf.tensor2d(c0), tf.tensor2d(c1)], 2) as tf.Tensor3D;
export const tinyA = () =>
  stackChannels(
    [
      [1, 2],
      [3, 4],
    ],
    [
      [0, 1],
      [2, 0],
    ],
  );
export const tinyG = () =>
  stackChannels(
    [
      [1, -1],
      [0.5, 2],
    ],
    [
      [-2, 3],
      [1, -1],
    ],
  );
