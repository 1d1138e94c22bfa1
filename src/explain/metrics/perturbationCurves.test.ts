import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AbortError } from '../../core/abort';
import { blend } from '../baseline';
import { classProbability } from '../probability';
import { perturbationCurves, regionConfidence, stepCounts, type ScoreBatch } from './perturbationCurves';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

// A fixed 4×4 RGB image with pixel p = p + 1 in every channel (Σ = 136), and a toy "model" whose score is the mean
// of the image: with a black baseline, f = Σ(kept pixels) / 16, so every curve is known in closed form.
const image = () => tf.tile(tf.reshape(tf.range(1, 17, 1, 'float32'), [1, 4, 4, 1]), [1, 1, 1, 3]) as tf.Tensor4D;
const calls: number[] = [];
const meanScore: ScoreBatch = async (batch) => {
  calls.push(batch.shape[0]);
  const m = tf.mean(batch, [1, 2, 3]);
  try {
    return await m.data();
  } finally {
    m.dispose();
  }
};
// E ranks pixel 15 first, then 14, …: the brightest pixels go first.
const brightFirst = () =>
  tf.tensor2d(
    Array.from({ length: 16 }, (_, p) => p / 15),
    [4, 4],
  );
const scores = (c: { points: { score: number }[] }) => c.points.map((p) => p.score);

