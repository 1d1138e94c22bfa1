import * as Comlink from 'comlink';
import { CANCELLABLE_CALLS, PLAIN_CALLS, type EngineApi, type Wire } from './protocol';

/** Calls whose results' typed arrays are moved to the UI thread, not copied (the engine keeps its own copies). */
const MOVED: ReadonlySet<keyof EngineApi> = new Set([
  'explainGradients',
  'recombine',
  'runJob',
  'sufficiency',
  'sanityCheck',
  'layerSweep',
]);

/** The buffers of every typed array in a result (plain objects and arrays, as results are). */
export function buffersOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) buffersOf(v, found);
  }
  return [...found];
}

/**
 * The worker's side of the wire, made from the engine's interface and the lists of calls in protocol.ts: each
 * cancellable call takes the client's call id first and gets an AbortSignal that abort(call) fires; the others
 * pass through. ping answers at once (the client's watchdog asks it when no job is running).
 */
export function wire(local: EngineApi): Wire<EngineApi> {
  const calls = new Map<number, AbortController>();
  const remote: Record<string, unknown> = {
    abort: (call: number) => calls.get(call)?.abort(),
    ping: () => true,
  };
  for (const name of CANCELLABLE_CALLS) {
    const run = local[name].bind(local) as (...a: unknown[]) => Promise<unknown>;
    remote[name] = async (call: number, ...args: unknown[]) => {
      const ctrl = new AbortController();
      calls.set(call, ctrl);
      try {
        const result = await run(...args, ctrl.signal);
        return MOVED.has(name) ? Comlink.transfer(result, buffersOf(result)) : result;
      } finally {
        calls.delete(call);
      }
    };
  }
  for (const name of PLAIN_CALLS) remote[name] = local[name].bind(local);
  return remote as Wire<EngineApi>;
}
