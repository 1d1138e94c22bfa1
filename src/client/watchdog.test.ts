import { afterEach, describe, expect, it, vi } from 'vitest';
import { Watchdog, WATCHDOG_TIMES } from './watchdog';

afterEach(() => vi.useRealTimers());

/** A watchdog on fake timers whose worker answers pings while `answering` is true. */
function setup(times = WATCHDOG_TIMES) {
  vi.useFakeTimers();
  const worker = { answering: true };
  const silent: number[] = [];
  const dog = new Watchdog(
    () => (worker.answering ? Promise.resolve() : new Promise(() => undefined)),
    (ms) => silent.push(ms),
    times,
    () => Date.now(),
  );
  return { worker, silent, dog };
}

describe('Watchdog', () => {
  it('stays quiet while pings are answered, and reports a worker that stops answering', async () => {
    const { worker, silent, dog } = setup({ ...WATCHDOG_TIMES, timeout: 1000, interval: 100 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(silent).toEqual([]);
    worker.answering = false;
    await vi.advanceTimersByTimeAsync(900);
    expect(silent).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(silent).toHaveLength(1);
    expect(silent[0]).toBeGreaterThan(1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(silent).toHaveLength(1); // reported once, then stopped
    dog.stop();
  });

  it('notices a worker that dies mid-job within 5 s, by its missing heartbeats (not after 45 s)', async () => {
    const { worker, silent, dog } = setup();
    const done = dog.busy('job');
    worker.answering = false; // pings wait behind the batches
    for (let t = 0; t < 60_000; t += 200) {
      dog.alive(150); // a beat between batches: the last one took 150 ms
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(silent).toEqual([]);
    // The worker dies: no more beats.
    await vi.advanceTimersByTimeAsync(5000);
    expect(silent).toHaveLength(1);
    expect(silent[0]).toBeLessThanOrEqual(5000);
    done();
    dog.stop();
  });

  it('an idle worker answers a ping at once: silence is death within 5 s', async () => {
    const { worker, silent, dog } = setup();
    await vi.advanceTimersByTimeAsync(3000);
    worker.answering = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(silent).toHaveLength(1);
    dog.stop();
  });

  it("does not take an idle worker for dead when the page's timers are throttled (a hidden tab)", async () => {
    const { silent, dog } = setup({ ...WATCHDOG_TIMES, interval: 60_000 });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(silent).toEqual([]);
    dog.stop();
  });

  it('gives a job with long batches (a slow backend) a few times its longest batch, then reports it', async () => {
    const { worker, silent, dog } = setup();
    const done = dog.busy('job');
    worker.answering = false;
    for (let i = 0; i < 5; i++) {
      dog.alive(6000); // each batch takes 6 s: no answer in between
      await vi.advanceTimersByTimeAsync(6000);
    }
    expect(silent).toEqual([]);
    await vi.advanceTimersByTimeAsync(3 * 6000 + 1000);
    expect(silent).toHaveLength(1);
    done();
    dog.stop();
  });

  it("gives a single long op (and a job's first, untimed batch) the long-op time, then reports a hang", async () => {
    const { worker, silent, dog } = setup();
    const op = dog.busy('op');
    worker.answering = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(silent).toEqual([]);
    op();
    dog.alive(); // the op's answer
    const job = dog.busy('job');
    dog.alive(null); // the job's first checkpoint: no batch time yet
    await vi.advanceTimersByTimeAsync(30_000);
    expect(silent).toEqual([]);
    await vi.advanceTimersByTimeAsync(WATCHDOG_TIMES.longOp);
    expect(silent).toHaveLength(1);
    job();
    dog.stop();
  });
});
