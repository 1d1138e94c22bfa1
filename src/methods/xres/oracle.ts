import * as tf from '@tensorflow/tfjs-core';
import type { EdgeMode, PoolType } from '../../core/kinds';
import type { SettingValues } from '../../core/settings';
import { effectiveWindow } from '../../core/window';
import type { GradientOracle } from '../types';
import type { meta } from './meta';

// The tfjs Seg-XRes-CAM and its window pooling, for tests only (combine.ts and windowPool.ts are what the app runs).
export interface WindowPoolOptions {
  pool: PoolType;
  window: readonly [number, number];
  edges: EdgeMode;
}

/**
 * Pools G [h, w, K] over non-overlapping p×q windows anchored at the top-left and spreads each pooled value back
 * over the h×w grid, per docs/METHOD.md. Returns [h, w, K].
 */
export function poolGradients(gradients: tf.Tensor3D, opts: WindowPoolOptions): tf.Tensor3D {
  const [h, w, k] = gradients.shape;
  const p = clampInt(opts.window[0], 1, h);
  const q = clampInt(opts.window[1], 1, w);
  const nh = Math.ceil(h / p);
  const nw = Math.ceil(w / q);
  return tf.tidy(() => {
    // Reference mode pads with zeros (they take part in the pool); valid mode pads with values the pool ignores.
    const fill = opts.edges === 'reference' || opts.pool === 'mean' ? 0 : -3.4e38;
    const padded = tf.pad(
      gradients,
      [
        [0, nh * p - h],
        [0, nw * q - w],
        [0, 0],
      ],
      fill,
    );
    const blocks = tf.reshape(padded, [nh, p, nw, q, k]);
    let pooled: tf.Tensor;
    if (opts.pool === 'max') pooled = tf.max(blocks, [1, 3]);
    else if (opts.edges === 'reference') pooled = tf.div(tf.sum(blocks, [1, 3]), p * q);
    else pooled = tf.div(tf.sum(blocks, [1, 3]), validCounts(h, w, p, q));
    // pooled: [nh, nw, K]
    if (opts.edges === 'reference') {
      return tf.gather(tf.gather(pooled, nearestIndices(h, nh), 0), nearestIndices(w, nw), 1) as tf.Tensor3D;
    }
    const spread = tf.broadcastTo(tf.reshape(pooled, [nh, 1, nw, 1, k]), [nh, p, nw, q, k]);
    return tf.slice(tf.reshape(spread, [nh * p, nw * q, k]), [0, 0, 0], [h, w, k]) as tf.Tensor3D;
  });
}

/** Number of valid (unpadded) cells in each window, [nh, nw, 1]. */
function validCounts(h: number, w: number, p: number, q: number): tf.Tensor3D {
  const nh = Math.ceil(h / p);
  const nw = Math.ceil(w / q);
  const counts = new Float32Array(nh * nw);
  for (let i = 0; i < nh; i++) {
    for (let j = 0; j < nw; j++) counts[i * nw + j] = Math.min(p, h - i * p) * Math.min(q, w - j * q);
  }
  return tf.tensor3d(counts, [nh, nw, 1]);
}

/**
 * skimage `resize(order=0)` from n cells to size cells: cell i reads round((i + 0.5)·n/size − 0.5), clamped.
 * Rounds half up, as scipy.ndimage's order-0 sampling does.
 */
export function nearestIndices(size: number, n: number): Int32Array {
  const idx = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const src = Math.floor((i + 0.5) * (n / size) - 0.5 + 0.5);
    idx[i] = Math.min(n - 1, Math.max(0, src));
  }
  return idx;
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(Number.isFinite(v) ? v : lo)));
}

/** Seg-XRes-CAM: ReLU(Σ_k Up[Pool_{p×q}(G_k)] ⊙ A_k). Window 1×1 is HiResCAM; h×w with mean is Seg-Grad-CAM. */
export function segXResCam(activations: tf.Tensor3D, gradients: tf.Tensor3D, opts: WindowPoolOptions): tf.Tensor2D {
  return tf.tidy(() => {
    const pooled = poolGradients(gradients, opts);
    return tf.relu(tf.sum(tf.mul(activations, pooled), -1)) as tf.Tensor2D;
  });
}

/** The tfjs Seg-XRes-CAM, for tests only: combine.ts is what the app runs. */
export const oracle: GradientOracle<SettingValues<typeof meta.settings>> = {
  combine: (a, g, s) =>
    segXResCam(a, g, { pool: s.pool, window: effectiveWindow(s.window, [a.shape[0], a.shape[1]]), edges: s.edges }),
};
