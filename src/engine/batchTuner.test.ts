import { describe, expect, it } from 'vitest';
import { BatchTuner, MAX_BATCH_MS, powersOfTwo } from './batchTuner';

/** Drives a tuner with a cost model: ms for a batch of n (the first batch of each size pays `cold` extra). */
function drive(tuner: BatchTuner, cost: (n: number) => number, cold = 50): number[] {
  const seen = new Set<number>();
  const sizes: number[] = [];
  for (let i = 0; i < 40 && !tuner.settled; i++) {
    const n = tuner.size;
    sizes.push(n);
    tuner.record(n, cost(n) + (seen.has(n) ? 0 : cold));
    seen.add(n);
  }
  return sizes;
}

/** What the tuner times per size: a cold batch, then two warm ones and at least eight warm images. */
const trial = (...sizes: number[]): number[] =>
  sizes.flatMap((n) => Array<number>(1 + Math.max(2, Math.ceil(8 / n))).fill(n));

describe('BatchTuner', () => {
  it('doubles while the time per image falls, then keeps the best size and reports it once', () => {
    const chosen: number[] = [];
    // Fixed overhead of 40 ms per batch plus 10 ms per image, but batches above 4 spill out of cache (×2 per image).
    const tuner = new BatchTuner(powersOfTwo(16), null, (s) => chosen.push(s));
    const sizes = drive(tuner, (n) => 40 + (n <= 4 ? 10 : 20) * n);
    expect(sizes).toEqual([...trial(1, 2, 4, 8), 2, 2, 2, 2]); // then 2, the best smaller size, again
    expect(trial(1, 2, 4, 8)).toEqual([...Array(9).fill(1), 2, 2, 2, 2, 2, 4, 4, 4, 8, 8, 8]);
    expect(tuner.size).toBe(4);
    expect(chosen).toEqual([4]);
  });

  it('stops at the model limit when larger is always better', () => {
    const tuner = new BatchTuner(powersOfTwo(8), null);
    drive(tuner, (n) => 100 + n);
    expect(tuner.size).toBe(8);
  });

  it('uses a known size at once, and a model that takes one image needs no measuring', () => {
    expect(new BatchTuner(powersOfTwo(16), 2).size).toBe(2);
    expect(new BatchTuner(powersOfTwo(16), 2).settled).toBe(true);
    expect(new BatchTuner(powersOfTwo(1), null).settled).toBe(true);
    // A cached size the model can no longer take is measured again.
    expect(new BatchTuner(powersOfTwo(4), 8).settled).toBe(false);
  });

  it('tries only the candidates: a fixed-batch graph that pads 2 to 8 goes from 1 straight to 8', () => {
    const tuner = new BatchTuner([1, 8], null);
    const sizes = drive(tuner, (n) => (n === 1 ? 12 : 40));
    expect(sizes).toEqual([...trial(1, 8), ...trial(1).slice(1)]);
    expect(tuner.size).toBe(8);
    expect(powersOfTwo(16)).toEqual([1, 2, 4, 8, 16]);
    expect(powersOfTwo(6)).toEqual([1, 2, 4]);
  });

  it('times the best smaller size again before keeping a larger one: sizes timed first ran beside the start-up', () => {
    const tuner = new BatchTuner([1, 8], null);
    // Size 1 at 16 ms an image while the job starts, 11 ms once it has; batch 8 at 12 ms an image.
    [50, 16, 16, 16, 16, 16, 16, 16, 16].forEach((ms) => tuner.record(1, ms));
    [200, 96, 96].forEach((ms) => tuner.record(8, ms));
    expect(tuner.settled).toBe(false);
    expect(tuner.size).toBe(1);
    for (let i = 0; i < 8; i++) tuner.record(1, 11);
    expect(tuner.settled && tuner.size).toBe(1);
    // Where the larger size is still clearly faster, it is kept.
    const faster = new BatchTuner([1, 8], null);
    [50, 16, 16, 16, 16, 16, 16, 16, 16].forEach((ms) => faster.record(1, ms));
    [200, 64, 64].forEach((ms) => faster.record(8, ms));
    for (let i = 0; i < 8; i++) faster.record(1, 11);
    expect(faster.settled && faster.size).toBe(8);
  });

  it('compares the mean of two warm batches per size, not one noisy batch', () => {
    const tuner = new BatchTuner([1, 8], null);
    // 8 looks best on its first warm batch (a quiet moment), but over two it is slower per image than 1
    for (const [n, ms] of [[1, 50], ...Array(8).fill([1, 12]), [8, 200], [8, 80], [8, 120]] as [number, number][])
      tuner.record(n, ms);
    expect(tuner.settled && tuner.size).toBe(1);
  });

  it('times size 1 on eight warm images, not two: two slow passes (the helper starting) do not decide it', () => {
    const tuner = new BatchTuner([1, 8], null);
    // Size 1 takes 11 ms an image but its first two warm passes took 16; batch 8 takes 12 ms an image.
    [50, 16, 16, 11, 11, 11, 11, 11, 11].forEach((ms) => tuner.record(1, ms));
    expect(tuner.settled).toBe(false);
    [200, 96, 96].forEach((ms) => tuner.record(8, ms));
    // On two warm passes (16 ms an image) 8 would win; on eight (12.25) it is not clearly faster.
    expect(tuner.settled && tuner.size).toBe(1);
  });

  it('ignores batches of other sizes (a short last batch)', () => {
    const tuner = new BatchTuner(powersOfTwo(16), null);
    tuner.record(1, 10);
    tuner.record(3, 1);
    expect(tuner.size).toBe(1);
  });

  it('keeps no size whose batches outlast MAX_BATCH_MS, however fast per image, but for the smallest', () => {
    // Per image 60, 55, 70 ms at 1, 2, 4: 4 looked affordable from 2 (4 × 55 = 220 ms) but takes 280 ms a batch.
    const perImage: Record<number, number> = { 1: 60, 2: 55, 4: 70, 8: 20 };
    const tuner = new BatchTuner(powersOfTwo(8), null);
    const sizes = drive(tuner, (n) => perImage[n]! * n);
    expect(MAX_BATCH_MS).toBeLessThan(280);
    expect(sizes).toEqual([...trial(1, 2, 4), ...trial(1).slice(1)]);
    expect(tuner.size).toBe(2);
  });

  it('does not try a size whose batches would clearly outlast MAX_BATCH_MS at the time per image so far', () => {
    // 100 then 90 ms an image: a batch of 4 would take ~360 ms, so 4 is not tried (nor are its shader compiles paid).
    const perImage: Record<number, number> = { 1: 100, 2: 90, 4: 80, 8: 70 };
    const tuner = new BatchTuner(powersOfTwo(8), null);
    expect(drive(tuner, (n) => perImage[n]! * n)).toEqual([...trial(1, 2), ...trial(1).slice(1)]);
    expect(tuner.size).toBe(2);
    // A model whose single image already takes longer runs one at a time, with no larger size tried.
    const slow = new BatchTuner(powersOfTwo(8), null);
    expect(drive(slow, (n) => 400 * n)).toEqual(trial(1));
    expect(slow.size).toBe(1);
  });
});
