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

describe('BatchTuner', () => {
  it('doubles while the time per image falls, then keeps the best size and reports it once', () => {
    const chosen: number[] = [];
    // Fixed overhead of 40 ms per batch plus 10 ms per image, but batches above 4 spill out of cache (×2 per image).
    const tuner = new BatchTuner(powersOfTwo(16), null, (s) => chosen.push(s));
    const sizes = drive(tuner, (n) => 40 + (n <= 4 ? 10 : 20) * n);
    expect(sizes).toEqual([1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8]);
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
    expect(sizes).toEqual([1, 1, 1, 8, 8, 8]);
    expect(tuner.size).toBe(8);
    expect(powersOfTwo(16)).toEqual([1, 2, 4, 8, 16]);
    expect(powersOfTwo(6)).toEqual([1, 2, 4]);
  });

  it('compares the mean of two warm batches per size, not one noisy batch', () => {
    const tuner = new BatchTuner([1, 8], null);
    // 8 looks best on its first warm batch (a quiet moment), but over two it is slower per image than 1
    for (const [n, ms] of [
      [1, 50],
      [1, 12],
      [1, 12],
      [8, 200],
      [8, 80],
      [8, 120],
    ] as const)
      tuner.record(n, ms);
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
    expect(sizes).toEqual([1, 1, 1, 2, 2, 2, 4, 4, 4]);
    expect(tuner.size).toBe(2);
  });

  it('does not try a size whose batches would clearly outlast MAX_BATCH_MS at the time per image so far', () => {
    // 100 then 90 ms an image: a batch of 4 would take ~360 ms, so 4 is not tried (nor are its shader compiles paid).
    const perImage: Record<number, number> = { 1: 100, 2: 90, 4: 80, 8: 70 };
    const tuner = new BatchTuner(powersOfTwo(8), null);
    expect(drive(tuner, (n) => perImage[n]! * n)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(tuner.size).toBe(2);
    // A model whose single image already takes longer runs one at a time, with no larger size tried.
    const slow = new BatchTuner(powersOfTwo(8), null);
    expect(drive(slow, (n) => 400 * n)).toEqual([1, 1, 1]);
    expect(slow.size).toBe(1);
  });
});
