import { afterEach, describe, expect, it, vi } from 'vitest';
import { PriorityGate } from './priorityGate';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PriorityGate', () => {
  it('holds job batches while an urgent request runs and releases them when the last one ends', async () => {
    const gate = new PriorityGate();
    let finishFirst!: () => void;
    let finishSecond!: () => void;
    const first = gate.urgently(() => new Promise<void>((r) => (finishFirst = r)));
    const second = gate.urgently(() => new Promise<void>((r) => (finishSecond = r)));
    let released = false;
    void gate.clear().then(() => (released = true));
    await tick();
    expect(released).toBe(false);
    finishFirst();
    await first;
    await tick();
    expect(released).toBe(false);
    finishSecond();
    await second;
    await tick();
    expect(released).toBe(true);
    expect(gate.busy).toBe(false);
  });

  it('is clear at once when nothing is urgent, and a failing request still releases', async () => {
    const gate = new PriorityGate();
    await gate.clear();
    await expect(gate.urgently(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.busy).toBe(false);
    await gate.clear();
  });

  describe('a hold (the user is moving a slider)', () => {
    afterEach(() => vi.useRealTimers());
    const held = () => {
      vi.useFakeTimers();
      const gate = new PriorityGate(() => Date.now());
      let released = false;
      return { gate, released: () => released, wait: () => void gate.clear().then(() => (released = true)) };
    };

    it('holds job batches until it ends, and a later hold extends it', async () => {
      const { gate, released, wait } = held();
      gate.hold(300);
      wait();
      await vi.advanceTimersByTimeAsync(200);
      expect(released()).toBe(false);
      gate.hold(300); // a step 200 ms later: held until 500
      await vi.advanceTimersByTimeAsync(250);
      expect(released()).toBe(false);
      expect(gate.busy).toBe(true);
      await vi.advanceTimersByTimeAsync(60);
      expect(released()).toBe(true);
      expect(gate.busy).toBe(false);
    });

    it('a shorter hold does not cut a longer one short', async () => {
      const { gate, released, wait } = held();
      gate.hold(300);
      gate.hold(10);
      wait();
      await vi.advanceTimersByTimeAsync(100);
      expect(released()).toBe(false);
      await vi.advanceTimersByTimeAsync(210);
      expect(released()).toBe(true);
    });

    it('an urgent request ending in a hold does not release the jobs early, nor does the hold outlast it', async () => {
      const { gate, released, wait } = held();
      let finish!: () => void;
      const urgent = gate.urgently(() => new Promise<void>((r) => (finish = r)));
      gate.hold(100);
      wait();
      finish();
      await urgent;
      await vi.advanceTimersByTimeAsync(50);
      expect(released()).toBe(false);
      await vi.advanceTimersByTimeAsync(60);
      expect(released()).toBe(true);
      // A hold that ended long ago holds nothing.
      await gate.clear();
    });
  });
});
