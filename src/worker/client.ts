import * as Comlink from 'comlink';
import { AbortError } from '../core/abort';
import type { BackendName } from '../core/kinds';
import type { ModelDescriptor, Pixels } from '../core/modelInfo';
import type { SufficiencyReading } from '../core/results';
import type {
  EngineApi, EngineStats, GradientRequest, InitResult, JobProgress, JobRequest, JobResult, MapsResult, ModelSource,
  PredictionResult, RecombineRequest, SufficiencyRequest,
} from './protocol';

/**
 * The engine as the UI thread sees it. Every call that can be superseded takes an AbortSignal: aborting it rejects
 * the call at once with an AbortError (so a stale result is never seen), drops its progress, and tells the worker to
 * stop the work.
 */
export interface EngineClient {
  init(backend: BackendName, auto: boolean): Promise<InitResult>;
  loadModel(source: ModelSource): Promise<ModelDescriptor>;
  setImage(pixels: Pixels): Promise<PredictionResult>;
  explainGradients(req: GradientRequest, signal: AbortSignal): Promise<MapsResult>;
  recombine(req: RecombineRequest, signal: AbortSignal): Promise<MapsResult>;
  runJob(req: JobRequest, onProgress: (p: JobProgress) => void, signal: AbortSignal): Promise<JobResult>;
  sufficiency(req: SufficiencyRequest, signal: AbortSignal): Promise<SufficiencyReading>;
  stats(): Promise<EngineStats>;
  checkGradients(): Promise<number>;
  activeBackend(): Promise<string>;
  terminate(): void;
}

/** Wraps a remote call that takes a call id so that it obeys an AbortSignal. */
export function abortable<T>(remote: { abort(call: number): unknown }, nextCall: () => number) {
  return (signal: AbortSignal, run: (call: number) => Promise<T>): Promise<T> => {
    if (signal.aborted) return Promise.reject(new AbortError());
    const call = nextCall();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        void remote.abort(call);
        reject(new AbortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      run(call).then(
        (v) => (signal.aborted ? reject(new AbortError()) : resolve(v)),
        (e: unknown) => reject(signal.aborted ? new AbortError() : e),
      ).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}

/** Starts the engine worker. */
export function startEngine(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<EngineApi>(worker);
  let call = 0;
  const nextCall = () => ++call;
  const guard = <T>(signal: AbortSignal, run: (call: number) => Promise<T>) => abortable<T>(api, nextCall)(signal, run);
  return {
    init: (backend, auto) => api.init(backend, auto),
    loadModel: (source) => api.loadModel(source),
    setImage: (pixels) => api.setImage(pixels),
    explainGradients: (req, signal) => guard(signal, (c) => api.explainGradients(c, req)),
    recombine: (req, signal) => guard(signal, (c) => api.recombine(c, req)),
    runJob: (req, onProgress, signal) =>
      guard(signal, (c) => api.runJob(c, req, Comlink.proxy((p: JobProgress) => !signal.aborted && onProgress(p)))),
    sufficiency: (req, signal) => guard(signal, (c) => api.sufficiency(c, req)),
    stats: () => api.stats(),
    checkGradients: () => api.checkGradients(),
    activeBackend: () => api.activeBackend(),
    terminate: () => worker.terminate(),
  };
}
