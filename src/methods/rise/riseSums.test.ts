import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { onHostImages } from '../../explain/predictLabels';
import { runRise, type RiseSettings } from './rise';
import { RiseSums } from './riseSums';

beforeAll(useCpuBackend);

const H = 16;
const W = 16;
const settings: RiseSettings = {
  count: 24,
  batchSize: 5,
  gridSize: 4,
  keepProbability: 0.5,
  seed: 7,
  baseline: 'black',
  tolerance: null,
};
const target = { region: new Uint8Array(H * W).fill(1), labels: new Uint8Array(H * W).fill(1), classIndex: 1 };
const input = () => tf.ones([1, H, W, 1]) as tf.Tensor4D;

describe('the centred estimator (docs/METHOD.md, "RISE weights")', () => {
  it('is Σ (w_i − w̄) m_i / (N p (1 − p)) after ReLU, worked by hand on two pixels', () => {
    const masks: [number[], number][] = [
      [[1, 0], 1],
      [[0, 1], 0],
      [[1, 1], 1],
      [[0, 0], 0],
    ];
    const add = (sums: RiseSums) =>
      masks.forEach(([m, w], i) => sums.add(i % 2, w, (out, wt) => m.forEach((v, p) => (out[p] = out[p]! + wt * v))));
    const centred = new RiseSums(2, 'centred');
    add(centred);
    // w̄ = 0.5; Σ w m = [2, 1]; Σ m = [2, 2]: [2 − 1, 1 − 1] / (4 · 0.5 · 0.5) = [1, 0]
    expect(Array.from(centred.map(4, 0.5))).toEqual([1, 0]);
    const dice = new RiseSums(2, 'dice');
    add(dice);
    // the paper's form: Σ w m / (N p) = [2, 1] / 2
    expect(Array.from(dice.map(4, 0.5))).toEqual([1, 0.5]);
    // a pixel whose keeping lowers the score is negative before the ReLU: 0
    const lowers = new RiseSums(2, 'centred');
    lowers.add(0, 1, (out, wt) => (out[1] = out[1]! + wt));
    lowers.add(1, 0, (out, wt) => (out[0] = out[0]! + wt));
    // w̄ = 0.5; Σ w m = [0, 1], Σ m = [1, 1]: [−0.5, 0.5] / (2 · 0.25) → [0, 1]
    expect(Array.from(lowers.map(2, 0.5))).toEqual([0, 1]);
  });

  it('adds a drawn mask (one pass) exactly as a mask added through its accumulator, in both forms', () => {
    const hw = 5;
    const masks = Float32Array.from({ length: 4 * hw }, (_, i) => ((i * 7) % 11) / 10);
    const weights = [0.75, 0, 1, 0.25];
    for (const form of ['centred', 'dice'] as const) {
      const [drawn, added] = [new RiseSums(hw, form), new RiseSums(hw, form)];
      weights.forEach((w, i) => {
        drawn.addDrawn(i % 2, w, masks, i * hw);
        added.add(i % 2, w, (out, wt) => {
          for (let p = 0; p < hw; p++) out[p] = out[p]! + wt * masks[i * hw + p]!;
        });
      });
      expect(Array.from(drawn.map(4, 0.5))).toEqual(Array.from(added.map(4, 0.5)));
      expect(drawn.stability()).toBe(added.stability());
    }
  });

  it('does not flatten a region whose prediction survives most masks, where the Dice form does', async () => {
    // One output pixel, class 1 unless the top-left quadrant is mostly hidden (kept share ≤ 0.3): w_i is 1 for most
    // masks, so Σ w_i m_i ≈ Σ m_i everywhere; the centred form keeps only what moves the score.
    const lenient = onHostImages(async (batch) => {
      const quad = tf.tidy(() => tf.mean(tf.slice(batch, [0, 0, 0, 0], [-1, 4, 4, 1]), [1, 2, 3]).dataSync());
      return Array.from(quad, (v) => new Uint8Array(H * W).fill(v > 0.3 ? 1 : 0));
    });
    const point = { ...target, region: Uint8Array.from({ length: H * W }, (_, i) => (i === 0 ? 1 : 0)) };
    const contrast = async (weighting: 'dice' | 'centred') => {
      const { map } = await runRise(input(), lenient, point, { ...settings, count: 400, batchSize: 50, weighting });
      const s = map.arraySync();
      const inside = (s[1]![1]! + s[2]![2]!) / 2;
      const outside = (s[12]![12]! + s[13]![10]!) / 2;
      return (inside - outside) / Math.max(inside, 1e-9);
    };
    const dice = await contrast('dice');
    const centred = await contrast('centred');
    expect(centred).toBeGreaterThan(0.8); // the quadrant, and little else
    expect(centred).toBeGreaterThan(dice + 0.3);
  });
});
