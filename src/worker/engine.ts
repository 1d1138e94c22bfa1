import * as tf from '@tensorflow/tfjs-core';
import { Mutex } from 'async-mutex';
import { activationGradients } from '../explain/activationGradients';
import { segGradCam } from '../explain/gradCam';
import { packLabels, unpackLabels } from '../explain/labelPacking';
import { buildRegion, regionSize, toCell } from '../explain/region';
import { minMaxNormalize } from '../explain/normalize';
import { registerGradientFixes } from '../explain/gradientFixes';
import { resizeGradientError } from '../explain/resizeGradientCheck';
import { AbortError, reweightRise, runRise, type RiseSettings, type RiseTarget } from '../explain/rise';
import { sufficiency } from '../explain/sufficiency';
import { segXResCam } from '../explain/xresCam';
import { labelsOf } from '../model/labels';
import type { Pixels, SegmentationModel } from '../model/types';
import type { RegionParam } from '../state/params';
import { toHeatMap } from './heatmap';
import { JobRegistry } from './jobs';
import type * as P from './protocol';

registerGradientFixes();

interface CamCache {
  key: string;
  activations: tf.Tensor3D;
  gradients: tf.Tensor3D;
  score: number;
  classIndex: number;
  regionPixels: number;
}

interface RiseCache {
  key: string;
  packed: Uint8Array[];
}

/** Where the explanation state of one model + image lives: tensors, caches, counters and running jobs. */
export class Engine {
  private model: SegmentationModel | null = null;
  private input: tf.Tensor4D | null = null;
  private labels: Uint8Array | null = null;
  private imageVersion = 0;
  private cams: CamCache | null = null;
  private riseCache: RiseCache | null = null;
  private readonly maps = new Map<P.MethodId, tf.Tensor2D>();
  private readonly targets = new Map<P.MethodId, RiseTarget>();
  private readonly jobs = new JobRegistry();
  // Requests that read or replace the cached tensors run one at a time; RISE runs beside them (it only reads the input).
  private readonly lock = new Mutex();
  readonly counters: P.EngineStats = { prediction: 0, activation: 0, gradient: 0, rise: 0, sufficiency: 0 };

  setModel(model: SegmentationModel): void {
    this.clearImage();
    this.model?.dispose();
    this.model = model;
  }

