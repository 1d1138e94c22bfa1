import { describe, expect, it } from 'vitest';
import { AbortError } from '../../core/abort';
import { runPipelined, type PipelineSteps } from './pipeline';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Batches 0 … count − 1 whose results come back after a delay that shrinks with the index: later ones answer first. */
function steps(count: number, inFlight: number, over: Partial<PipelineSteps<number, number>> = {}) {
  const log = { made: [] as number[], taken: [] as number[], out: 0, mostOut: 0, settled: 0 };
  let next = 0;
  const pipeline: PipelineSteps<number, number> = {
    next: () => {
      if (next >= count) return null;
      log.made.push(next);
      return next++;
    },
    run: async (b) => {
      log.out++;
      log.mostOut = Math.max(log.mostOut, log.out);
      await sleep(2 + ((count - b) % 4) * 3);
      log.out--;
      log.settled++;
      return b * 10;
    },
    take: (b, r) => {
      expect(r).toBe(b * 10);
      log.taken.push(b);
      return true;
    },
    inFlight: () => inFlight,
    checkpoint: async () => undefined,
    ...over,
  };
  return { pipeline, log };
}

describe('runPipelined', () => {
  it('takes every result in batch order, with at most inFlight batches out', async () => {
    for (const inFlight of [1, 3, 4]) {
      const { pipeline, log } = steps(11, inFlight);
      expect(await runPipelined(pipeline)).toBe(true);
      expect(log.taken).toEqual([...Array(11).keys()]);
      expect(log.mostOut).toBe(inFlight);
    }
  });

  it('stops making batches once take says stop, and lets the ones still out finish before it returns', async () => {
    const { pipeline, log } = steps(20, 4, { take: (b) => (log.taken.push(b), b < 5) });
    expect(await runPipelined(pipeline)).toBe(false);
    expect(log.taken).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log.made).toEqual([...Array(9).keys()]);
    expect(log.out).toBe(0);
    expect(log.settled).toBe(9);
  });

  it('asks again after each take when next() had none for now; ends when it has none and nothing is out', async () => {
    // batches may run at most 3 ahead of the last taken one: a limit that moves with the takes
    let taken = 0;
    const { pipeline, log } = steps(10, 6, {
      next: () => {
        if (log.made.length >= 10 || log.made.length >= taken + 3) return null;
        log.made.push(log.made.length);
        return log.made.length - 1;
      },
      take: (b) => (log.taken.push(b), taken++, true),
    });
    expect(await runPipelined(pipeline)).toBe(true);
    expect(log.taken).toEqual([...Array(10).keys()]);
    expect(log.mostOut).toBe(3);
  });

  it('throws a failed batch’s error after the others settled, and AbortError on abort', async () => {
    const failing = steps(10, 4);
    const run = failing.pipeline.run;
    failing.pipeline.run = (b) => (b === 2 ? Promise.reject(new Error('pass failed')) : run(b));
    await expect(runPipelined(failing.pipeline)).rejects.toThrow('pass failed');
    expect(failing.log.out).toBe(0);
    const controller = new AbortController();
    const aborted = steps(10, 2, {
      signal: controller.signal,
      take: (b) => (b === 3 && controller.abort(), true),
    });
    await expect(runPipelined(aborted.pipeline)).rejects.toBeInstanceOf(AbortError);
    expect(aborted.log.made.length).toBeLessThanOrEqual(6);
    expect(aborted.log.out).toBe(0);
  });
});
