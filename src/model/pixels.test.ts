import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { pixelsToInput } from './pixels';

beforeAll(useCpuBackend);

// 2×1 image: one pure red pixel, one white pixel.
const pixels = { width: 2, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255, 255, 255, 255, 255]) };

describe('pixelsToInput', () => {
  it('keeps RGB in 0..1 at the native size', () => {
    expect(pixelsToInput(pixels, [1, 2], 3).arraySync()).toEqual([
      [
        [
          [1, 0, 0],
          [1, 1, 1],
        ],
      ],
    ]);
  });
  it('turns one channel into BT.601 luma and maps the range', () => {
    const g = pixelsToInput(pixels, [1, 2], 1, [-1, 1]).dataSync();
    expect(g[0]).toBeCloseTo(0.299 * 2 - 1, 5);
    expect(g[1]).toBeCloseTo(1, 5);
  });
  it('resizes to the model size and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const x = pixelsToInput(pixels, [4, 6], 3);
    expect(x.shape).toEqual([1, 4, 6, 3]);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
