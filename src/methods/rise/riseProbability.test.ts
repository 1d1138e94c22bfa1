import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRise, type RiseSettings } from './rise';
import { createMaskStream } from './riseMasks';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const H = 12;
const W = 12;
const settings: RiseSettings = {
  count: 20,
  batchSize: 6,
  gridSize: 4,
  keepProbability: 0.5,
  seed: 3,
  baseline: 'black',
  tolerance: null,
  weighting: 'probability',
};
const target = { region: new Uint8Array(H * W).fill(1), labels: new Uint8Array(H * W).fill(1), classIndex: 1 };
const input = () => tf.ones([1, H, W, 1]) as tf.Tensor4D;
const noLabels = () => Promise.reject(new Error('the probability form reads no labels'));

// Tiny "model": the region's mean class probability is the mean of the image over its top-left 3×3 corner.
const cornerProbability = async (batch: tf.Tensor4D) =>
  tf.tidy(() => tf.mean(tf.slice(batch, [0, 0, 0, 0], [-1, 3, 3, 1]), [1, 2, 3]).dataSync());

describe('RISE, continuous weights (mean class probability over M, the original RISE)', () => {
  it('equals Σ w_i m_i / (N p) with w_i computed on the host from the same masks', async () => {
    const x = input();
    const run = await runRise(x, noLabels, target, settings, { regionProbability: cornerProbability });
    const got = run.map.dataSync();
    // Independent: the masks as numbers, each weight the mean of mask i over the corner (image 1, black baseline).
    const masks = createMaskStream(settings, H, W).next(settings.count);
    const m = masks.dataSync();
    const want = new Float64Array(H * W);
    for (let i = 0; i < settings.count; i++) {
      let w = 0;
      for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) w += m[i * H * W + r * W + c] as number;
      w /= 9;
      for (let p = 0; p < H * W; p++) want[p] = (want[p] as number) + (w * (m[i * H * W + p] as number)) / 10;
    }
    for (let p = 0; p < H * W; p++) expect(got[p]).toBeCloseTo(want[p] as number, 5);
    // the corner's masks weigh most: the map is higher there than in the far corner
    expect(got[0] as number).toBeGreaterThan(got[H * W - 1] as number);
    expect(run.forward).toBe(settings.count);
    [x, masks, run.map].forEach((t) => t.dispose());
  });

  it('keeps its weights and re-uses them for the same region with no forward pass, running on past them', async () => {
    const x = input();
    const kept: number[] = [];
    const full = await runRise(x, noLabels, target, settings, {
      regionProbability: cornerProbability,
      keepProbabilities: (w) => kept.push(...Array.from(w)),
    });
    expect(kept).toHaveLength(settings.count);
    const none = () => Promise.reject(new Error('no forward pass expected'));
    const again = await runRise(x, noLabels, target, settings, { regionProbability: none, cachedProbabilities: kept });
    expect(again.forward).toBe(0);
    expect(tf.max(tf.abs(tf.sub(full.map, again.map))).dataSync()[0]).toBeLessThan(1e-6);
    // half cached: the rest run forward, and the map is the same
    const half = await runRise(x, noLabels, target, settings, {
      regionProbability: cornerProbability,
      cachedProbabilities: kept.slice(0, 8),
    });
    expect(half.forward).toBe(settings.count - 8);
    expect(tf.max(tf.abs(tf.sub(full.map, half.map))).dataSync()[0]).toBeLessThan(1e-6);
    [x, full.map, again.map, half.map].forEach((t) => t.dispose());
  });

  it('refuses to run without region probabilities', async () => {
    const x = input();
    await expect(runRise(x, noLabels, target, settings)).rejects.toThrow(/regionProbability/);
    x.dispose();
  });

  it('leaks no tensors, completed or cancelled', async () => {
    const x = input();
    const before = tf.memory().numTensors;
    (await runRise(x, noLabels, target, settings, { regionProbability: cornerProbability })).map.dispose();
    const ctrl = new AbortController();
    const cancelled = runRise(x, noLabels, target, settings, {
      regionProbability: cornerProbability,
      onProgress: () => ctrl.abort(),
      signal: ctrl.signal,
    });
    await expect(cancelled).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
