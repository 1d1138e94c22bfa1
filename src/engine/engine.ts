import * as tf from '@tensorflow/tfjs-core';
import { Mutex } from 'async-mutex';
import { AbortError, throwIfAborted } from '../core/abort';
import { yieldTask } from '../core/yieldTask';
import type { Pixels } from '../core/modelInfo';
import type { ExplainedTarget, HeatMap, MapMetrics, SufficiencyReading } from '../core/results';
import { gradientsOfScore } from '../explain/activationGradients';
import { registerGradientFixes } from '../explain/gradientFixes';
import { postProcess } from '../explain/normalize';
import { classProbability } from '../explain/probability';
import { resizeGradientError } from '../explain/resizeGradientCheck';
import { weightedScore } from '../explain/score';
import { sufficiencyBatch } from '../explain/sufficiency';
import { hostTensor, type HostTensor } from '../explain/host/tensor';
import { buildTarget, type ExplainTarget } from '../explain/target';
import { hasHostCombine, recombineHost } from '../methods/host';
import { anyMeta, type MethodId } from '../methods/registry';
import type { ForwardContext } from '../methods/types';
import { labelsOf } from '../model/labels';
import type { SegmentationModel } from '../model/types';
import { runCurves } from './curvesJob';
import { toHeatMap } from './heatmap';
import { mapMetrics } from './mapMetrics';
import { maskedPass, predictLabels, regionConfidence } from './maskedPass';
import { computeOf } from './methodCompute';
import { BatchTuner, powersOfTwo } from './batchTuner';
import { PriorityGate } from './priorityGate';
import { runSanityCheck } from './sanityCheck';
import type * as P from './protocol';

registerGradientFixes();

/** A and G at one layer for one target: every gradient method recombines them, settings never re-run the network. */
interface GradientCache {
  key: string;
  activations: tf.Tensor3D;
  gradients: tf.Tensor3D;
  score: number;
  target: ExplainTarget;
  /** host copies of A and G, downloaded once: maps are combined from them in plain JS */
  host?: { a: HostTensor; g: HostTensor };
}

/** Progress paints at most this often (ms); the last one always goes. */
const PROGRESS_INTERVAL = 250;

/** Where measured batch sizes are kept between page loads (the worker passes IndexedDB; tests a Map). */
export interface BatchSizeStore {
  get(key: string): Promise<number | undefined>;
  set(key: string, size: number): Promise<void>;
}

const memoryStore = (): BatchSizeStore => {
  const sizes = new Map<string, number>();
  return { get: async (k) => sizes.get(k), set: async (k, v) => void sizes.set(k, v) };
};

/** Where the explanation state of one model + image lives: tensors, caches and counters. */
export class Engine {
  private model: SegmentationModel | null = null;
  private input: tf.Tensor4D | null = null;
  private labels: Uint8Array | null = null;
  private imageVersion = 0;
  /** fires when the image or model is replaced: every job on the old one stops */
  private imageAbort = new AbortController();
  /** what jobs keep for the life of the image (RISE's per-mask predictions) */
  private readonly jobCache = new Map<string, unknown>();
  private grads: GradientCache | null = null;
  /** the last map of each method, as shown (host data: a tensor is made only for a sufficiency pass) */
  private readonly maps = new Map<MethodId, { map: HeatMap; target: ExplainTarget }>();
  /** mean over M of the class-c probability on the unmasked image, per target */
  private readonly confidences = new WeakMap<ExplainTarget, number>();
  // Requests that read or replace the cached tensors run one at a time; jobs run beside them (they only read the input).
  private readonly lock = new Mutex();
  // A click's CAMs and a slider's recombination go before the next job batch.
  private readonly gate = new PriorityGate();
  /** the batch size of job passes, per model and backend: measured on the first RISE run, then kept */
  private readonly tuners = new Map<string, BatchTuner>();
  readonly counters: P.EngineStats = { prediction: 0, activation: 0, gradient: 0, sufficiency: 0 };

  constructor(
    private readonly batchSizes: BatchSizeStore = memoryStore(),
    private readonly backendName: () => string = () => tf.getBackend(),
  ) {}

  setModel(model: SegmentationModel): void {
    this.clearImage();
    this.model?.dispose();
    this.model = model;
  }

  async setImage(pixels: Pixels): Promise<P.PredictionResult> {
    this.imageAbort.abort();
    return this.lock.runExclusive(() => this.replaceImage(pixels));
  }

