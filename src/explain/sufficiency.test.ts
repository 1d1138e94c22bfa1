import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PredictLabels } from './predictLabels';
import { binarize, sufficiency, sufficiencyBatch } from './sufficiency';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const H = 8;
const W = 8;
// Toy model: a pixel is class 1 iff its own input value is > 0.5. Keeping a pixel keeps its prediction.
const predict: PredictLabels = async (batch) =>
  tf.tidy(() => {
    const b = tf.greater(batch, 0.5).dataSync();
    return Array.from({ length: batch.shape[0] }, (_, i) => Uint8Array.from(b.slice(i * H * W, (i + 1) * H * W)));
  });
const region = new Uint8Array(H * W);
for (let i = 0; i < 16; i++) region[i] = 1; // the top two rows
const target = { region, labels: new Uint8Array(H * W).fill(1), classIndex: 1 };
const x = () => tf.ones([1, H, W, 1]) as tf.Tensor4D;
const rowMap = () =>
  tf.tensor2d(
    Array.from({ length: H * W }, (_, i) => 1 - Math.floor(i / W) / (H - 1)),
    [H, W],
  );

describe('sufficiency', () => {
  it('keeps all → Dice 1 and 100 % retained; keeps none → Dice 0 and 0 %', async () => {
    const all = await sufficiency(x(), rowMap(), predict, target, { threshold: -1, dilation: 0, baseline: 'black' });
    expect(all).toEqual({ dice: 1, retained: 1 });
    const none = await sufficiency(x(), rowMap(), predict, target, { threshold: 2, dilation: 0, baseline: 'black' });
    expect(none).toEqual({ dice: 0, retained: 0 });
  });
  it('keeping one of the two region rows gives Dice 2·8/(8+16) and 1/8 retained', async () => {
    // map > t keeps only row 0 (value 1); row 1 has 6/7 ≈ 0.857.
    const r = await sufficiency(x(), rowMap(), predict, target, { threshold: 0.9, dilation: 0, baseline: 'black' });
    expect(r.dice).toBeCloseTo((2 * 8) / 24, 6);
    expect(r.retained).toBeCloseTo(1 / 8, 6);
  });
  it('dilation grows the kept area by r pixels', () => {
    const one = tf.tensor2d(
      Array.from({ length: 64 }, (_, i) => (i === 27 ? 1 : 0)),
      [8, 8],
    );
    expect(tf.sum(binarize(one, 0.5, 0)).dataSync()[0]).toBe(1);
    expect(tf.sum(binarize(one, 0.5, 1)).dataSync()[0]).toBe(9);
  });
  it('leaks no tensors', async () => {
    const input = x();
    const map = rowMap();
    const before = tf.memory().numTensors;
    await sufficiency(input, map, predict, target, { threshold: 0.2, dilation: 2, baseline: 'mean' });
    await sufficiency(input, map, predict, target, { threshold: 0.2, dilation: 0, baseline: 'blur' });
    expect(tf.memory().numTensors).toBe(before);
  });
  it('a batch of maps gives each map what it gives alone, in one predict call, without leaking', async () => {
    const maps = [rowMap(), tf.sub(1, rowMap()) as tf.Tensor2D, tf.fill([H, W], 0.5) as tf.Tensor2D];
    const settings = { threshold: 0.6, dilation: 0, baseline: 'black' } as const;
    const alone = await Promise.all(maps.map((m) => sufficiency(x(), m, predict, target, settings)));
    let calls = 0;
    const counted: PredictLabels = (batch) => (calls++, predict(batch));
    const input = x();
    const before = tf.memory().numTensors;
    const together = await sufficiencyBatch(input, maps, counted, target, settings);
    expect(tf.memory().numTensors).toBe(before);
    expect(calls).toBe(1);
    expect(together).toEqual(alone);
    expect(together.map((r) => r.dice)).toEqual([1, 0, 0]); // rows 0–2 exceed 0.6: both region rows are kept
  });
});
