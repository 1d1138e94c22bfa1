// The typed contract between the UI thread and the engine worker: types and call names only, no tfjs here.
import type { BackendName, BaselineKind, WasmThreads } from '../core/kinds';
import type { CustomModelOptions, ModelDescriptor, Pixels } from '../core/modelInfo';
import type { JobExtent, SufficientRegions } from '../core/method';
import type { Region } from '../regions/registry';
import type { ExplainedTarget, HeatMap, SufficiencyReading } from '../core/results';
import type { ControlCurves, ControlsRequest } from '../core/controls';
import type { MethodCurves } from '../core/faithfulness';
import type { MethodId, MethodSettings } from '../methods/registry';
import type { LayerSweepProgress, LayerSweepRequest, LayerSweepResult, SweepSufficiencyRequest } from './sweepTypes';
import type { EngineStats } from './statsTypes';
import type { SanityProgress, SanityRequest, SanityResult } from './sanityTypes';
import type { RobustnessProgress as RobProgress, RobustnessRequest, RobustnessResult } from './robustnessTypes';

export type * from './sweepTypes';
export type * from './sanityTypes';

/** Where a model comes from: bundled with the app, a URL, or files the user chose. */
export type ModelSource =
  | { kind: 'bundled'; id: string }
  | { kind: 'url'; url: string; options: CustomModelOptions }
  | { kind: 'files'; files: { name: string; bytes: ArrayBuffer }[]; options: CustomModelOptions };

export interface InitResult {
  backend: BackendName;
  /** why the requested backend was not used, if it was not */
  fallbackReason?: string;
  /** the renderer string when WebGL was passed over because it is software */
  softwareRenderer?: string;
  /** the active GPU backend's renderer or adapter name (webgl, webgpu) */
  renderer?: string;
  /** true when the active GPU backend is emulated on the CPU (SwiftShader, llvmpipe…): slow */
  software?: boolean;
  /** wasm only: the threads it runs on, and whether the page is cross-origin isolated (needed for more than one) */
  threads?: WasmThreads;
}

export interface PredictionResult {
  /** argmax labels on the output grid */
  labels: Uint8Array;
  size: [number, number];
}

/** One method with its settings, as the engine runs it. */
export type MethodCall = { [Id in MethodId]: { id: Id; settings: MethodSettings[Id] } }[MethodId];

export interface TargetRequest {
  region: Region;
  /** null = the class predicted at the region */
  classIndex: number | null;
}

/** The gradient methods at one layer: one backward pass, shared by every method listed. */
export interface GradientRequest extends TargetRequest {
  layer: string;
  methods: MethodCall[];
  /** SmoothGrad: A and G averaged over this many seeded noisy copies of the input; absent, 0 or 1 = off */
  smoothGrad?: number;
  /** SmoothGrad's σ as a share of the image's value range; absent = SMOOTHGRAD_SIGMA (core/smoothGrad.ts) */
  smoothSigma?: number;
}

export interface MapsResult {
  target: ExplainedTarget;
  maps: Partial<Record<MethodId, HeatMap>>;
  /** host copies of A and G (after a backward pass): settings changes recombine them off the tfjs worker */
  tensors?: LayerTensors;
}

/** A and G at the layer, [h, w, K] row-major (HWC), as plain arrays. */
export interface LayerTensors {
  shape: [number, number, number];
  activations: Float32Array;
  gradients: Float32Array;
}

/** Settings changes of gradient methods: recombine the cached A and G, no network run. */
export interface RecombineRequest {
  methods: MethodCall[];
}

/** A method that runs its own batched forward passes (Score-CAM, RISE). */
export interface JobRequest extends TargetRequest {
  method: MethodCall;
  layer: string;
  baseline: BaselineKind;
}

export interface JobProgress {
  done: number;
  total: number;
  map: HeatMap;
  /** RISE: the running map's split-half stability at the last check */
  stability?: number;
  /** the units the job expects to use in all (≤ total; RISE may stop early) */
  expected?: number;
  /** wall time since the job started (ms): with done, the measured throughput */
  elapsedMs: number;
}

