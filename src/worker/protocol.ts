// The typed contract between the UI thread and the engine worker. Types only: no tfjs here.
import type { CustomModelOptions } from '../model/custom';
import type { ClassInfo, LayerInfo, SegmentationModel } from '../model/types';
import type { BackendName, BaselineKind, EdgeMode, PoolType, RegionParam } from '../state/params';

export type { CustomModelOptions };

/** Where a model comes from: bundled with the app, a URL, or files the user chose. */
export type ModelSource =
  | { kind: 'bundled'; id: string }
  | { kind: 'url'; url: string; options: CustomModelOptions }
  | { kind: 'files'; files: { name: string; bytes: ArrayBuffer }[]; options: CustomModelOptions };

export type ClassDescriptor = ClassInfo;
export type LayerDescriptor = LayerInfo;
/** What the UI learns about the loaded model: the adapter's plain-data part. */
export type ModelDescriptor = Pick<SegmentationModel, 'id' | 'title' | 'inputSize' | 'outputSize' | 'classes' | 'layers' | 'defaultLayer'>;

export interface InitResult {
  backend: BackendName;
  /** why the requested backend was not used, if it was not */
  fallbackReason?: string;
}

export interface PixelsMessage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface PredictionResult {
  /** argmax labels on the output grid */
  labels: Uint8Array;
  size: [number, number];
}

/** A map on the model's input grid, normalised to [0, 1]. */
export interface HeatMap {
  data: Float32Array;
  size: [number, number];
  /** false when the raw map was all zero: "no positive evidence" */
  positive: boolean;
}

export interface CamRequest {
  jobId: number;
  region: RegionParam;
  classIndex: number | null;
  layer: string;
  pool: PoolType;
  window: number;
  edges: EdgeMode;
}

export interface CamResult {
  jobId: number;
  classIndex: number;
  regionPixels: number;
  layerShape: [number, number, number];
  window: [number, number];
  score: number;
  gradCam: HeatMap;
  xresCam: HeatMap;
}

export interface RecombineRequest {
  pool: PoolType;
  window: number;
  edges: EdgeMode;
}

export interface RecombineResult {
  map: HeatMap;
  /** the window actually used, clamped to the layer grid */
  window: [number, number];
}

export type MethodId = 'gradcam' | 'xres' | 'rise';

export interface SufficiencyRequest {
  jobId: number;
  method: MethodId;
  threshold: number;
  baseline: BaselineKind;
}

export interface SufficiencyResult {
  jobId: number;
  method: MethodId;
  dice: number;
  retained: number;
}

export interface RiseRequest {
  jobId: number;
  region: RegionParam;
  classIndex: number | null;
  count: number;
  gridSize: number;
  keepProbability: number;
  seed: number;
  baseline: BaselineKind;
}

export interface RiseProgressMessage {
  jobId: number;
  done: number;
  total: number;
  map: HeatMap;
}

export interface RiseResult {
  jobId: number;
  map: HeatMap;
  /** true when cached per-mask predictions were re-weighted (no forward pass) */
  reused: boolean;
}

/** Network runs since start-up, by purpose; tests read them to prove what ran. */
export interface EngineStats {
  prediction: number;
  activation: number;
  gradient: number;
  rise: number;
  sufficiency: number;
}

export interface EngineApi {
  init(backend: BackendName): Promise<InitResult>;
  /** replaces the model; the previous one stays if this one fails */
  loadModel(source: ModelSource): Promise<ModelDescriptor>;
  setImage(pixels: PixelsMessage): Promise<PredictionResult>;
  explainCams(req: CamRequest): Promise<CamResult>;
  recombine(req: RecombineRequest): Promise<RecombineResult>;
  sufficiency(req: SufficiencyRequest): Promise<SufficiencyResult>;
  rise(req: RiseRequest, onProgress: (p: RiseProgressMessage) => void): Promise<RiseResult>;
  cancel(jobId: number): void;
  stats(): EngineStats;
  /** max relative error of the ResizeBilinear gradient vs finite differences on the active backend */
  checkGradients(): number;
  activeBackend(): string;
}

/** Message of an error the worker raises on purpose (shown to the user as is). */
export const CANCELLED = 'cancelled';
