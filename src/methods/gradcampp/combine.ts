import { channelSums, reluChannelDot } from '../../explain/host/channels';
import { assertSameShape, type HostTensor } from '../../explain/host/tensor';
import type { SettingValues } from '../../core/settings';
import type { meta } from './meta';

type Settings = SettingValues<typeof meta.settings>;

/** ε in α's denominator: a copy of oracle.ts's GRADCAMPP_EPSILON (that file pulls in tfjs); a test keeps them equal. */
export const HOST_GRADCAMPP_EPSILON = 1e-6;

const f32 = Math.fround;

/**
 * Grad-CAM++ on host copies, as oracle.ts: α = G² / (2G² + (Σ_{h,w} A_k)·G³ + ε), α = 0 where G = 0;
 * w_k = Σ_{h,w} ReLU(G_k)·α_k; map = ReLU(Σ_k w_k A_k). Each step is rounded to float32 like tfjs's tensors: the
 * denominator can nearly cancel, and there a double-precision α would differ from tfjs's by far more than 1e-5.
 */
export const combine = (a: HostTensor, g: HostTensor, _settings?: Settings): Float32Array => {
  assertSameShape(a, g);
  const [h, w, k] = g.shape;
  const sumA = channelSums(a);
  const eps = f32(HOST_GRADCAMPP_EPSILON);
  const acc = new Float64Array(k);
  const d = g.data;
  for (let cell = 0, o = 0; cell < h * w; cell++, o += k) {
    for (let c = 0; c < k; c++) {
      const v = d[o + c]!;
      if (v === 0) continue; // α masked to 0 (tf.where), and ReLU(0)·0 adds nothing
      const g2 = f32(v * v);
      const g3 = f32(g2 * v);
      const alpha = f32(g2 / f32(f32(f32(g2 * 2) + f32(sumA[c]! * g3)) + eps));
      acc[c]! += f32((v + Math.abs(v)) * 0.5 * alpha); // ReLU(G)·α, branchless (see channels.ts)
    }
  }
  return reluChannelDot(a, Float32Array.from(acc));
};