export interface JobResult {
  target: ExplainedTarget;
  map: HeatMap;
  /** true when cached per-mask predictions were re-weighted (no forward pass) */
  reused: boolean;
  /** a job that may stop early (RISE): how many masks it used of N, and the stability reached */
  extent?: JobExtent;
  /** a job that looks for regions (MiSuRe): its sufficient and minimal regions */
  regions?: SufficientRegions;
}

/**
 * The Faithfulness view's job: deletion and insertion curves and the sufficiency curve of each listed method's current
 * map (docs/METHOD.md, "Metrics of a map"), as batched, cancellable forward passes.
 */
export interface CurvesRequest extends ControlsRequest {
  methods: MethodId[];
  /** the view's threshold: its sufficiency point is computed as the panel's read-out is */
  threshold: number;
  baseline: BaselineKind;
  /** n of deletion and insertion (default 20) */
  steps?: number;
  /** false: deletion and insertion only (default true) */
  sufficiency?: boolean;
}

export interface CurvesProgress {
  /** images scored so far, of total, over all methods */
  done: number;
  total: number;
  /** the method being measured */
  method: MethodId;
  /** the methods finished so far */
  curves: Partial<Record<MethodId, MethodCurves>>;
  /** the controls finished so far (measured after the methods) */
  controls: ControlCurves<MethodId>;
}

export interface CurvesResult {
  curves: Partial<Record<MethodId, MethodCurves>>;
  controls: ControlCurves<MethodId>;
  threshold: number;
}

export interface SufficiencyRequest {
  method: MethodId;
  threshold: number;
  baseline: BaselineKind;
}

export type { EngineStats } from './statsTypes';
export type { RobustnessProgress, RobustnessRequest, RobustnessResult } from './robustnessTypes';

/**
 * The engine's interface, declared once: what src/engine implements in the worker (Engine plus the worker's own
 * init, loadModel, stats and activeBackend). Every call that can be superseded takes an AbortSignal last; progress
 * comes through a callback before it. The client's interface (client.ts: `Async<…>`), the wire (`Wire<…>`, with
 * call ids for signals) and the e2e hook are mapped from it, never retyped.
 */
export interface EngineApi {
  /** auto: the backend was not asked for explicitly, so a software WebGL renderer is passed over for wasm */
  init(backend: BackendName, auto: boolean): Promise<InitResult>;
  /** replaces the model; the previous one stays if this one fails */
  loadModel(source: ModelSource): Promise<ModelDescriptor>;
  setImage(pixels: Pixels): Promise<PredictionResult>;
  explainGradients(req: GradientRequest, signal: AbortSignal): Promise<MapsResult>;
  recombine(req: RecombineRequest, signal: AbortSignal): Promise<MapsResult>;
  runJob(req: JobRequest, onProgress: (p: JobProgress) => void, signal: AbortSignal): Promise<JobResult>;
  /** cascading weight randomisation: progressive and cancellable; the model's own weights are back when it ends */
  sanityCheck(req: SanityRequest, onProgress: (p: SanityProgress) => void, signal: AbortSignal): Promise<SanityResult>;
  /** the gradient maps' correlation with themselves under input noise: progressive and cancellable */
  robustness(
    req: RobustnessRequest,
    onProgress: (p: RobProgress) => void,
    signal: AbortSignal,
  ): Promise<RobustnessResult>;
  /** the gradient methods at several layers: one backward pass for all where the model can tap its layers */
  layerSweep(
    req: LayerSweepRequest,
    onProgress: (p: LayerSweepProgress) => void,
    signal: AbortSignal,
  ): Promise<LayerSweepResult>;
  sufficiency(req: SufficiencyRequest, signal: AbortSignal): Promise<SufficiencyReading>;
  sweepSufficiency(
    req: SweepSufficiencyRequest,
    signal: AbortSignal,
  ): Promise<Pick<SufficiencyReading, 'dice' | 'retained'>[]>;
  /** deletion, insertion and sufficiency curves of the listed methods' current maps: a batched, progressive job */
  curves(req: CurvesRequest, onProgress: (p: CurvesProgress) => void, signal: AbortSignal): Promise<CurvesResult>;
  /** maps recombined off this worker (on the UI thread from host copies), kept as if recombined here */
  adoptMaps(maps: Partial<Record<MethodId, HeatMap>>): Promise<void>;
  /**
   * the user is moving a setting whose maps the UI thread recombines: job batches (RISE, Score-CAM) wait for `ms`
   * (at most MAX_JOB_HOLD_MS; urgent requests still run), so the UI thread's frames share the cores with one worker
   * less
   */
  holdJobs(ms: number): void;
  stats(): EngineStats;
  /** max relative error of the ResizeBilinear gradient vs finite differences on the active backend */
  checkGradients(): number;
  activeBackend(): string;
}

