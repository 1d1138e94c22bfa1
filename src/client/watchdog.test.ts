import { afterEach, describe, expect, it, vi } from 'vitest';
import { Watchdog } from './watchdog';

afterEach(() => vi.useRealTimers());

describe('Watchdog', () => {
  it('stays quiet while pings are answered, and reports a worker that stops answering', async () => {
    vi.useFakeTimers();
    let answering = true;
    const silent: number[] = [];
    const dog = new Watchdog(
      () => (answering ? Promise.resolve() : new Promise(() => undefined)),
      1000,
      (ms) => silent.push(ms),
      100,
      () => Date.now(),
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(silent).toEqual([]);
    answering = false;
    await vi.advanceTimersByTimeAsync(900);
    expect(silent).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(silent).toHaveLength(1);
    expect(silent[0]).toBeGreaterThan(1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(silent).toHaveLength(1); // reported once, then stopped
    dog.stop();
  });
});
