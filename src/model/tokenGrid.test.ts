import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { registerGradientFixes } from '../explain/gradientFixes';
import { gridToTokens, tokenLayout, tokensToGrid } from './tokenGrid';

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes(); // also registers tfjs-core's gradients, as the engine does
});

describe('token layouts', () => {
  it('finds the patch grid of plain, class-token and register-token sequences', () => {
    expect(tokenLayout(144, [96, 96])).toEqual({ tokens: 144, extra: 0, grid: [12, 12] });
    expect(tokenLayout(65, [64, 64])).toEqual({ tokens: 65, extra: 1, grid: [8, 8] });
    expect(tokenLayout(197, [224, 224])).toEqual({ tokens: 197, extra: 1, grid: [14, 14] }); // ViT-B/16
    expect(tokenLayout(201, [224, 224])).toEqual({ tokens: 201, extra: 5, grid: [14, 14] }); // [CLS] + 4 registers
    expect(tokenLayout(32, [64, 128])).toEqual({ tokens: 32, extra: 0, grid: [4, 8] }); // keeps the aspect ratio
  });

  it('refuses sequences that lie on no grid of the image’s aspect', () => {
    expect(tokenLayout(112, [96, 96])).toBeNull(); // 112 − k is no square for k ≤ 8 (100 would need 12 extra)
    expect(tokenLayout(3, [96, 96])).toBeNull();
    expect(tokenLayout(41, [64, 128])).toBeNull(); // 41 − k is never 2·h² for k ≤ 8
  });
});

describe('tokens ↔ grid', () => {
  // Two images, T = 1 + 2×2 tokens, D = 2: token t of image b holds [100b + 10t, 100b + 10t + 1].
  const layout = { tokens: 5, extra: 1, grid: [2, 2] as [number, number] };
  const tokens = () =>
    tf.tensor3d(
      Array.from({ length: 2 * 5 * 2 }, (_, i) => 100 * Math.floor(i / 10) + 10 * Math.floor((i % 10) / 2) + (i % 2)),
      [2, 5, 2],
    );

  it('drops the class token and lays patches out row by row (pytorch-grad-cam’s reshape_transform)', () => {
    const grid = tokensToGrid(tokens(), layout);
    expect(grid.shape).toEqual([2, 2, 2, 2]);
    // image 1, row 1, column 0 is patch 2 = token 3
    expect(tf.slice(grid, [1, 1, 0, 0], [1, 1, 1, 2]).dataSync()).toEqual(new Float32Array([130, 131]));
  });

  it('puts a grid back with the class token as it was, and round-trips', () => {
    const t = tokens();
    const grid = tf.mul(tokensToGrid(t, layout), -1) as tf.Tensor4D;
    const back = gridToTokens(grid, t, layout);
    expect(back.shape).toEqual([2, 5, 2]);
    expect(tf.slice(back, [1, 0, 0], [1, 1, 2]).dataSync()).toEqual(new Float32Array([100, 101])); // class token kept
    expect(tf.slice(back, [1, 3, 0], [1, 1, 2]).dataSync()).toEqual(new Float32Array([-130, -131]));
    const round = gridToTokens(tokensToGrid(t, layout), t, layout);
    expect(Array.from(round.dataSync())).toEqual(Array.from(t.dataSync()));
  });

  it('passes gradients to the grid, none through the kept class token', () => {
    const t = tokens();
    const g = tf.grad((grid: tf.Tensor) => tf.sum(tf.square(gridToTokens(grid as tf.Tensor4D, t, layout))))(
      tokensToGrid(t, layout),
    );
    expect(Array.from(g.dataSync())).toEqual(Array.from(tokensToGrid(tf.mul(t, 2), layout).dataSync()));
  });
});
