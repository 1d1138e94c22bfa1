import { splitHalfStability } from './stability';

/**
 * 'dice': the paper's Σ w_i m_i / (N p); 'centred': ReLU(Σ (w_i − w̄) m_i / (N p (1 − p))); 'probability': Σ w_i m_i /
 * (N p) with w_i the mean class probability over M on masked image i, the original RISE (docs/METHOD.md).
 */
export type RiseWeighting = 'dice' | 'centred' | 'probability';

/**
 * RISE's running sums over even and over odd masks (their sum is the map, their agreement its stability): Σ w_i m_i,
 * and for the centred form also Σ m_i, Σ w_i and the mask count, so that Σ (w_i − w̄) m_i = Σ w_i m_i − w̄ Σ m_i.
 */
export class RiseSums {
  private readonly weighted: [Float32Array, Float32Array];
  private readonly kept: [Float32Array, Float32Array] | null;
  private readonly weights = [0, 0];
  private readonly counts = [0, 0];

  constructor(
    hw: number,
    private readonly weighting: RiseWeighting,
  ) {
    this.weighted = [new Float32Array(hw), new Float32Array(hw)];
    this.kept = weighting === 'centred' ? [new Float32Array(hw), new Float32Array(hw)] : null;
  }

  /** One mask of half `half` with its weight; `accumulate(out, wt)` adds wt · m_i to out. */
  add(half: number, weight: number, accumulate: (out: Float32Array, wt: number) => void): void {
    this.counts[half]! += 1;
    this.weights[half]! += weight;
    if (weight !== 0) accumulate(this.weighted[half] as Float32Array, weight);
    if (this.kept) accumulate(this.kept[half] as Float32Array, 1);
  }

  /** One half's un-normalised estimate: Σ w m, or Σ w m − w̄ Σ m (centred). */
  private half(j: 0 | 1): Float32Array {
    const w = this.weighted[j];
    if (!this.kept) return w;
    const n = this.counts[j] as number;
    const mean = n ? (this.weights[j] as number) / n : 0;
    const m = this.kept[j];
    return w.map((v, i) => v - mean * (m[i] as number));
  }

  /**
   * One mask already drawn, masks[offset … offset + H·W − 1], with its weight: the same sums as `add`, in one pass
   * over the mask (the centred form's Σ w m and Σ m together; two passes cost ~0.3 ms a mask at 256² on wasm).
   */
  addDrawn(half: number, weight: number, masks: Float32Array, offset: number): void {
    this.counts[half]! += 1;
    this.weights[half]! += weight;
    const w = this.weighted[half] as Float32Array;
    const hw = w.length;
    const k = this.kept?.[half];
    if (k && weight !== 0) {
      for (let p = 0, q = offset; p < hw; p++, q++) {
        const m = masks[q] as number;
        w[p] = (w[p] as number) + weight * m;
        k[p] = (k[p] as number) + m;
      }
    } else if (k) {
      for (let p = 0, q = offset; p < hw; p++, q++) k[p] = (k[p] as number) + (masks[q] as number);
    } else if (weight !== 0) {
      for (let p = 0, q = offset; p < hw; p++, q++) w[p] = (w[p] as number) + weight * (masks[q] as number);
    }
  }

  /** Split-half stability of the estimate (stability.ts). */
  stability(): number {
    return splitHalfStability(this.half(0), this.half(1));
  }

  /** The map after `done` masks: Σ w m / (n p), or ReLU(Σ (w − w̄) m / (n p (1 − p))) (centred). */
  map(done: number, p: number): Float32Array {
    const out = new Float32Array(this.weighted[0].length);
    if (!this.kept) {
      const [even, odd] = this.weighted;
      const scale = 1 / (done * p);
      for (let i = 0; i < out.length; i++) out[i] = ((even[i] as number) + (odd[i] as number)) * scale;
      return out;
    }
    const n = (this.counts[0] as number) + (this.counts[1] as number);
    const mean = n ? ((this.weights[0] as number) + (this.weights[1] as number)) / n : 0;
    const [w0, w1] = this.weighted;
    const [m0, m1] = this.kept;
    const scale = 1 / (n * p * (1 - p));
    for (let i = 0; i < out.length; i++) {
      const v = (w0[i] as number) + (w1[i] as number) - mean * ((m0[i] as number) + (m1[i] as number));
      out[i] = v > 0 ? v * scale : 0;
    }
    return out;
  }
}
