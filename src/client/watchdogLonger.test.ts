import { afterEach, describe, expect, it, vi } from 'vitest';
import { Watchdog, WATCHDOG_TIMES } from './watchdog';

afterEach(() => vi.useRealTimers());

/** A job that beats every 200 ms (150 ms batches), then runs one 20 s batch, told ahead or not. */
async function longBatch(toldAhead: boolean): Promise<number[]> {
  vi.useFakeTimers();
  const silent: number[] = [];
  const dog = new Watchdog(
    () => new Promise(() => undefined), // pings wait behind the batches
    (ms) => silent.push(ms),
    WATCHDOG_TIMES,
    () => Date.now(),
  );
  const done = dog.busy('job');
  for (let t = 0; t < 2000; t += 200) {
    dog.alive(150);
    await vi.advanceTimersByTimeAsync(200);
  }
  dog.alive(150, toldAhead); // MiSuRe's first backward pass after forward-only batches
  await vi.advanceTimersByTimeAsync(20_000);
  dog.alive(20_000);
  done();
  dog.stop();
  return silent;
}

describe('Watchdog and a batch told to be longer', () => {
  it('gives it a long op’s time (45 s) instead of 3 × the batches before', async () => {
    expect(await longBatch(true)).toEqual([]);
  });
  it('without the warning the same batch reads as a hung worker (what MiSuRe hit on an ONNX model)', async () => {
    expect(await longBatch(false)).toHaveLength(1);
  });
});
