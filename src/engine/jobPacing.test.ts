import { describe, expect, it } from 'vitest';
import { batchClock, GPU_LABELS_IN_FLIGHT, LABELS_IN_FLIGHT, labelsInFlight, throughputTimed } from './jobPacing';

describe('job pacing', () => {
  it('keeps many batches out with a helper, one queued on a GPU alone, none on cpu or wasm alone', () => {
    expect(labelsInFlight('wasm', true)).toBe(LABELS_IN_FLIGHT);
    expect(labelsInFlight('webgl', false)).toBe(GPU_LABELS_IN_FLIGHT);
    expect(labelsInFlight('webgpu', false)).toBe(GPU_LABELS_IN_FLIGHT);
    expect(labelsInFlight('wasm', false)).toBe(1);
    expect(labelsInFlight('cpu', false)).toBe(1);
    expect(GPU_LABELS_IN_FLIGHT).toBeGreaterThan(1);
  });

  it('reads a queued batch by the time it added, one after another by its own time', () => {
    const clock = batchClock();
    expect(clock(0, 100)).toBe(100); // alone
    expect(clock(120, 200)).toBe(80); // started after the last one ended: its own time
    // Two out at once: the second started at 210 but waited behind the first (ends 300), and ended at 390.
    expect(clock(205, 300)).toBe(95);
    expect(clock(210, 390)).toBe(90);
  });

  it('times batches with the helper as the job’s throughput, not while another size’s batches are out', async () => {
    let t = 0;
    let size = 2;
    const pending: (() => void)[] = [];
    const records: [number, number][] = [];
    const timed = throughputTimed(
      // each batch answers when the test says so
      () => new Promise<Uint8Array[]>((resolve) => pending.push(() => resolve([]))),
      () => size,
      (n, ms) => records.push([n, ms]),
      () => t,
    );
    const batch = (n: number) => ({ shape: [n, 4, 4, 3] });
    const finish = async (i: number, at: number) => {
      t = at;
      pending[i]?.();
      await new Promise((r) => setTimeout(r, 0));
    };
    // Two out at once from t = 0, one on each worker: 100 ms, then 50 more (their sum is the wall time).
    const a = timed(batch(2));
    const b = timed(batch(2));
    await finish(0, 100);
    await finish(1, 150);
    expect(records).toEqual([
      [2, 100],
      [2, 50],
    ]);
    // One of two workers' size counts as one of each: the same time per image. A batch cut short is not recorded.
    t = 160;
    const split = timed(batch(4));
    const short = timed(batch(1));
    await finish(2, 240);
    await finish(3, 250);
    expect(records.slice(2)).toEqual([[2, 40]]);
    // The size changes while a batch of the old one is out: the new size's batches are not timed until it is back.
    const old = timed(batch(2));
    size = 1;
    const first = timed(batch(1));
    await finish(5, 270);
    expect(records).toHaveLength(3);
    await finish(4, 300);
    const next = timed(batch(1));
    await finish(6, 320);
    expect(records.slice(3)).toEqual([
      [2, 30],
      [1, 20],
    ]);
    await Promise.all([a, b, split, short, old, first, next]);
  });
});