  private async replaceImage(pixels: Pixels): Promise<P.PredictionResult> {
    const model = this.need();
    this.clearImage();
    this.imageVersion++;
    this.input = model.preprocess(pixels);
    this.counters.prediction++;
    const scores = model.forward(this.input);
    const [labels] = await labelsOf(scores).finally(() => scores.dispose());
    this.labels = labels as Uint8Array;
    return { labels: this.labels, size: model.outputSize };
  }

  /** Resolves region + class on the output grid; an empty region is refused with a message. */
  private target(req: P.TargetRequest): ExplainTarget {
    const model = this.need();
    const [height, width] = model.outputSize;
    return buildTarget(req.region, {
      labels: this.needLabels(),
      grid: { width, height },
      numClasses: model.classes.length,
      classNames: model.classes.map((c) => c.name),
      classIndex: req.classIndex,
    });
  }

  async explainGradients(req: P.GradientRequest, signal: AbortSignal): Promise<P.MapsResult> {
    return this.gate.urgently(() =>
      this.lock.runExclusive(async () => {
        throwIfAborted(signal);
        const target = this.target(req);
        const cache = this.gradientsFor(req.layer, req.region, target);
        const maps = await this.combine(req.methods, cache);
        const { a, g } = await this.hostCopies(cache);
        throwIfAborted(signal);
        // Copies: the originals stay in the cache, these are transferred to the UI thread.
        const tensors = { shape: a.shape, activations: a.data.slice(), gradients: g.data.slice() };
        return { target: this.describe(cache.target, cache), maps, tensors };
      }),
    );
  }

  private gradientsFor(layer: string, region: P.TargetRequest['region'], target: ExplainTarget): GradientCache {
    const key = `${this.imageVersion}|${layer}|${JSON.stringify(region, replaceMasks)}|${target.classIndex}`;
    if (this.grads?.key === key) return this.grads;
    this.dropGradients();
    const model = this.need();
    const x = this.needInput();
    this.counters.activation++;
    const a = model.runToLayer(x, layer);
    const [h, w] = model.outputSize;
    const weights = tf.tensor4d(target.weights, [1, h, w, model.classes.length]);
    this.counters.gradient++;
    try {
      const g = gradientsOfScore(
        (t) => model.runFromLayer(x, layer, t),
        a,
        (y) => weightedScore(y, weights),
      );
      this.grads = { key, ...g, target };
      return this.grads;
    } finally {
      a.dispose();
      weights.dispose();
    }
  }

  /** Settings changes of gradient methods: recombine cached A and G, no network run. */
  async recombine(req: P.RecombineRequest, signal: AbortSignal): Promise<P.MapsResult> {
    return this.gate.urgently(() =>
      this.lock.runExclusive(async () => {
        throwIfAborted(signal);
        if (!this.grads) throw new Error('Nothing to recombine yet: click the image first.');
        this.counters.recombine = (this.counters.recombine ?? 0) + 1;
        const maps = await this.combine(req.methods, this.grads);
        throwIfAborted(signal);
        return { target: this.describe(this.grads.target, this.grads), maps };
      }),
    );
  }

