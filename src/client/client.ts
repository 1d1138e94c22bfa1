import * as Comlink from 'comlink';
import { AbortError, EngineLostError, type EngineLossReason } from '../core/abort';
import type { BackendName } from '../core/kinds';
import type { ModelDescriptor, Pixels } from '../core/modelInfo';
import type { MapMetrics, SufficiencyReading } from '../core/results';
import type { HeatMap } from '../core/results';
import type { MethodId } from '../methods/registry';
import type { CurvesProgress, CurvesRequest, CurvesResult, MethodCall } from '../engine/protocol';
import type { SanityProgress, SanityRequest, SanityResult } from '../engine/protocol';
import type {
  EngineApi,
  EngineStats,
  GradientRequest,
  InitResult,
  JobProgress,
  JobRequest,
  JobResult,
  MapsResult,
  ModelSource,
  PredictionResult,
  RecombineRequest,
  SufficiencyRequest,
  SweepSufficiencyRequest,
  SweepThumb,
} from '../engine/protocol';
import { HostRecombiner } from './hostRecombiner';
import { Watchdog } from './watchdog';

/**
 * The engine as the UI thread sees it. Every call that can be superseded takes an AbortSignal: aborting it rejects
 * the call at once with an AbortError (so a stale result is never seen), drops its progress, and tells the worker to
 * stop the work. When the worker crashes, hangs or loses its GPU context, every call in flight rejects with an
 * EngineLostError and onLost listeners hear why; restart() then starts a fresh worker.
 */
export interface EngineClient {
  init(backend: BackendName, auto: boolean): Promise<InitResult>;
  loadModel(source: ModelSource): Promise<ModelDescriptor>;
  setImage(pixels: Pixels): Promise<PredictionResult>;
  explainGradients(req: GradientRequest, signal: AbortSignal): Promise<MapsResult>;
  recombine(req: RecombineRequest, signal: AbortSignal): Promise<MapsResult>;
  runJob(req: JobRequest, onProgress: (p: JobProgress) => void, signal: AbortSignal): Promise<JobResult>;
  /** the sanity check (cascading weight randomisation); progress stops when the signal fires */
  sanityCheck(req: SanityRequest, onProgress: (p: SanityProgress) => void, signal: AbortSignal): Promise<SanityResult>;
  sufficiency(req: SufficiencyRequest, signal: AbortSignal): Promise<SufficiencyReading>;
  metrics(methods: MethodId[], signal: AbortSignal): Promise<Partial<Record<MethodId, MapMetrics>>>;
  /** Seg-XRes-CAM at every window, from the host copies of A and G (no network run) */
  /** One method's maps over every value of its window setting `key`, from the held A and G (no network run). */
  sweepWindows(call: MethodCall, key: string): Promise<SweepThumb[]>;
  sweepSufficiency(
    req: SweepSufficiencyRequest,
    signal: AbortSignal,
  ): Promise<Pick<SufficiencyReading, 'dice' | 'retained'>[]>;
  /** deletion, insertion and sufficiency curves of the methods' current maps; progress stops when the signal fires */
  curves(req: CurvesRequest, onProgress: (p: CurvesProgress) => void, signal: AbortSignal): Promise<CurvesResult>;
  stats(): Promise<EngineStats>;
  checkGradients(): Promise<number>;
  activeBackend(): Promise<string>;
  onLost(listener: (reason: EngineLossReason, detail: string) => void): () => void;
  /** a fresh worker after a loss: it knows nothing (init, model and image again) */
  restart(): void;
  terminate(): void;
}