describe('deletion and insertion curves', () => {
  it('match the closed form on 4×4 with n = 4, AUCs by the trapezoid rule', async () => {
    const x = image();
    const black = tf.zerosLike(x);
    const r = await perturbationCurves(x, brightFirst(), black, meanScore, { steps: 4, batchSize: 3 });
    // deletion removes 4 pixels per step: 136, 136 − (16+15+14+13), −(12+11+10+9), −(8+7+6+5), 0; all ÷ 16
    expect(scores(r.deletion)).toEqual([8.5, 4.875, 2.25, 0.625, 0]);
    expect(scores(r.insertion)).toEqual([0, 3.625, 6.25, 7.875, 8.5]);
    // (1/4)[(8.5+4.875)/2 + (4.875+2.25)/2 + (2.25+0.625)/2 + (0.625+0)/2] = 12/4
    expect(r.deletion.auc).toBeCloseTo(3, 12);
    // (1/4)[(0+3.625)/2 + (3.625+6.25)/2 + (6.25+7.875)/2 + (7.875+8.5)/2] = 22/4
    expect(r.insertion.auc).toBeCloseTo(5.5, 12);
    expect(r.deletion.points.map((p) => p.fraction)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(r.insertion.points.map((p) => p.perturbed)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it(
    "keeps docs/METHOD.md's schedule at n = 20 (k_i = round(0.8 i) of 16 " + 'pixels) with a non-black baseline',
    async () => {
      const counts = Array.from(stepCounts(16, 20));
      expect(counts).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 10, 11, 12, 13, 14, 14, 15, 16]);
      const x = image();
      const grey = tf.fill([1, 4, 4, 3], 0.5) as tf.Tensor4D;
      const r = await perturbationCurves(x, brightFirst(), grey, meanScore);
      // the top k pixels are 16, 15, …, 17 − k: their sum is k(33 − k)/2, replaced by 0.5 each
      const removed = (k: number) => (k * (33 - k)) / 2;
      const del = counts.map((k) => (136 - removed(k) + 0.5 * k) / 16);
      const ins = counts.map((k) => (removed(k) + 0.5 * (16 - k)) / 16);
      scores(r.deletion).forEach((f, i) => expect(f).toBeCloseTo(del[i] as number, 5));
      scores(r.insertion).forEach((f, i) => expect(f).toBeCloseTo(ins[i] as number, 5));
      const trap = (f: number[]) => f.slice(1).reduce((a, v, i) => a + (v + (f[i] as number)) / 2, 0) / 20;
      expect(r.deletion.auc).toBeCloseTo(trap(del), 5);
      expect(r.insertion.auc).toBeCloseTo(trap(ins), 5);
      expect(r.deletion.points[3]?.perturbed).toBe(2 / 16);
    },
  );

  it("builds each image exactly as blend() with the step's 0/1 mask would (textured input and baseline)", async () => {
    const x = tf.tensor4d(
      Array.from({ length: 48 }, (_, i) => Math.sin(i * 1.7) * 3.1),
      [1, 4, 4, 3],
    );
    const base = tf.tensor4d(
      Array.from({ length: 48 }, (_, i) => Math.cos(i * 0.3) / 7),
      [1, 4, 4, 3],
    );
    const map = tf.tensor2d(
      Array.from({ length: 16 }, (_, p) => ((p * 7) % 16) / 15),
      [4, 4],
    );
    const seen: Float32Array[] = [];
    const keep: ScoreBatch = async (batch) => {
      seen.push(
        ...Array.from({ length: batch.shape[0] }, (_, b) =>
          tf.tidy(() => tf.slice(batch, [b, 0, 0, 0], [1, 4, 4, 3]).dataSync() as Float32Array),
        ),
      );
      return new Float32Array(batch.shape[0]);
    };
    await perturbationCurves(x, map, base, keep, { steps: 4, batchSize: 3 });
    const rankOf = Array.from({ length: 16 }, (_, p) => p).sort((a, b) => ((b * 7) % 16) - ((a * 7) % 16) || a - b);
    seen.forEach((got, j) => {
      const k = stepCounts(16, 4)[j >> 1] as number;
      const top = new Set(rankOf.slice(0, k));
      const mask = tf.tensor4d(
        Array.from({ length: 16 }, (_, p) => (top.has(p) !== ((j & 1) === 0) ? 1 : 0)),
        [1, 4, 4, 1],
      );
      const want = tf.tidy(() => blend(x, base, mask).dataSync());
      mask.dispose();
      expect(Array.from(got)).toEqual(Array.from(want));
    });
    [x, base, map].forEach((t) => t.dispose());
  });

  it('orders ties by pixel index', async () => {
    const flat = tf.fill([4, 4], 0.5) as tf.Tensor2D;
    const r = await perturbationCurves(image(), flat, tf.zeros([1, 4, 4, 3]), meanScore, { steps: 4 });
    // pixels 0..3 (values 1..4) go first
    expect(scores(r.deletion)).toEqual([8.5, 126 / 16, 100 / 16, 58 / 16, 0]);
  });

  it('sends all 2(n+1) images through predict in batches and does not depend on the batch size', async () => {
    calls.length = 0;
    const seen: number[] = [];
    const a = await perturbationCurves(
      image(),
      brightFirst(),
      tf.zeros([1, 4, 4, 3]),
      meanScore,
      { steps: 4, batchSize: 3 },
      { onProgress: (p) => seen.push(p.done) },
    );
    expect(calls).toEqual([3, 3, 3, 1]);
    expect(seen).toEqual([3, 6, 9, 10]);
    const b = await perturbationCurves(image(), brightFirst(), tf.zeros([1, 4, 4, 3]), meanScore, {
      steps: 4,
      batchSize: 1,
    });
    expect(b).toEqual(a);
  });

  it('reports the scores so far, null where pending', async () => {
    const first: (number | null)[][] = [];
    await perturbationCurves(
      image(),
      brightFirst(),
      tf.zeros([1, 4, 4, 3]),
      meanScore,
      { steps: 4, batchSize: 3 },
      {
        onProgress: (p) => {
          if (p.done === 3) first.push(p.deletion, p.insertion);
        },
      },
    );
    expect(first).toEqual([
      [8.5, 4.875, null, null, null],
      [0, null, null, null, null],
    ]);
  });

  it('stops with AbortError when cancelled, from a progress callback or from outside', async () => {
    const ctrl = new AbortController();
    const run = perturbationCurves(
      image(),
      brightFirst(),
      tf.zeros([1, 4, 4, 3]),
      meanScore,
      { batchSize: 2 },
      { signal: ctrl.signal, onProgress: () => ctrl.abort() },
    );
    await expect(run).rejects.toBeInstanceOf(AbortError);
    // From outside: the signal fires between batches (at the second hold), not from the job's own callbacks.
    // Deterministic,
    // unlike a timer racing the job's own yields.
    const outside = new AbortController();
    let holds = 0;
    let batches = 0;
    const checkpoint = async () => void (++holds === 2 && outside.abort());
    const run2 = perturbationCurves(
      image(),
      brightFirst(),
      tf.zeros([1, 4, 4, 3]),
      meanScore,
      { batchSize: 1 },
      { signal: outside.signal, checkpoint, onProgress: () => batches++ },
    );
    await expect(run2).rejects.toBeInstanceOf(AbortError);
    expect(batches).toBeLessThan(3);
  });

  it("awaits the caller's checkpoint before every batch", async () => {
    let holds = 0;
    await perturbationCurves(
      image(),
      brightFirst(),
      tf.zeros([1, 4, 4, 3]),
      meanScore,
      { steps: 4, batchSize: 4 },
      { checkpoint: async () => void holds++ },
    );
    expect(holds).toBe(3);
  });

  it('refuses a map off the input grid and a predict that returns the wrong count', async () => {
    await expect(perturbationCurves(image(), tf.zeros([3, 4]), tf.zeros([1, 4, 4, 3]), meanScore)).rejects.toThrow(
      /grid/,
    );
    await expect(perturbationCurves(image(), brightFirst(), tf.zeros([1, 4, 4, 1]), meanScore)).rejects.toThrow(
      /baseline/,
    );
    await expect(perturbationCurves(image(), brightFirst(), tf.zeros([1, 4, 4, 3]), async () => [1])).rejects.toThrow(
      /returned/,
    );
  });

  it('leaks no tensors: completed, cancelled, or when predict throws', async () => {
    const x = image();
    const map = brightFirst();
    const base = tf.zerosLike(x);
    const before = tf.memory().numTensors;
    await perturbationCurves(x, map, base, meanScore, { batchSize: 5 });
    const ctrl = new AbortController();
    await perturbationCurves(
      x,
      map,
      base,
      meanScore,
      { batchSize: 5 },
      { signal: ctrl.signal, onProgress: () => ctrl.abort() },
    ).catch(() => undefined);
    await perturbationCurves(x, map, base, async () => {
      throw new Error('boom');
    }).catch(() => undefined);
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed || map.isDisposed || base.isDisposed).toBe(false);
  });
});

describe('regionConfidence', () => {
  it('is the mean over M of the class probability, per image', async () => {
    // "logits" = the batch itself, one sigmoid channel; M = pixels 0 and 3 of 2×2
    const score = regionConfidence(
      (b) => tf.clone(b),
      (s, c) => classProbability(s, c, 'sigmoid'),
      { region: Uint8Array.from([1, 0, 0, 1]), classIndex: 0 },
    );
    const batch = tf.tensor4d([0, 5, 5, 2, -1, 0, 0, 1], [2, 2, 2, 1]);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const f = await score(batch);
    expect(f[0]).toBeCloseTo((sig(0) + sig(2)) / 2, 6);
    expect(f[1]).toBeCloseTo((sig(-1) + sig(1)) / 2, 6);
  });
  it('leaks no tensors and disposes the scores it was given', async () => {
    const batch = tf.ones([3, 2, 2, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const score = regionConfidence(
      (b) => tf.tidy(() => tf.concat([b, tf.zerosLike(b)], -1) as tf.Tensor4D),
      (s, c) => classProbability(s, c, 'softmax'),
      { region: Uint8Array.from([1, 1, 0, 0]), classIndex: 1 },
    );
    expect(Array.from(await score(batch)).map((v) => Number(v.toFixed(6)))).toEqual(
      Array(3).fill(Number((1 / (1 + Math.E)).toFixed(6))),
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
