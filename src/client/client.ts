import * as Comlink from 'comlink';
import { AbortError, EngineLostError, type EngineLossReason } from '../core/abort';
import type { HeatMap } from '../core/results';
import type { MethodId } from '../methods/registry';
import {
  CANCELLABLE_CALLS,
  JOB_CALLS,
  PLAIN_CALLS,
  WORKER_EVENT,
  type Async,
  type EngineApi,
  type MapsResult,
  type MethodCall,
  type RecombineRequest,
  type SweepThumb,
  type Wire,
  type WorkerEvent,
} from '../engine/protocol';
import { yieldTask } from '../core/yieldTask';
import { abortable } from './abortable';
import { onDeath } from './deathNotice';
import { HostRecombiner } from './hostRecombiner';
import { Watchdog, WATCHDOG_TIMES, type CallKind, type WatchdogTimes } from './watchdog';

export { abortable } from './abortable';

/**
 * The engine as the UI thread sees it: the engine's interface (engine/protocol.ts), every call asynchronous, plus
 * what lives on this thread. Every call that can be superseded takes an AbortSignal: aborting it rejects the call at
 * once with an AbortError (so a stale result is never seen), drops its progress, and tells the worker to stop the
 * work. When the worker crashes, hangs or loses its GPU context, every call in flight rejects with an
 * EngineLostError and onLost listeners hear why; restart() then starts a fresh worker.
 */
export interface EngineClient extends Async<Omit<EngineApi, 'adoptMaps' | 'holdJobs'>> {
  /**
   * The maps for new settings from the held A and G, in plain JS on this thread and at once (no promise: the caller
   * can show them in the same task as the input); null when this thread cannot (then `recombine` asks the worker).
   */
  recombineNow?(req: RecombineRequest): MapsResult | null;
  /** One method's maps over every value of its window setting `key`, from the held A and G (no network run). */
  sweepWindows(call: MethodCall, key: string): Promise<SweepThumb[]>;
  onLost(listener: (reason: EngineLossReason, detail: string) => void): () => void;
  /** a fresh worker after a loss (or for a clean start): it knows nothing (init, model and image again) */
  restart(): void;
  terminate(): void;
}

export interface EngineOptions {
  /** how long a silent worker is given (tests shorten them) */
  watchdog?: Partial<WatchdogTimes>;
}

type Remote = Comlink.Remote<Wire<EngineApi>>;
type AnyCall = (...args: unknown[]) => Promise<unknown>;

/**
 * How long the worker's jobs hold their batches after a setting recombined on this thread (ms): longer than the gap
 * between a held arrow key's or a dragged slider's steps, short enough that RISE goes on at once when the user stops.
 */
const INTERACTION_HOLD_MS = 300;

/** One worker's life: its RPC proxy, the calls it owes, and how it ends. */
interface Life {
  worker: Worker;
  api: Remote;
  owed: Set<(e: EngineLostError) => void>;
  watchdog: Watchdog;
  stopDeathNotice: () => void;
  lost: boolean;
}

const isJob = (name: string) => (JOB_CALLS as readonly string[]).includes(name);