/** Wraps a remote call that takes a call id so that it obeys an AbortSignal. */
export function abortable<T>(remote: { abort(call: number): unknown }, nextCall: () => number) {
  return (signal: AbortSignal, run: (call: number) => Promise<T>): Promise<T> => {
    if (signal.aborted) return Promise.reject(new AbortError());
    const call = nextCall();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        void Promise.resolve(remote.abort(call)).catch(() => undefined);
        reject(new AbortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      run(call)
        .then(
          (v) => (signal.aborted ? reject(new AbortError()) : resolve(v)),
          (e: unknown) => reject(signal.aborted ? new AbortError() : e),
        )
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}

export interface EngineOptions {
  /** a worker that answers no ping for this long is taken for hung (ms); a long synchronous op must fit in it */
  hangTimeout?: number;
}

/** One worker's life: its RPC proxy, the calls it owes, and how it ends. */
interface Life {
  worker: Worker;
  api: Comlink.Remote<EngineApi>;
  owed: Set<(e: EngineLostError) => void>;
  watchdog: Watchdog;
  lost: boolean;
}

/** Starts the engine worker. */
export function startEngine(options: EngineOptions = {}): EngineClient & { debug: { killWorker(): void } } {
  const listeners = new Set<(reason: EngineLossReason, detail: string) => void>();
  let call = 0;
  const nextCall = () => ++call;

  const lose = (life: Life, reason: EngineLossReason, detail: string) => {
    if (life.lost) return;
    life.lost = true;
    life.watchdog.stop();
    life.worker.terminate();
    life.owed.forEach((reject) => reject(new EngineLostError(reason, detail)));
    life.owed.clear();
    listeners.forEach((l) => l(reason, detail));
  };

  const spawn = (): Life => {
    const worker = new Worker(new URL('../engine/engine.worker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<EngineApi>(worker);
    const life: Life = {
      worker,
      api,
      owed: new Set(),
      lost: false,
      watchdog: new Watchdog(
        () => api.ping(),
        options.hangTimeout ?? 45_000,
        (silentMs) => lose(life, 'hung', `no answer for ${Math.round(silentMs / 1000)} s`),
      ),
    };
    worker.addEventListener('error', (e) => lose(life, 'crashed', e.message || 'the worker stopped with an error'));
    worker.addEventListener('messageerror', () => lose(life, 'crashed', 'a message could not be read'));
    return life;
  };

  let life = spawn();
  /** Runs a remote call on the current worker; if that worker is lost first, the call rejects with EngineLostError. */
  const via = <T>(run: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> => {
    const current = life;
    if (current.lost) return Promise.reject(new EngineLostError('crashed', 'restart the engine first'));
    return new Promise<T>((resolve, reject) => {
      current.owed.add(reject);
      run(current.api)
        .then(resolve, reject)
        .finally(() => current.owed.delete(reject));
    });
  };
  // Slider changes recombine host copies of A and G right here, off the tfjs worker (a RISE batch may be running).
  const host = new HostRecombiner();
  const keepHost = (r: MapsResult, signal: AbortSignal): MapsResult => {
    const size = Object.values(r.maps)[0]?.size;
    if (!r.tensors) return r;
    const { tensors, ...rest } = r;
    if (size && !signal.aborted) host.hold(tensors, size, r.target);
    return rest;
  };
  /** Recombines on this thread when it can; the engine adopts copies of the maps so sufficiency reads what is shown. */
  const recombineOnHost = (req: RecombineRequest): MapsResult | null => {
    const r = host.combine(req.methods);
    if (!r) return null;
    const copies = Object.fromEntries(
      Object.entries(r.maps).map(([id, m]) => [id, { ...m, data: (m as HeatMap).data.slice() }]),
    ) as Partial<Record<MethodId, HeatMap>>;
    void via((api) =>
      api.adoptMaps(
        Comlink.transfer(
          copies,
          Object.values(copies).map((m) => (m as HeatMap).data.buffer),
        ),
      ),
    ).catch(() => undefined);
    return r;
  };
  const remoteAbort = { abort: (c: number) => (life.lost ? undefined : life.api.abort(c)) };
  const guard = <T>(signal: AbortSignal, run: (call: number) => Promise<T>) =>
    abortable<T>(remoteAbort, nextCall)(signal, run);

  return {
    init: (backend, auto) => {
      const current = life;
      const onGpuLost = Comlink.proxy((detail: string) => lose(current, 'gpu-lost', detail));
      return via((api) => api.init(backend, auto, onGpuLost));
    },
    loadModel: (source) => {
      host.forget();
      return via((api) => api.loadModel(source));
    },
    setImage: (pixels) => {
      host.forget();
      return via((api) => api.setImage(pixels));
    },
    explainGradients: (req, signal) =>
      guard(signal, (c) => via((api) => api.explainGradients(c, req)).then((r) => keepHost(r, signal))),
    recombine: (req, signal) => guard(signal, async (c) => recombineOnHost(req) ?? via((api) => api.recombine(c, req))),
    runJob: (req, onProgress, signal) =>
      guard(signal, (c) =>
        via((api) =>
          api.runJob(
            c,
            req,
            Comlink.proxy((p: JobProgress) => !signal.aborted && onProgress(p)),
          ),
        ),
      ),
    sanityCheck: (req, onProgress, signal) =>
      guard(signal, (c) =>
        via((api) =>
          api.sanityCheck(
            c,
            req,
            Comlink.proxy((p: SanityProgress) => !signal.aborted && onProgress(p)),
          ),
        ),
      ),
    sufficiency: (req, signal) => guard(signal, (c) => via((api) => api.sufficiency(c, req))),
    metrics: (methods, signal) => guard(signal, () => via((api) => api.metrics(methods))),
    sweepWindows: async (call, key) => {
      const thumbs = host.sweep(call, key);
      if (!thumbs) throw new Error('Nothing to sweep yet: explain a region first.');
      return thumbs;
    },
    sweepSufficiency: (req, signal) => guard(signal, (c) => via((api) => api.sweepSufficiency(c, req))),
    curves: (req, onProgress, signal) =>
      guard(signal, (c) =>
        via((api) =>
          api.curves(
            c,
            req,
            Comlink.proxy((p: CurvesProgress) => !signal.aborted && onProgress(p)),
          ),
        ),
      ),
    stats: () => via((api) => api.stats()),
    checkGradients: () => via((api) => api.checkGradients()),
    activeBackend: () => via((api) => api.activeBackend()),
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
      life.worker.terminate();
    },
    // For the crash e2e: the worker dies without the client being told, as a real crash would.
    debug: { killWorker: () => life.worker.terminate() },
  };
}
