// Test helper: an EngineClient (the type mapped from the engine's interface) whose answers the test releases by hand,
// with the real client's abort behaviour.
import { EngineLostError, type EngineLossReason } from '../../src/core/abort';
import type { ModelDescriptor } from '../../src/core/modelInfo';
import type { HeatMap } from '../../src/core/results';
import { abortable } from '../../src/client/abortable';
import type { EngineClient } from '../../src/client/client';
import type { CANCELLABLE_CALLS, JobProgress } from '../../src/engine/protocol';

export interface Pending {
  /** the engine's cancellable calls (engine/protocol.ts): the fake holds each until the test answers it */
  method: (typeof CANCELLABLE_CALLS)[number];
  req: unknown;
  signal: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  resolve(value: unknown): void;
  reject(e: unknown): void;
}

export const map = (v: number): HeatMap => ({ data: Float32Array.from([v, v, v, v]), size: [2, 2], positive: true });

export const FAKE_MODEL: ModelDescriptor = {
  id: 'fake',
  title: 'Fake',
  inputSize: [2, 2],
  outputSize: [2, 2],
  outputKind: 'softmax',
  classes: [
    { name: 'background', color: '#000' },
    { name: 'thing', color: '#f00' },
  ],
  layers: [
    { name: 'deep', shape: [12, 12, 8] },
    { name: 'bottleneck', shape: [6, 6, 16] },
  ],
  defaultLayer: 'deep',
  bottleneck: 'bottleneck',
};

export class FakeEngine implements EngineClient {
  readonly pending: Pending[] = [];
  readonly aborted: number[] = [];
  model: ModelDescriptor = FAKE_MODEL;
  private call = 0;
  private readonly guard = abortable<unknown>({ abort: (c: number) => void this.aborted.push(c) }, () => ++this.call);

  private defer<T>(
    method: Pending['method'],
    req: unknown,
    signal: AbortSignal,
    onProgress?: (p: JobProgress) => void,
  ): Promise<T> {
    return this.guard(
      signal,
      () =>
        new Promise((resolve, reject) =>
          this.pending.push({ method, req, signal, resolve, reject, ...(onProgress ? { onProgress } : {}) }),
        ),
    ) as Promise<T>;
  }

  /** Calls of one method so far, in order. */
  calls(method: Pending['method']): Pending[] {
    return this.pending.filter((p) => p.method === method);
  }

  readonly inits: { backend: string; auto: boolean }[] = [];
  softwareRenderer: string | null = null;
  init: EngineClient['init'] = async (backend, auto) => {
    this.inits.push({ backend, auto });
    return this.softwareRenderer && auto && backend === 'webgl'
      ? { backend: 'wasm', fallbackReason: 'software', softwareRenderer: this.softwareRenderer }
      : { backend: backend === 'cpu' ? 'cpu' : backend === 'webgl' ? 'webgl' : 'wasm' };
  };
  loadModel: EngineClient['loadModel'] = async () => this.model;
  setImage: EngineClient['setImage'] = async () => ({
    labels: new Uint8Array(4).fill(1),
    size: [2, 2] as [number, number],
  });
  explainGradients: EngineClient['explainGradients'] = (req, signal) => this.defer('explainGradients', req, signal);
  /** set by a test to recombine on the UI thread, as the real client does */
  recombineNow?: EngineClient['recombineNow'];
  recombine: EngineClient['recombine'] = (req, signal) => this.defer('recombine', req, signal);
  runJob: EngineClient['runJob'] = (req, onProgress, signal) => this.defer('runJob', req, signal, onProgress);
  sufficiency: EngineClient['sufficiency'] = (req, signal) => this.defer('sufficiency', req, signal);
  sweepWindows: EngineClient['sweepWindows'] = async () =>
    [0, 1].map((window) => ({ window, map: map(window), mass: window }));
  sweepSufficiency: EngineClient['sweepSufficiency'] = (req, signal) => this.defer('sweepSufficiency', req, signal);
  // Its onProgress takes a CurvesProgress (tests cast the pending call's onProgress).
  curves: EngineClient['curves'] = (req, onProgress, signal) => this.defer('curves', req, signal, onProgress as never);
  // Its onProgress takes a SanityProgress (tests cast the pending call's onProgress).
  sanityCheck: EngineClient['sanityCheck'] = (req, onProgress, signal) =>
    this.defer('sanityCheck', req, signal, onProgress as never);
  // Its onProgress takes a RobustnessProgress (tests cast the pending call's onProgress).
  robustness: EngineClient['robustness'] = (req, onProgress, signal) =>
    this.defer('robustness', req, signal, onProgress as never);
  // Its onProgress takes a LayerSweepProgress (tests cast the pending call's onProgress).
  layerSweep: EngineClient['layerSweep'] = (req, onProgress, signal) =>
    this.defer('layerSweep', req, signal, onProgress as never);
  stats = async () => ({ prediction: 0, activation: 0, gradient: 0, sufficiency: 0 });
  checkGradients = async () => 0;
  activeBackend = async () => 'wasm';
  terminate = () => undefined;

  private readonly lostListeners = new Set<(reason: EngineLossReason, detail: string) => void>();
  restarts = 0;
  onLost: EngineClient['onLost'] = (listener) => {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  };
  private lost = false;
  /** As the real client: restarting a live worker loses it first (its calls reject, listeners hear it). */
  restart = () => {
    if (!this.lost) this.lose('crashed', 'restarted');
    this.lost = false;
    this.restarts++;
  };
  /** The worker dies: every call in flight rejects with EngineLostError, and listeners hear why. */
  lose(reason: EngineLossReason, detail = 'test'): void {
    this.lost = true;
    this.pending.splice(0).forEach((p) => p.reject(new EngineLostError(reason, detail)));
    this.lostListeners.forEach((l) => l(reason, detail));
  }
}

/** Lets promise callbacks run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
