import { describe, expect, it } from 'vitest';
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
});
