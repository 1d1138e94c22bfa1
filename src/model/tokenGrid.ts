import * as tf from '@tensorflow/tfjs-core';
import type { TokenLayout } from '../core/modelInfo';

/** Leading tokens that are not patches: a class token, a distillation token, register tokens (Darcet et al. 2024). */
const MAX_EXTRA_TOKENS = 8;

/**
 * How T tokens of a transformer layer lie on the image: T = extra + h·w with h / w = the input's aspect ratio (the
 * patch grid), the extra tokens first (ViT's [CLS], then registers). Fewest extra tokens first; null when no grid fits.
 */
export function tokenLayout(tokens: number, input: readonly [number, number]): TokenLayout | null {
  const [ih, iw] = input;
  for (let extra = 0; extra <= MAX_EXTRA_TOKENS && extra < tokens; extra++) {
    const n = tokens - extra;
    const h = Math.round(Math.sqrt((n * ih) / iw));
    const w = h > 0 ? n / h : 0;
    if (h >= 2 && Number.isInteger(w) && w >= 2 && Math.abs(h / w - ih / iw) < 1e-9)
      return { tokens, extra, grid: [h, w] };
  }
  return null;
}

/** [B, T, D] tokens → the [B, h, w, D] patch grid (pytorch-grad-cam's reshape_transform): extra tokens left out. */
export function tokensToGrid(t: tf.Tensor, layout: TokenLayout): tf.Tensor4D {
  const [b, , d] = t.shape as [number, number, number];
  const patches = layout.extra ? tf.slice(t, [0, layout.extra, 0], [-1, -1, -1]) : t;
  return tf.reshape(patches, [b, layout.grid[0], layout.grid[1], d]);
}

/** The inverse: a [B, h, w, D] grid back into [B, T, D] tokens, the extra tokens taken from `tokens` as they were. */
export function gridToTokens(grid: tf.Tensor4D, tokens: tf.Tensor, layout: TokenLayout): tf.Tensor {
  const [b, h, w, d] = grid.shape;
  const patches = tf.reshape(grid, [b, h * w, d]);
  if (!layout.extra) return patches;
  const extra = tf.slice(tokens, [0, 0, 0], [b, layout.extra, -1]);
  return tf.concat([extra, patches], 1);
}
