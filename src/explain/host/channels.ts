import { assertSameShape, type HostTensor } from './tensor';

// Math.fround after each step mirrors tfjs's float32 intermediate tensors (its cpu kernels compute in doubles and
// store float32), in tfjs's summation order: the host maps equal the cpu backend's bit for bit, not just to 1e-5.
const f32 = Math.fround;

/**
 * Σ_{h,w} of each channel, each value divided by `divisor` first, as tfjs's sum over [0, 1] (double sum, float32 out).
 */
export function channelSums(t: HostTensor, divisor = 1): Float32Array {
  const [h, w, k] = t.shape;
  const acc = new Float64Array(k);
  const d = t.data;
  for (let cell = 0, o = 0; cell < h * w; cell++, o += k) {
    // tf.mean divides each float32 value (not × 1/n, which rounds differently) before summing.
    if (divisor === 1) for (let c = 0; c < k; c++) acc[c]! += d[o + c]!;
    else for (let c = 0; c < k; c++) acc[c]! += f32(d[o + c]! / divisor);
  }
  return Float32Array.from(acc);
}

/** Σ_{h,w} G_k / (h·w) per channel, as tf.mean(G, [0, 1]) on the cpu backend (divide first, then sum). */
export const channelMeans = (g: HostTensor): Float32Array => channelSums(g, g.shape[0] * g.shape[1]);

/** ReLU(Σ_k A_k · w_k) per cell: one weight per channel (Grad-CAM's α, Grad-CAM++'s w). Returns [h·w]. */
export function reluChannelDot(a: HostTensor, weights: Float32Array): Float32Array {
  const [h, w, k] = a.shape;
  const out = new Float32Array(h * w);
  const d = a.data;
  for (let cell = 0, o = 0; cell < h * w; cell++, o += k) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += f32(d[o + c]! * weights[c]!);
    out[cell] = Math.max(0, f32(sum));
  }
  return out;
}

/**
 * ReLU without a branch: random-signed gradients make `Math.max(0, v)` mispredict, ~6× slower on a 64×64×256 layer.
 * Exact for finite v and NaN (as tfjs's relu); only v = −∞ differs (NaN, not 0): an overflowed gradient upstream.
 * Kept module-local: an imported function is not inlined under vitest/tsx's transpiled modules (3× slower).
 */
const relu = (v: number): number => (v + Math.abs(v)) * 0.5;

/** ReLU(Σ_k A_k ⊙ G_k) per cell, with ReLU(G_k) instead when asked (LayerCAM; without it: HiResCAM). Returns [h·w]. */
export function reluCellDot(a: HostTensor, g: HostTensor, reluGradients: boolean): Float32Array {
  assertSameShape(a, g);
  const [h, w, k] = a.shape;
  const out = new Float32Array(h * w);
  const da = a.data;
  const dg = g.data;
  for (let cell = 0, o = 0; cell < h * w; cell++, o += k) {
    let sum = 0;
    if (reluGradients) for (let c = 0; c < k; c++) sum += f32(da[o + c]! * relu(dg[o + c]!));
    else for (let c = 0; c < k; c++) sum += f32(da[o + c]! * dg[o + c]!);
    out[cell] = Math.max(0, f32(sum));
  }
  return out;
}
