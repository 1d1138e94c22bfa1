import * as tf from '@tensorflow/tfjs-core';
import type { Pixels } from '../core/modelInfo';
import type { HeatMap } from '../core/results';
import { registerGradientFixes } from '../explain/gradientFixes';
import { resizeGradientError } from '../explain/resizeGradientCheck';
import type { MethodId } from '../methods/registry';
import type { SegmentationModel } from '../model/types';
import { Gradients } from './gradients';
import { ImageState } from './imageState';
import { Jobs } from './jobs';
import { Readouts } from './readouts';
import { memoryStore, Tuners, type BatchSizeStore } from './tuners';
import type { PassSharer } from './passSharing';
import type * as P from './protocol';
import { MAX_JOB_HOLD_MS } from './protocol';
import type { RobustnessProgress, RobustnessRequest, RobustnessResult } from './robustnessTypes';

export type { BatchSizeStore } from './tuners';

registerGradientFixes();

/** The calls the Engine answers; the worker adds init, loadModel, stats and activeBackend (engine.worker.ts). */
export type EngineCalls = Omit<P.EngineApi, 'init' | 'loadModel' | 'stats' | 'activeBackend'>;

/**
 * The engine of one worker: the image state (imageState.ts), the gradient methods (gradients.ts), the jobs (jobs.ts)
 * and the read-outs (readouts.ts), each in its own file; this class only hands each call to its part.
 */
export class Engine implements EngineCalls {
  private readonly state: ImageState;
  private readonly gradients: Gradients;
  private readonly jobs: Jobs;
  private readonly readouts: Readouts;
  private readonly tuners: Tuners;

  constructor(
    batchSizes: BatchSizeStore = memoryStore(),
    backendName: () => string = () => tf.getBackend(),
    /** the heartbeat: told at every job checkpoint how long the batch before it took (ms), and if the next is longer */
    onBeat: (batchMs: number | null, longer?: boolean) => void = () => undefined,
  ) {
    this.state = new ImageState(() => this.gradients.drop());
    this.gradients = new Gradients(this.state);
    this.tuners = new Tuners(batchSizes, backendName);
    this.jobs = new Jobs(this.state, this.tuners, onBeat);
    this.readouts = new Readouts(this.state, () => this.gradients.target);
  }

  get counters(): P.EngineStats {
    return this.state.counters;
  }

  setModel(model: SegmentationModel): void {
    this.state.setModel(model);
  }
  /** A helper worker for the jobs' batches (its ready() says when it holds the model set here). */
  setPassSharer(sharer: PassSharer | null): void {
    this.state.sharer = sharer;
  }
  setImage(pixels: Pixels): Promise<P.PredictionResult> {
    return this.state.setImage(pixels);
  }
  explainGradients(req: P.GradientRequest, signal: AbortSignal): Promise<P.MapsResult> {
    return this.gradients.explainGradients(req, signal);
  }
  recombine(req: P.RecombineRequest, signal: AbortSignal): Promise<P.MapsResult> {
    return this.gradients.recombine(req, signal);
  }
  adoptMaps(maps: Partial<Record<MethodId, HeatMap>>): Promise<void> {
    return this.gradients.adoptMaps(maps);
  }
  holdJobs(ms: number): void {
    this.state.gate.hold(Math.min(Math.max(0, ms), MAX_JOB_HOLD_MS));
  }
  runJob(req: P.JobRequest, onProgress: (p: P.JobProgress) => void, signal: AbortSignal): Promise<P.JobResult> {
    return this.jobs.runJob(req, onProgress, signal);
  }
  sanityCheck(
    req: P.SanityRequest,
    onProgress: (p: P.SanityProgress) => void,
    signal: AbortSignal,
  ): Promise<P.SanityResult> {
    return this.jobs.sanityCheck(req, onProgress, signal);
  }
  robustness(
    req: RobustnessRequest,
    onProgress: (p: RobustnessProgress) => void,
    signal: AbortSignal,
  ): Promise<RobustnessResult> {
    return this.jobs.robustness(req, onProgress, signal);
  }
  layerSweep(
    req: P.LayerSweepRequest,
    onProgress: (p: P.LayerSweepProgress) => void,
    signal: AbortSignal,
  ): Promise<P.LayerSweepResult> {
    return this.jobs.layerSweep(req, onProgress, signal);
  }
  curves(
    req: P.CurvesRequest,
    onProgress: (p: P.CurvesProgress) => void,
    signal: AbortSignal,
  ): Promise<P.CurvesResult> {
    return this.jobs.curves(req, onProgress, signal);
  }
  sufficiency(req: P.SufficiencyRequest, signal: AbortSignal) {
    return this.readouts.sufficiency(req, signal);
  }
  sweepSufficiency(req: P.SweepSufficiencyRequest, signal: AbortSignal) {
    return this.readouts.sweepSufficiency(req, signal);
  }

  /** The batch size jobs use now for the loaded model (tests and the bench read it). */
  async batchSize(): Promise<{ size: number; settled: boolean }> {
    const tuner = await this.tuners.of(this.state.need(), this.state.sharer?.ready() ?? false);
    return { size: tuner.size, settled: tuner.settled };
  }

  checkGradients(): number {
    return Math.max(
      resizeGradientError([1, 4, 4, 2], [8, 8], false, true),
      resizeGradientError([1, 3, 5, 1], [7, 4], false, true),
      resizeGradientError([1, 4, 3, 1], [9, 5], false, false),
    );
  }
}