  async setImage(pixels: Pixels): Promise<P.PredictionResult> {
    this.jobs.abortAll();
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
  private target(region: RegionParam, classIndex: number | null): RiseTarget {
    const model = this.need();
    const labels = this.needLabels();
    const [h, w] = model.outputSize;
    const cls = classIndex ?? (labels[toCell(region.y, h) * w + toCell(region.x, w)] as number);
    if (cls < 0 || cls >= model.classes.length) throw new Error(`Class ${cls} does not exist in this model.`);
    const mask = buildRegion({ kind: region.mode, x: region.x, y: region.y }, labels, { width: w, height: h }, cls);
    if (regionSize(mask) === 0) {
      throw new Error(`The region is empty: no pixel of class "${model.classes[cls]?.name}" there. Click on the class, or use the point mode.`);
    }
    return { region: mask, labels, classIndex: cls };
  }

  async explainCams(req: P.CamRequest): Promise<P.CamResult> {
    const signal = this.jobs.start('cams', req.jobId);
    return this.lock.runExclusive(() => this.computeCams(req, signal));
  }

  private async computeCams(req: P.CamRequest, signal: AbortSignal): Promise<P.CamResult> {
    const model = this.need();
    try {
      if (signal.aborted) throw new AbortError();
      const target = this.target(req.region, req.classIndex);
      const key = `${this.imageVersion}|${req.layer}|${req.region.mode}:${req.region.x},${req.region.y}|${target.classIndex}`;
      if (this.cams?.key !== key) {
        this.dropCams();
        const x = this.needInput();
        this.counters.activation++;
        const a = model.runToLayer(x, req.layer);
        const [h, w] = model.outputSize;
        const region = tf.tensor2d(target.region, [h, w], 'float32');
        this.counters.gradient++;
        const g = activationGradients((t) => model.runFromLayer(x, req.layer, t), a, region, target.classIndex);
        a.dispose();
        region.dispose();
        this.cams = { key, ...g, classIndex: target.classIndex, regionPixels: regionSize(target.region) };
      }
      const cams = this.cams as CamCache;
      const grad = await this.keepMap('gradcam', segGradCam(cams.activations, cams.gradients), target);
      const xres = await this.combineXres(req, target);
      if (signal.aborted) throw new AbortError();
      return {
        jobId: req.jobId,
        classIndex: cams.classIndex,
        regionPixels: cams.regionPixels,
        layerShape: cams.activations.shape,
        window: this.windowFor(req.window),
        score: cams.score,
        gradCam: grad,
        xresCam: xres,
      };
    } finally {
      this.jobs.finish('cams', req.jobId);
    }
  }

  /** Pool/window/edge changes: recombine cached A and G, no network run. */
  async recombine(req: P.RecombineRequest): Promise<P.RecombineResult> {
    return this.lock.runExclusive(async () => {
      const target = this.targets.get('gradcam');
      if (!this.cams || !target) throw new Error('Nothing to recombine yet: click the image first.');
      return { map: await this.combineXres(req, target), window: this.windowFor(req.window) };
    });
  }

  private async combineXres(req: P.RecombineRequest, target: RiseTarget): Promise<P.HeatMap> {
    const cams = this.cams as CamCache;
    const opts = { pool: req.pool, window: this.windowFor(req.window), edges: req.edges };
    return this.keepMap('xres', segXResCam(cams.activations, cams.gradients, opts), target);
  }

  private windowFor(window: number): [number, number] {
    const [h, w] = this.cams?.activations.shape ?? [1, 1];
    return window <= 0 ? [h, w] : [Math.min(window, h), Math.min(window, w)];
  }

  private async keepMap(method: P.MethodId, raw: tf.Tensor2D, target: RiseTarget): Promise<P.HeatMap> {
    const { map, tensor } = await toHeatMap(raw, this.need().inputSize).finally(() => raw.dispose());
    this.maps.get(method)?.dispose();
    this.maps.set(method, tensor);
    this.targets.set(method, target);
    return map;
  }

  async sufficiency(req: P.SufficiencyRequest): Promise<P.SufficiencyResult> {
    const signal = this.jobs.start(`suff-${req.method}`, req.jobId);
    return this.lock.runExclusive(() => this.computeSufficiency(req, signal));
  }

  private async computeSufficiency(req: P.SufficiencyRequest, signal: AbortSignal): Promise<P.SufficiencyResult> {
    const model = this.need();
    const map = this.maps.get(req.method);
    const target = this.targets.get(req.method);
    if (!map || !target) throw new Error(`No ${req.method} map yet.`);
    try {
      if (signal.aborted) throw new AbortError();
      const predict = async (batch: tf.Tensor4D) => {
        if (signal.aborted) throw new AbortError();
        this.counters.sufficiency++;
        const s = model.forward(batch);
        return labelsOf(s).finally(() => s.dispose());
      };
      const r = await sufficiency(this.needInput(), map, predict, target, { threshold: req.threshold, dilation: 0, baseline: req.baseline });
      if (signal.aborted) throw new AbortError();
      return { jobId: req.jobId, method: req.method, ...r };
    } finally {
      this.jobs.finish(`suff-${req.method}`, req.jobId);
    }
  }

  async rise(req: P.RiseRequest, onProgress: (p: P.RiseProgressMessage) => void): Promise<P.RiseResult> {
    const model = this.need();
    const signal = this.jobs.start('rise', req.jobId);
    try {
      const target = this.target(req.region, req.classIndex);
      const settings: RiseSettings = {
        count: req.count, gridSize: req.gridSize, keepProbability: req.keepProbability, seed: req.seed,
        baseline: req.baseline, batchSize: model.maxBatch,
      };
      const version = this.imageVersion;
      const key = `${version}|${req.count}|${req.gridSize}|${req.keepProbability}|${req.seed}|${req.baseline}`;
      const size = model.inputSize;
      const nClasses = model.classes.length;
      const [oh, ow] = model.outputSize;
      if (this.riseCache?.key === key) {
        const packed = this.riseCache.packed;
        const raw = reweightRise((i) => unpackLabels(packed[i] as Uint8Array, nClasses, oh * ow), target, settings, size);
        return { jobId: req.jobId, map: await this.keepMap('rise', raw, target), reused: true };
      }
      const packed: Uint8Array[] = [];
      let lastPost = 0;
      const predict = async (batch: tf.Tensor4D) => {
        this.counters.rise += batch.shape[0];
        const s = model.forward(batch);
        return labelsOf(s).finally(() => s.dispose());
      };
      const raw = await runRise(this.needInput(), predict, target, settings, ({ done, total, saliency }) => {
        const now = performance.now();
        if (done < total && now - lastPost < 250) return;
        lastPost = now;
        onProgress({ jobId: req.jobId, done, total, map: normalizedSnapshot(saliency) });
      }, signal, (labels) => packed.push(...labels.map((l) => packLabels(l, nClasses))));
      if (signal.aborted || version !== this.imageVersion) {
        raw.dispose();
        throw new AbortError();
      }
      this.riseCache = { key, packed };
      return { jobId: req.jobId, map: await this.keepMap('rise', raw, target), reused: false };
    } finally {
      this.jobs.finish('rise', req.jobId);
    }
  }

  cancel(jobId: number): void {
    this.jobs.cancel(jobId);
  }

  checkGradients(): number {
    return Math.max(
      resizeGradientError([1, 4, 4, 2], [8, 8], false, true),
      resizeGradientError([1, 3, 5, 1], [7, 4], false, true),
      resizeGradientError([1, 4, 3, 1], [9, 5], false, false),
    );
  }

  private dropCams(): void {
    this.cams?.activations.dispose();
    this.cams?.gradients.dispose();
    this.cams = null;
  }

  private clearImage(): void {
    this.dropCams();
    this.input?.dispose();
    this.input = null;
    this.labels = null;
    this.riseCache = null;
    this.maps.forEach((m) => m.dispose());
    this.maps.clear();
    this.targets.clear();
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

/** Running RISE estimate, min-max normalised, downloaded synchronously for a progress paint. */
function normalizedSnapshot(saliency: tf.Tensor2D): P.HeatMap {
  const [h, w] = saliency.shape;
  const data = tf.tidy(() => minMaxNormalize(saliency).dataSync() as Float32Array);
  return { data, size: [h, w], positive: true };
}
