import { effectiveWindow } from '../../core/window';
import { assertSameShape, type HostTensor } from '../../explain/host/tensor';
import type { SettingValues } from '../../core/settings';
import type { meta } from './meta';
import { poolWindows } from './windowPool';

type Settings = SettingValues<typeof meta.settings>;

/**
 * Seg-XRes-CAM on host copies, as oracle.ts: ReLU(Σ_k Up[Pool_{p×q}(G_k)] ⊙ A_k). Each cell reads its
 * window's pooled gradients directly, so the spread-back [h, w, K] is never built. Returns the raw map [h·w].
 */
export const combine = (a: HostTensor, g: HostTensor, s: Settings): Float32Array => {
  assertSameShape(a, g);
  const [h, w, k] = a.shape;
  const pooled = poolWindows(g, { pool: s.pool, window: effectiveWindow(s.window, [h, w]), edges: s.edges });
  const nw = pooled.shape[1];
  const out = new Float32Array(h * w);
  const da = a.data;
  const dp = pooled.data;
  for (let i = 0, o = 0; i < h; i++) {
    const rowBase = pooled.rows[i]! * nw;
    for (let j = 0; j < w; j++, o += k) {
      const at = (rowBase + pooled.cols[j]!) * k;
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.fround(da[o + c]! * dp[at + c]!); // float32 product, as tf.mul
      out[i * w + j] = Math.max(0, Math.fround(sum));
    }
  }
  return out;
};