  /** Maps recombined off this worker from host copies of A and G: kept as if recombined here. */
  async adoptMaps(maps: Partial<Record<MethodId, HeatMap>>): Promise<void> {
    return this.lock.runExclusive(async () => {
      const grads = this.grads;
      if (!grads) return;
      for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) {
        this.maps.set(id, { map, target: grads.target });
      }
    });
  }

  /** A and G downloaded once per cache; every gradient map is then combined from them in plain JS. */
  private async hostCopies(cache: GradientCache): Promise<{ a: HostTensor; g: HostTensor }> {
    if (!cache.host) {
      const [a, g] = await Promise.all([cache.activations.data(), cache.gradients.data()]);
      cache.host = {
        a: hostTensor(a as Float32Array, cache.activations.shape),
        g: hostTensor(g as Float32Array, cache.gradients.shape),
      };
    }
    return cache.host;
  }

  // Plain JS for the methods that have it (bit-identical to tfjs on cpu, ≤ 1e-5 elsewhere): one read-back of A and G
  // instead of a few small ops, a resize and two read-backs per method (and no shader compiles on WebGL).
  private async combine(methods: P.MethodCall[], cache: GradientCache): Promise<P.MapsResult['maps']> {
    const maps: P.MapsResult['maps'] = {};
    const size = this.need().inputSize;
    for (const call of methods) {
      if (hasHostCombine(call.id)) {
        const { a, g } = await this.hostCopies(cache);
        const map = recombineHost(call.id, a, g, call.settings as never, size);
        this.keep(call.id, map, cache.target);
        maps[call.id] = map;
        continue;
      }
      const compute = computeOf(call.id);
      if (compute.needs !== 'gradients') throw new Error(`${call.id} is not a gradient method.`);
      const raw = (compute.combine as (a: tf.Tensor3D, g: tf.Tensor3D, s: unknown) => tf.Tensor2D)(
        cache.activations,
        cache.gradients,
        call.settings,
      );
      maps[call.id] = await this.keepMap(call.id, raw, cache.target);
    }
    return maps;
  }

  /** A method that runs its own forward passes (Score-CAM, RISE): progress, cancel, supersession. */
  async runJob(
    req: P.JobRequest,
    onProgress: (p: P.JobProgress) => void,
    callSignal: AbortSignal,
  ): Promise<P.JobResult> {
    const model = this.need();
    const signal = AbortSignal.any([callSignal, this.imageAbort.signal]);
    const meta = anyMeta(req.method.id);
    const compute = computeOf(req.method.id);
    if (compute.needs === 'gradients') throw new Error(`${req.method.id} is not a job.`);
    const target = this.target(req);
    const activations = meta.needs === 'activations' ? this.activationsAt(req.layer) : null;
    const id = req.method.id;
    const tuner = await this.tunerFor(model);
    // RISE's label passes are timed to tune the size; other jobs take the tuned size once known, else the model's most.
    const tuned = meta.needs === 'predictions' || tuner.settled;
    let lastPost = 0;
    const counted = (batch: tf.Tensor4D) => {
      throwIfAborted(signal);
      this.counters[id] = (this.counters[id] ?? 0) + batch.shape[0];
      return batch;
    };
    const ctx: ForwardContext = {
      input: this.needInput(),
      target,
      baseline: req.baseline,
      activations,
      signal,
      get batchSize() {
        return tuned ? tuner.size : model.maxBatch;
      },
      scores: (batch) => model.forward(counted(batch)),
      probability: (scores, c) => classProbability(scores, c, model.outputKind),
      labels: async (batch) => {
        const started = performance.now();
        const labels = await predictLabels(model, counted(batch));
        tuner.record(batch.shape[0], performance.now() - started);
        return labels;
      },
      checkpoint: this.jobCheckpoint(signal),
      progress: (done, total, partial) => {
        const now = performance.now();
        if (done < total && now - lastPost < PROGRESS_INTERVAL) return;
        lastPost = now;
        const estimate = partial();
        try {
          onProgress({ done, total, map: normalizedSnapshot(estimate, model.inputSize) });
        } finally {
          estimate.dispose();
        }
      },
      cache: this.jobCache,
    };
    try {
      const { map, reused } = await (
        compute.run as (c: ForwardContext, s: unknown) => Promise<{ map: tf.Tensor2D; reused: boolean }>
      )(ctx, req.method.settings);
      if (signal.aborted) {
        map.dispose();
        throw new AbortError();
      }
      return {
        target: this.describe(target, null, activations?.shape ?? null),
        map: await this.keepMap(id, map, target),
        reused,
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
    const model = this.need();
    const signal = AbortSignal.any([callSignal, this.imageAbort.signal]);
    const started = performance.now();
    const target = this.target(req);
    const steps = await runSanityCheck({
      model,
      input: this.needInput(),
      target,
      layer: req.layer,
      methods: req.methods,
      seed: req.seed,
      signal,
      onProgress,
      checkpoint: this.jobCheckpoint(signal),
      counted: () => void (this.counters.sanity = (this.counters.sanity ?? 0) + 1),
    });
    const shape = model.layers.find((l) => l.name === req.layer)?.shape ?? null;
    return {
      target: this.describe(target, null, shape),
      layer: req.layer,
      seed: req.seed,
      steps,
      ms: performance.now() - started,
    };
  }

  /** What a job awaits before each batch: a macrotask lets cancel messages in, then urgent requests go first. */
  private jobCheckpoint(signal: AbortSignal): () => Promise<void> {
    return async () => {
      await yieldTask();
      await this.gate.clear();
      this.counters.jobBatches = (this.counters.jobBatches ?? 0) + 1;
      throwIfAborted(signal);
    };
  }

  /** The batch-size tuner of this model on this backend, seeded with a size measured before (even in an earlier visit). */
  private async tunerFor(model: SegmentationModel): Promise<BatchTuner> {
    const sizes = model.batchSizes ?? powersOfTwo(model.maxBatch);
    const key = `batch|${this.backendName()}|${model.id}|${sizes.join(',')}`;
    let tuner = this.tuners.get(key);
    if (!tuner) {
      const known = await this.batchSizes.get(key).catch(() => undefined);
      tuner =
        this.tuners.get(key) ??
        new BatchTuner(sizes, known ?? null, (size) => void this.batchSizes.set(key, size).catch(() => undefined));
      this.tuners.set(key, tuner);
    }
    return tuner;
  }

  /** The batch size jobs use now for the loaded model (tests and the bench read it). */
  async batchSize(): Promise<{ size: number; settled: boolean }> {
    const tuner = await this.tunerFor(this.need());
    return { size: tuner.size, settled: tuner.settled };
  }

  /** A copy of the layer's activations [h, w, K] for a job (it owns and disposes it). */
  private activationsAt(layer: string): tf.Tensor3D {
    this.counters.activation++;
    const a = this.need().runToLayer(this.needInput(), layer);
    const [, h, w, k] = a.shape;
    const out = tf.reshape(a, [h, w, k]) as tf.Tensor3D;
    a.dispose();
    return out;
  }

  private describe(
    target: ExplainTarget,
    cache: GradientCache | null,
    shape: [number, number, number] | null = null,
  ): ExplainedTarget {
    let regionPixels = 0;
    for (let i = 0; i < target.region.length; i++) regionPixels += target.region[i] ? 1 : 0;
    const c = this.need().classes.length;
    const ring = Uint8Array.from(target.region, (_, i) =>
      (target.weights[i * c + target.classIndex] as number) < 0 ? 1 : 0,
    );
    return {
      classIndex: target.classIndex,
      regionPixels,
      removedByClass: target.removedByClass,
      layerShape: cache ? cache.activations.shape : shape,
      score: cache ? cache.score : null,
      mask: target.region.slice(),
      ring: ring.indexOf(1) >= 0 ? ring : null,
      maskSize: this.need().outputSize,
    };
  }

  private async keepMap(method: MethodId, raw: tf.Tensor2D, target: ExplainTarget): Promise<HeatMap> {
    const { map, tensor } = await toHeatMap(raw, this.need().inputSize).finally(() => raw.dispose());
    tensor.dispose();
    this.keep(method, map, target);
    return map;
  }

  /** A copy: the map handed out is transferred to the UI thread (its buffer is detached here). */
  private keep(method: MethodId, map: HeatMap, target: ExplainTarget): void {
    this.maps.set(method, { map: { ...map, data: map.data.slice() }, target });
  }

  async sufficiency(req: P.SufficiencyRequest, signal: AbortSignal): Promise<SufficiencyReading> {
    return this.lock.runExclusive(async () => {
      const kept = this.maps.get(req.method);
      if (!kept) throw new Error(`No ${req.method} map yet.`);
      throwIfAborted(signal);
      const r = await maskedPass(this.need(), this.needInput(), kept, {
        threshold: req.threshold,
        baseline: req.baseline,
        signal,
        count: () => this.counters.sufficiency++,
        preview: true,
      });
      const original = await this.originalConfidence(kept.target);
      throwIfAborted(signal);
      return {
        dice: r.dice,
        retained: r.retained,
        confidenceKept: original > 0 ? r.confidence / original : NaN,
        originalConfidence: original,
        classPixels: r.classPixels,
        ...(r.view ? { masked: r.view } : {}),
      };
    });
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
    const model = this.need();
    const signal = AbortSignal.any([callSignal, this.imageAbort.signal]);
    // Behind the lock: maps adopted from the UI thread just before are in place. The job itself runs beside requests.
    const kept = await this.lock.runExclusive(async () =>
      req.methods.flatMap((id) => {
        const k = this.maps.get(id);
        return k ? [{ id, ...k }] : [];
      }),
    );
    throwIfAborted(signal);
    const tuner = await this.tunerFor(model);
    const count = (n: number) => void (this.counters.curves = (this.counters.curves ?? 0) + n);
    return runCurves({
      model,
      input: this.needInput(),
      kept,
      req,
      signal,
      onProgress,
      count,
      batchSize: () => (tuner.settled ? tuner.size : model.maxBatch),
      checkpoint: this.jobCheckpoint(signal),
      readoutPass: (k) =>
        maskedPass(model, this.needInput(), k, {
          threshold: req.threshold,
          baseline: req.baseline,
          signal,
          count: () => count(1),
          preview: false,
        }),
    });
  }

  /** The window sweep's sufficiency: every map masks the image at one threshold, all in one batch. */
  async sweepSufficiency(
    req: P.SweepSufficiencyRequest,
    signal: AbortSignal,
  ): Promise<Pick<SufficiencyReading, 'dice' | 'retained'>[]> {
    return this.lock.runExclusive(async () => {
      const model = this.need();
      if (!this.grads) throw new Error('Nothing to sweep yet: click the image first.');
      throwIfAborted(signal);
      const maps = req.maps.map((m) => tf.tensor2d(m.data, m.size));
      const predict = async (batch: tf.Tensor4D) => {
        throwIfAborted(signal);
        this.counters.sufficiency += batch.shape[0];
        return predictLabels(model, batch);
      };
      try {
        return await sufficiencyBatch(this.needInput(), maps, predict, this.grads.target, {
          threshold: req.threshold,
          dilation: 0,
          baseline: req.baseline,
        });
      } finally {
        maps.forEach((m) => m.dispose());
      }
    });
  }

  /** Mean over M of the class-c probability on the unmasked image, once per target (a forward pass). */
  private async originalConfidence(target: ExplainTarget): Promise<number> {
    const known = this.confidences.get(target);
    if (known !== undefined) return known;
    this.counters.sufficiency++; // a pass for the read-outs, counted with them
    const value = await regionConfidence(this.need(), this.needInput(), target);
    this.confidences.set(target, value);
    return value;
  }

  /** The metrics of each shown map that need no network run; correlations once a RISE map exists. */
  async metrics(methods: MethodId[]): Promise<Partial<Record<MethodId, MapMetrics>>> {
    // Behind the lock: maps adopted from the UI thread just before are in place.
    return this.lock.runExclusive(async () => {
      const rise = this.maps.get('rise')?.map.data ?? null;
      const out: Partial<Record<MethodId, MapMetrics>> = {};
      for (const id of methods) {
        const kept = this.maps.get(id);
        if (kept)
          out[id] = mapMetrics(kept.map, kept.target.region, this.need().outputSize, id === 'rise' ? null : rise);
      }
      return out;
    });
  }

  checkGradients(): number {
    return Math.max(
      resizeGradientError([1, 4, 4, 2], [8, 8], false, true),
      resizeGradientError([1, 3, 5, 1], [7, 4], false, true),
      resizeGradientError([1, 4, 3, 1], [9, 5], false, false),
    );
  }

  private dropGradients(): void {
    this.grads?.activations.dispose();
    this.grads?.gradients.dispose();
    this.grads = null;
  }

  private clearImage(): void {
    this.imageAbort.abort();
    this.imageAbort = new AbortController();
    this.dropGradients();
    this.input?.dispose();
    this.input = null;
    this.labels = null;
    this.jobCache.clear();
    this.maps.clear();
  }

  private need(): SegmentationModel {
    if (!this.model) throw new Error('No model is loaded.');
    return this.model;
  }
  private needInput(): tf.Tensor4D {
    if (!this.input) throw new Error('No image is loaded.');
    return this.input;
  }
  private needLabels(): Uint8Array {
    if (!this.labels) throw new Error('No image is loaded.');
    return this.labels;
  }
}

/** Brush masks go into the cache key as their sum and length, not cell by cell. */
function replaceMasks(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) {
    let h = 0;
    for (let i = 0; i < value.length; i++) h = (Math.imul(h, 31) + value[i]!) | 0;
    return `mask:${value.length}:${h}`;
  }
  return value;
}

/** Running estimate, post-processed like a final map and downloaded synchronously for a progress paint. */
function normalizedSnapshot(partial: tf.Tensor2D, size: [number, number]): HeatMap {
  const data = tf.tidy(() => postProcess(partial, size).dataSync() as Float32Array);
  return { data, size, positive: true };
}
