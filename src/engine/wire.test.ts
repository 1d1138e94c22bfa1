import { describe, expect, it } from 'vitest';
import { CANCELLABLE_CALLS, PLAIN_CALLS, type EngineApi } from './protocol';
import { buffersOf, wire } from './wire';

/** An engine whose every call records its arguments; cancellable ones wait for their signal. */
function recorder() {
  const seen: Record<string, unknown[]> = {};
  const local = Object.fromEntries(
    [...CANCELLABLE_CALLS, ...PLAIN_CALLS].map((name) => [
      name,
      (...args: unknown[]) => {
        seen[name] = args;
        const signal = args.at(-1);
        if (!(signal instanceof AbortSignal)) return name;
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    ]),
  ) as unknown as EngineApi;
  return { seen, remote: wire(local) };
}

describe('the worker adapter made from the list of calls', () => {
  it('gives each cancellable call the call id first and a signal last, which abort(call) fires', async () => {
    const { seen, remote } = recorder();
    const progress = () => undefined;
    const run = remote.runJob(7, { layer: 'x' } as never, progress);
    expect(seen.runJob?.slice(0, 2)).toEqual([{ layer: 'x' }, progress]);
    const signal = seen.runJob?.[2] as AbortSignal;
    expect(signal.aborted).toBe(false);
    remote.abort(8); // another call's id: nothing
    expect(signal.aborted).toBe(false);
    remote.abort(7);
    expect(signal.aborted).toBe(true);
    await expect(run).rejects.toThrow('aborted');
  });

  it('passes the other calls through, and answers ping at once', () => {
    const { seen, remote } = recorder();
    expect(remote.activeBackend()).toBe('activeBackend');
    expect(remote.init('wasm', false)).toBe('init');
    expect(seen.init).toEqual(['wasm', false]);
    expect(remote.ping()).toBe(true);
  });

  it("finds every typed array's buffer in a result, once", () => {
    const a = new Float32Array(4);
    const b = new Uint8Array(2);
    const result = { maps: { x: { data: a }, y: { data: a } }, target: { mask: b, n: 3, ring: null } };
    expect(buffersOf(result)).toEqual([a.buffer, b.buffer]);
  });
});