/** The longest one holdJobs call holds jobs for (ms): a lost "interaction ended" can never stall a job for long. */
export const MAX_JOB_HOLD_MS = 1000;

/** The calls a newer one supersedes (an AbortSignal last); the worker adapter and the client are made from the list. */
export const CANCELLABLE_CALLS = [
  'explainGradients',
  'recombine',
  'runJob',
  'sanityCheck',
  'robustness',
  'layerSweep',
  'sufficiency',
  'sweepSufficiency',
  'curves',
] as const satisfies readonly SignalledCall[];
/** The calls that run to the end. */
export const PLAIN_CALLS = [
  'init',
  'loadModel',
  'setImage',
  'adoptMaps',
  'holdJobs',
  'stats',
  'checkGradients',
  'activeBackend',
] as const satisfies readonly Exclude<keyof EngineApi, SignalledCall>[];
/** The jobs among them: batched, with a heartbeat between batches (the watchdog expects one while they run). */
export const JOB_CALLS = [
  'runJob',
  'sanityCheck',
  'robustness',
  'layerSweep',
  'curves',
] as const satisfies readonly SignalledCall[];

/** The names of the calls that take an AbortSignal last. */
export type SignalledCall = {
  [K in keyof EngineApi]: Parameters<EngineApi[K]> extends [...unknown[], AbortSignal] ? K : never;
}[keyof EngineApi];
// Compile-time proof that the two lists name every call (each list's `satisfies` keeps the kinds apart).
type Listed = (typeof CANCELLABLE_CALLS)[number] | (typeof PLAIN_CALLS)[number];
type Assert<T extends true> = T;
export type ListsComplete = Assert<[Exclude<keyof EngineApi, Listed>] extends [never] ? true : false>;

/** Every call as another thread makes it: asynchronous. (The client and the e2e hook are this of the engine.) */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never;
};

/** The engine on the wire: an AbortSignal becomes a call id first, which abort(call) cancels; ping answers at once. */
export type Wire<T> = {
  [K in keyof T]: T[K] extends (...a: infer P) => infer R
    ? P extends [...infer A, AbortSignal]
      ? (call: number, ...a: A) => R
      : T[K]
    : never;
} & { abort(call: number): void; ping(): true };

/**
 * What the worker posts outside the RPC, as `{ [WORKER_EVENT]: event }` (Comlink ignores messages without an id): a
 * job's heartbeat between batches (how long the last batch took, ms; null before the first), the loss of the GPU
 * context, and the name of the lock the worker holds for its life.
 */
export type WorkerEvent =
  /** longer: the next batch may take far longer than the ones before (a long op's time, until the next beat) */
  | { kind: 'beat'; batchMs: number | null; longer?: boolean }
  | { kind: 'gpu-lost'; detail: string }
  /** the worker holds this Web Lock for its life: whoever queues behind it is granted it when the worker dies */
  | { kind: 'holding'; lock: string };
export const WORKER_EVENT = 'segexplainEvent';
