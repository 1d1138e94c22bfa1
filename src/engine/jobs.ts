import * as tf from '@tensorflow/tfjs-core';
import { AbortError, throwIfAborted } from '../core/abort';
import { yieldTask } from '../core/yieldTask';
import type { HeatMap } from '../core/results';
import { postProcess } from '../explain/normalize';
import { classProbability } from '../explain/probability';
import type { HostImages } from '../explain/predictLabels';
import { anyMeta } from '../methods/registry';
import type { ForwardContext } from '../methods/types';
import { runCurves } from './curvesJob';
import type { ImageState } from './imageState';
import { maskedPass, predictLabels } from './maskedPass';
import { sharedLabels } from './passSharing';
import { batchClock, labelsInFlight, throughputTimed } from './jobPacing';
import { jobOf } from './methodJobs';
import { runSanityCheck } from './sanityCheck';
import { runRobustness } from './robustness';
import type { RobustnessProgress, RobustnessRequest, RobustnessResult } from './robustnessTypes';
import { runLayerSweep } from './layerSweep';
import type { Tuners } from './tuners';
import type * as P from './protocol';

/** Progress paints at most this often (ms); the last one always goes. */
const PROGRESS_INTERVAL = 250;
/** progress paints take at most 1/PAINT_SHARE of a job's time (a slow backend's snapshots are not free) */
const PAINT_SHARE = 20;

/**
 * The engine's jobs: batched forward passes beside requests (RISE, Score-CAM, the sanity check, the Faithfulness
 * curves), each with progress, cancel and supersession, and a checkpoint between batches.
 */
export class Jobs {
  constructor(
    private readonly s: ImageState,
    private readonly tuners: Tuners,
    /** told at every checkpoint how long the batch before it took (ms), and when the next may be longer */
    private readonly onBeat: (batchMs: number | null, longer?: boolean) => void,
  ) {}

  /** A method that runs its own forward passes (Score-CAM, RISE): progress, cancel, supersession. */
  async runJob(
    req: P.JobRequest,
    onProgress: (p: P.JobProgress) => void,
    callSignal: AbortSignal,
  ): Promise<P.JobResult> {
    const { s } = this;
    const model = s.need();
    const signal = s.jobSignal(callSignal);
    const meta = anyMeta(req.method.id);
    const job = jobOf(req.method.id);
    const target = s.target(req);
    const activations = meta.needs === 'activations' ? s.activationsAt(req.layer) : null;
    const id = req.method.id;
    const shared = s.sharer?.ready() ?? false;
    const tuner = await this.tuners.of(model, shared);
    // RISE's label passes are timed to tune the size; other jobs take the tuned size once known, else the model's most.
    const tuned = meta.needs === 'predictions' || tuner.settled;
    const perWorker = () => (tuned ? tuner.size : model.maxBatch);
    let lastPost = 0;
    const started = performance.now();
    let paintMs = 0;
    const clock = batchClock();
    const timedLabels = async (batch: tf.Tensor4D) => {
      const t0 = performance.now();
      const labels = await predictLabels(model, batch);
      if (!shared) tuner.record(batch.shape[0], clock(t0, performance.now()));
      return labels;
    };
    const sharedTimed = throughputTimed(
      (batch: tf.Tensor4D | HostImages, size) => sharedLabels(counted(batch), timedLabels, s.sharer, size),
      perWorker,
      (size, ms) => tuner.record(size, ms),
    );
    const counted = <B extends tf.Tensor4D | HostImages>(batch: B): B => {
      throwIfAborted(signal);
      s.counters[id] = (s.counters[id] ?? 0) + batch.shape[0];
      return batch;
    };
    const ctx: ForwardContext = {
      input: s.needInput(),
      target,
      baseline: req.baseline,
      activations,
      signal,
      get batchSize() {
        return perWorker();
      },
      // With a helper, a labels() batch is one batch for each worker: each half has the size tuned for one worker.
      get labelsBatchSize() {
        return perWorker() * (s.sharer?.ready() ? 2 : 1);
      },
      get labelsInFlight() {
        return labelsInFlight(tf.getBackend(), s.sharer?.ready() ?? false);
      },
      scores: (batch) => model.forward(counted(batch)),
      probability: (scores, c) => classProbability(scores, c, model.outputKind),
      // Alone, each pass run here is timed; with the helper, the job's throughput (jobPacing.ts).
      labels: (batch) =>
        shared ? sharedTimed(batch) : sharedLabels(counted(batch), timedLabels, s.sharer, perWorker()),
      checkpoint: this.checkpoint(signal),
      progress: (done, total, partial, extra) => {
        const now = performance.now();
        // A paint costs a snapshot of the map: spaced so that snapshots take at most 1/PAINT_SHARE of the job's time.
        if (done < total && now - lastPost < Math.max(PROGRESS_INTERVAL, paintMs * PAINT_SHARE)) return;
        lastPost = now;
        const estimate = partial();
        try {
          const elapsedMs = now - started;
          onProgress({ done, total, map: normalizedSnapshot(estimate, model.inputSize), elapsedMs, ...extra });
        } finally {
          estimate.dispose();
          paintMs = performance.now() - now;
        }
      },
      cache: s.jobCache,
    };
    try {
      const { map, reused, extent, regions } = await job.run(ctx, req.method.settings);
      if (signal.aborted) {
        map.dispose();
        throw new AbortError();
      }
      return {
        target: s.describe(target, activations?.shape ?? null),
        map: await s.keepMap(id, map, target),
        reused,
        ...(extent ? { extent } : {}),
        ...(regions ? { regions } : {}),
      };
    } finally {
      activations?.dispose();
    }
  }