/** Starts the engine worker. */
export function startEngine(options: EngineOptions = {}): EngineClient & { debug: { killWorker(): void } } {
  const listeners = new Set<(reason: EngineLossReason, detail: string) => void>();
  let call = 0;
  const nextCall = () => ++call;
  const times = { ...WATCHDOG_TIMES, ...options.watchdog };

  const lose = (life: Life, reason: EngineLossReason, detail: string) => {
    if (life.lost) return;
    life.lost = true;
    life.watchdog.stop();
    life.stopDeathNotice();
    life.worker.terminate();
    life.owed.forEach((reject) => reject(new EngineLostError(reason, detail)));
    life.owed.clear();
    listeners.forEach((l) => l(reason, detail));
  };

  const spawn = (): Life => {
    const worker = new Worker(new URL('../engine/engine.worker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<Wire<EngineApi>>(worker);
    const life: Life = {
      worker,
      api,
      owed: new Set(),
      lost: false,
      stopDeathNotice: () => undefined,
      watchdog: new Watchdog(
        () => api.ping(),
        (silentMs) => lose(life, 'hung', `no answer for ${(silentMs / 1000).toFixed(1)} s`),
        times,
      ),
    };
    worker.addEventListener('message', (e: MessageEvent) => {
      const event = (e.data as Record<string, WorkerEvent | undefined> | null)?.[WORKER_EVENT];
      // Every message is a sign of life; a job's heartbeat also says how long its batch took.
      life.watchdog.alive(event?.kind === 'beat' ? event.batchMs : null, event?.kind === 'beat' && event.longer);
      if (event?.kind === 'gpu-lost') lose(life, 'gpu-lost', event.detail);
      if (event?.kind === 'holding')
        life.stopDeathNotice = onDeath(event.lock, () => lose(life, 'crashed', 'the worker stopped'));
    });
    worker.addEventListener('error', (e) => lose(life, 'crashed', e.message || 'the worker stopped with an error'));
    worker.addEventListener('messageerror', () => lose(life, 'crashed', 'a message could not be read'));
    return life;
  };

  let life = spawn();
  /** Maps recombined on this thread that the worker has not been sent yet (see recombineOnHost). */
  let unsent: Partial<Record<MethodId, HeatMap>> | null = null;
  /** Runs a remote call on the current worker; if that worker is lost first, the call rejects with EngineLostError. */
  const via = <T>(kind: CallKind, run: (api: Remote) => Promise<T>): Promise<T> => {
    sendAdopted(); // the worker knows every map on screen before any later call reads one
    const current = life;
    if (current.lost) return Promise.reject(new EngineLostError('crashed', 'restart the engine first'));
    const done = current.watchdog.busy(kind);
    return new Promise<T>((resolve, reject) => {
      current.owed.add(reject);
      run(current.api)
        .then(resolve, reject)
        .finally(() => {
          done();
          current.owed.delete(reject);
        });
    });
  };
  const remoteAbort = { abort: (c: number) => (life.lost ? undefined : life.api.abort(c)) };
  const guard = <T>(signal: AbortSignal, run: (call: number) => Promise<T>) =>
    abortable<T>(remoteAbort, nextCall)(signal, run);

  // Every call of the engine's interface, made from the lists in protocol.ts: a signal becomes a call id, a progress
  // callback a proxy that falls silent once the signal fires.
  const calls: Record<string, AnyCall> = {};
  for (const name of CANCELLABLE_CALLS) {
    calls[name] = (...args) => {
      const signal = args.pop() as AbortSignal;
      const wired = args.map((a) =>
        typeof a === 'function' ? Comlink.proxy((p: unknown) => !signal.aborted && (a as (p: unknown) => void)(p)) : a,
      );
      return guard(signal, (c) => via(isJob(name) ? 'job' : 'op', (api) => (api[name] as AnyCall)(c, ...wired)));
    };
  }
  for (const name of PLAIN_CALLS) calls[name] = (...args) => via('op', (api) => (api[name] as AnyCall)(...args));
  const engine = calls as unknown as Async<EngineApi>;
  // adoptMaps and holdJobs are this client's own business (below); the other calls go out as they are, but for the
  // few wrapped here.
  const { adoptMaps, holdJobs, ...calledAsIs } = engine;

  // Slider changes recombine host copies of A and G right here, off the tfjs worker (a RISE batch may be running).
  const host = new HostRecombiner();
  const keepHost = (r: MapsResult, signal: AbortSignal): MapsResult => {
    const size = Object.values(r.maps)[0]?.size;
    if (!r.tensors) return r;
    const { tensors, ...rest } = r;
    if (size && !signal.aborted) host.hold(tensors, size, r.target);
    return rest;
  };
  /** Sends the worker copies of the maps recombined here, if any are unsent. */
  const sendAdopted = () => {
    const maps = unsent;
    if (!maps) return;
    unsent = null;
    const copies = Object.fromEntries(
      Object.entries(maps).map(([id, m]) => [id, { ...m, data: (m as HeatMap).data.slice() }]),
    ) as Partial<Record<MethodId, HeatMap>>;
    const moved = Object.values(copies).map((m) => (m as HeatMap).data.buffer);
    void adoptMaps(Comlink.transfer(copies, moved)).catch(() => undefined);
  };
  /**
   * Recombines on this thread when it can; the engine adopts copies of the maps so sufficiency reads what is shown.
   * They are sent after this task (the input's: its map paints first) or before the next call, whichever comes first.
   */
  const recombineOnHost = (req: RecombineRequest): MapsResult | null => {
    const r = host.combine(req.methods);
    if (!r) return null;
    unsent = { ...unsent, ...r.maps };
    void yieldTask().then(() => {
      sendAdopted();
      // A slider is moving: the worker's job batches wait a little, so the next steps' frames get a core of their own.
      void holdJobs(INTERACTION_HOLD_MS).catch(() => undefined);
    });
    return r;
  };

  return {
    ...calledAsIs,
    loadModel: (source) => {
      host.forget();
      return engine.loadModel(source);
    },
    setImage: (pixels) => {
      host.forget();
      return engine.setImage(pixels);
    },
    explainGradients: (req, signal) => engine.explainGradients(req, signal).then((r) => keepHost(r, signal)),
    recombineNow: recombineOnHost,
    recombine: (req, signal) => {
      if (signal.aborted) return Promise.reject(new AbortError());
      const r = recombineOnHost(req);
      return r ? Promise.resolve(r) : engine.recombine(req, signal);
    },
    sweepWindows: async (call, key) => {
      const thumbs = host.sweep(call, key);
      if (!thumbs) throw new Error('Nothing to sweep yet: explain a region first.');
      return thumbs;
    },
    onLost: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restart: () => {
      if (!life.lost) lose(life, 'crashed', 'restarted');
      host.forget();
      life = spawn();
    },
    terminate: () => {
      life.lost = true;
      life.watchdog.stop();
      life.stopDeathNotice();
      life.worker.terminate();
    },
    // For the crash e2e: the worker dies without the client being told, as a real crash would.
    debug: { killWorker: () => life.worker.terminate() },
  };
}
