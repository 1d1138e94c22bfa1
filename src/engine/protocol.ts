// The typed contract between the UI thread and the engine worker. Types only: no tfjs here.
import type { BackendName, BaselineKind } from '../core/kinds';
import type { CustomModelOptions, ModelDescriptor, Pixels } from '../core/modelInfo';
import type { Region } from '../regions/registry';
import type { ExplainedTarget, HeatMap, MapMetrics, SufficiencyReading } from '../core/results';
import type { MethodCurves } from '../core/faithfulness';
import type { MethodId, MethodSettings } from '../methods/registry';

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
}

export interface MapsResult {
  target: ExplainedTarget;
  maps: Partial<Record<MethodId, HeatMap>>;
  /** host copies of A and G (after a backward pass): settings changes recombine them off the tfjs worker */
  tensors?: LayerTensors;
}

/** One window of the sweep: its Seg-XRes-CAM map and the map's relevance mass in the region. */
export interface SweepThumb {
  /** window side (0 = the whole grid) */
  window: number;
  map: HeatMap;
  mass: number;
}

/** The sufficiency of several maps of the current gradient target, as one batch (the window sweep). */
export interface SweepSufficiencyRequest {
  maps: HeatMap[];
  threshold: number;
  baseline: BaselineKind;
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

/**
 * The sanity check (docs/METHOD.md, "Sanity check"; Adebayo et al. 2018): the gradient methods' maps for the target at
 * the layer, with the original weights, then after each step of cascading randomisation from the output downward.
 */
export interface SanityRequest extends TargetRequest {
  layer: string;
  /** the gradient methods on screen, with their settings */
  methods: MethodCall[];
  /** seeds the random weights: the same seed gives the same maps */
  seed: number;
}

/** One row of the sanity check: the maps after step `step` (0: the original weights). */
export interface SanityStep {
  /** 0 = original weights; s ≥ 1 = the layers of steps 1..s randomised */
  step: number;
  /** the layers this step adds to those randomised before it, from the output down (empty for the original) */
  layers: string[];
  maps: Partial<Record<MethodId, HeatMap>>;
  /** Spearman's ρ between this step's map and the original's, per method (1 for the original; NaN for a flat map) */
  spearman: Partial<Record<MethodId, number>>;
}

export interface SanityProgress {
  /** steps done (the original counts), of total */
  done: number;
  total: number;
  step: SanityStep;
}

export interface SanityResult {
  target: ExplainedTarget;
  layer: string;
  seed: number;
  steps: SanityStep[];
  /** wall time of the whole check (ms) */
  ms: number;
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
}

export interface JobResult {
  target: ExplainedTarget;
  map: HeatMap;
  /** true when cached per-mask predictions were re-weighted (no forward pass) */
  reused: boolean;
}

/**
 * The Faithfulness view's job: deletion and insertion curves and the sufficiency curve of each listed method's current
 * map (docs/METHOD.md, "Metrics of a map"), as batched, cancellable forward passes.
 */
export interface CurvesRequest {
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
}

export interface CurvesResult {
  curves: Partial<Record<MethodId, MethodCurves>>;
  threshold: number;
}

export interface SufficiencyRequest {
  method: MethodId;
  threshold: number;
  baseline: BaselineKind;
}

/**
 * Network runs since start-up, by purpose (and by method for jobs), and the tensors tfjs holds now; tests read them
 * to prove what ran and that nothing leaks.
 */
export type EngineStats = Record<'prediction' | 'activation' | 'gradient' | 'sufficiency', number> &
  Partial<Record<MethodId, number>> & {
    tensors?: number;
    tensorBytes?: number;
    /** settings changes recombined by this worker (not by the plain-JS recombiner) */
    recombine?: number;
    /** forward + backward passes of the sanity check (one per step, the original included) */
    sanity?: number;
    /** job batches started (each passes the priority gate first) */
    jobBatches?: number;
    /** images through the model for the Faithfulness view's curves */
    curves?: number;
  };

/**
 * The worker's API. Every call that can be superseded takes a call id first; abort(call) cancels it. The client
 * (client.ts) hides the ids behind an AbortSignal per call.
 */
export interface EngineApi {
  /**
   * auto: the backend was not asked for explicitly, so a software WebGL renderer is passed over for wasm.
   * onGpuLost is called if the GPU context goes away later (the worker is then beyond use).
   */
  init(backend: BackendName, auto: boolean, onGpuLost: (detail: string) => void): Promise<InitResult>;
  /** replaces the model; the previous one stays if this one fails */
  loadModel(source: ModelSource): Promise<ModelDescriptor>;
  setImage(pixels: Pixels): Promise<PredictionResult>;
  explainGradients(call: number, req: GradientRequest): Promise<MapsResult>;
  recombine(call: number, req: RecombineRequest): Promise<MapsResult>;
  runJob(call: number, req: JobRequest, onProgress: (p: JobProgress) => void): Promise<JobResult>;
  /** cascading weight randomisation: progressive and cancellable; the model's own weights are back when it ends */
  sanityCheck(call: number, req: SanityRequest, onProgress: (p: SanityProgress) => void): Promise<SanityResult>;
  sufficiency(call: number, req: SufficiencyRequest): Promise<SufficiencyReading>;
  sweepSufficiency(
    call: number,
    req: SweepSufficiencyRequest,
  ): Promise<Pick<SufficiencyReading, 'dice' | 'retained'>[]>;
  /** deletion, insertion and sufficiency curves of the listed methods' current maps: a batched, progressive job */
  curves(call: number, req: CurvesRequest, onProgress: (p: CurvesProgress) => void): Promise<CurvesResult>;
  /** the no-network metrics of each listed method's current map (correlations against RISE once it is done) */
  metrics(methods: MethodId[]): Promise<Partial<Record<MethodId, MapMetrics>>>;
  /** maps recombined on the UI thread (from host copies), kept as if recombined here: sufficiency reads them */
  adoptMaps(maps: Partial<Record<MethodId, HeatMap>>): Promise<void>;
  abort(call: number): void;
  stats(): EngineStats;
  /** max relative error of the ResizeBilinear gradient vs finite differences on the active backend */
  checkGradients(): number;
  activeBackend(): string;
  /** answers at once: the client's watchdog tells a busy worker from a dead one */
  ping(): true;
}