  /**
   * The sanity check (docs/METHOD.md, "Sanity check"): the gradient methods' maps after each step of cascading weight
   * randomisation. A job beside requests, like RISE: the weights are swapped only inside each step's synchronous
   * forward + backward pass, so clicks, jobs and read-outs in between always run on the model's own weights.
   */
  async sanityCheck(
    req: P.SanityRequest,
    onProgress: (p: P.SanityProgress) => void,
    callSignal: AbortSignal,
  ): Promise<P.SanityResult> {
    const { s } = this;
    const model = s.need();
    const signal = s.jobSignal(callSignal);
    const started = performance.now();
    const target = s.target(req);
    const steps = await runSanityCheck({
      model,
      input: s.needInput(),
      target,
      layer: req.layer,
      methods: req.methods,
      seed: req.seed,
      signal,
      onProgress,
      checkpoint: this.checkpoint(signal),
      counted: () => void (s.counters.sanity = (s.counters.sanity ?? 0) + 1),
    });
    const shape = model.layers.find((l) => l.name === req.layer)?.shape ?? null;
    return {
      target: s.describe(target, shape),
      layer: req.layer,
      seed: req.seed,
      steps,
      ms: performance.now() - started,
    };
  }

  /** Robustness to input noise (robustness.ts): a job beside requests, cancellable between its passes. */
  async robustness(
    req: RobustnessRequest,
    onProgress: (p: RobustnessProgress) => void,
    callSignal: AbortSignal,
  ): Promise<RobustnessResult> {
    const { s } = this;
    const model = s.need();
    const signal = s.jobSignal(callSignal);
    const started = performance.now();
    const target = s.target(req);
    const r = await runRobustness({
      model,
      input: s.needInput(),
      target,
      layer: req.layer,
      methods: req.methods,
      sigma: req.sigma,
      draws: req.draws,
      seed: req.seed,
      signal,
      onProgress,
      checkpoint: this.checkpoint(signal),
      counted: () => void (s.counters.robustness = (s.counters.robustness ?? 0) + 1),
    });
    const shape = model.layers.find((l) => l.name === req.layer)?.shape ?? null;
    return { ...r, target: s.describe(target, shape), ms: performance.now() - started };
  }

  /** The layer sweep (layerSweep.ts): progressive per layer, cancellable between layers. */
  async layerSweep(
    req: P.LayerSweepRequest,
    onProgress: (p: P.LayerSweepProgress) => void,
    callSignal: AbortSignal,
  ): Promise<P.LayerSweepResult> {
    const { s } = this;
    const model = s.need();
    const signal = s.jobSignal(callSignal);
    const started = performance.now();
    const target = s.target(req);
    const { rows, onePass } = await runLayerSweep({
      model,
      input: s.needInput(),
      target,
      layers: req.layers,
      methods: req.methods,
      signal,
      onProgress,
      checkpoint: this.checkpoint(signal),
      counted: () => void s.counters.gradient++,
    });
    return { target: s.describe(target, null), rows, onePass, ms: performance.now() - started };
  }

  /**
   * The Faithfulness view's job (curvesJob.ts) on each listed method's current map, at the tuned batch size, with
   * progress, the priority gate and cancellation between batches.
   */
  async curves(
    req: P.CurvesRequest,
    onProgress: (p: P.CurvesProgress) => void,
    callSignal: AbortSignal,
  ): Promise<P.CurvesResult> {
    const { s } = this;
    const model = s.need();
    const signal = s.jobSignal(callSignal);
    // Behind the lock: maps adopted from the UI thread just before are in place. The job itself runs beside requests.
    const kept = await s.lock.runExclusive(async () =>
      req.methods.flatMap((id) => {
        const k = s.maps.get(id);
        return k ? [{ id, ...k }] : [];
      }),
    );
    throwIfAborted(signal);
    const tuner = await this.tuners.of(model);
    const count = (n: number) => void (s.counters.curves = (s.counters.curves ?? 0) + n);
    return runCurves({
      model,
      input: s.needInput(),
      kept,
      req,
      signal,
      onProgress,
      count,
      batchSize: () => (tuner.settled ? tuner.size : model.maxBatch),
      checkpoint: this.checkpoint(signal),
      readoutPass: (k) =>
        maskedPass(model, s.needInput(), k, {
          threshold: req.threshold,
          baseline: req.baseline,
          signal,
          count: () => count(1),
          preview: false,
        }),
    });
  }

  /**
   * What a job awaits before each batch: a heartbeat saying how long the last batch took (the client's watchdog tells
   * a long batch from a dead worker by it), a macrotask that lets cancel messages in, then urgent requests go first.
   */
  private checkpoint(signal: AbortSignal): (next?: { longer?: boolean }) => Promise<void> {
    let last: number | null = null;
    return async (next) => {
      // Before the first batch there is no batch time yet (the first may be long: shader compiles).
      this.onBeat(last === null ? null : performance.now() - last);
      await yieldTask();
      await this.s.gate.clear();
      this.s.counters.jobBatches = (this.s.counters.jobBatches ?? 0) + 1;
      throwIfAborted(signal);
      // Told last, right before the batch: no other job's beat comes in between to shorten the time it is given.
      if (next?.longer) this.onBeat(null, true);
      last = performance.now();
    };
  }
}

/** Running estimate, post-processed like a final map and downloaded synchronously for a progress paint. */
function normalizedSnapshot(partial: tf.Tensor2D, size: [number, number]): HeatMap {
  // Read outside tidy: tidy walks what its function returns, and it walks a typed array element by element (65 536
  // Set insertions for a 256² map, ~80% of a progress paint's time in Node's profile).
  const map = tf.tidy(() => postProcess(partial, size));
  try {
    return { data: map.dataSync() as Float32Array, size, positive: true };
  } finally {
    map.dispose();
  }
}
