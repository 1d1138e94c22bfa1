import * as tf from '@tensorflow/tfjs-core';
import { Mutex } from 'async-mutex';
import type { Pixels } from '../core/modelInfo';
import type { ExplainedTarget, HeatMap } from '../core/results';
import { buildTarget, weightAt, type ExplainTarget } from '../explain/target';
import type { MethodId } from '../methods/registry';
import { labelsOf } from '../model/labels';
import type { SegmentationModel } from '../model/types';
import { toHeatMap } from './heatmap';
import { PriorityGate } from './priorityGate';
import type { PassSharer } from './passSharing';
import type * as P from './protocol';

/** A method's last map, as shown, with the target it explains. */
export interface KeptMap {
  map: HeatMap;
  target: ExplainTarget;
}

/**
 * What one model + image holds in the engine: the input tensor and its labels, the maps shown, what jobs keep for the
 * image's life, the lock and priority gate every part shares, and the counters. The parts of the engine (gradients,
 * jobs, read-outs) read it; only this class replaces the model or the image.
 */
export class ImageState {
  private model: SegmentationModel | null = null;
  private input: tf.Tensor4D | null = null;
  private labels: Uint8Array | null = null;
  /** bumped with each image: cache keys include it */
  version = 0;
  /** fires when the image or model is replaced: every job on the old one stops */
  private imageAbort = new AbortController();
  /** what jobs keep for the life of the image (RISE's per-mask predictions) */
  readonly jobCache = new Map<string, unknown>();
  /** the last map of each method, as shown (host data: a tensor is made only for a sufficiency pass) */
  readonly maps = new Map<MethodId, KeptMap>();
  // Requests that read or replace the cached tensors run one at a time; jobs run beside them (they read the input).
  readonly lock = new Mutex();
  // A click's CAMs and a slider's recombination go before the next job batch.
  readonly gate = new PriorityGate();
  readonly counters: P.EngineStats = { prediction: 0, activation: 0, gradient: 0, sufficiency: 0 };
  /** the helper worker, running batches of a job's passes beside this one once it holds this model (passSharing.ts) */
  sharer: PassSharer | null = null;

  /** @param onClear drops what the other parts derived from the image (the gradient cache) */
  constructor(private readonly onClear: () => void) {}

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
    this.version++;
    this.input = model.preprocess(pixels);
    this.counters.prediction++;
    const scores = model.forward(this.input);
    const [labels] = await labelsOf(scores).finally(() => scores.dispose());
    this.labels = labels as Uint8Array;
    return { labels: this.labels, size: model.outputSize };
  }

  /** A job's signal: its call's, or the image's when the image or model is replaced first. */
  jobSignal(callSignal: AbortSignal): AbortSignal {
    return AbortSignal.any([callSignal, this.imageAbort.signal]);
  }

  /** Resolves region + class on the output grid; an empty region is refused with a message. */
  target(req: P.TargetRequest): ExplainTarget {
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

  /** A copy of the layer's activations [h, w, K] for a job (it owns and disposes it). */
  activationsAt(layer: string): tf.Tensor3D {
    this.counters.activation++;
    const a = this.need().runToLayer(this.needInput(), layer);
    const [, h, w, k] = a.shape;
    const out = tf.reshape(a, [h, w, k]) as tf.Tensor3D;
    a.dispose();
    return out;
  }

  /** The target as the UI thread sees it; layerShape and score are known only where A and G were computed. */
  describe(
    target: ExplainTarget,
    layerShape: [number, number, number] | null,
    score: number | null = null,
  ): ExplainedTarget {
    let regionPixels = 0;
    let ringPixels = 0;
    // Plain loops: Uint8Array.from with a mapping function calls it through the iterator protocol, cell by cell.
    const ring = new Uint8Array(target.region.length);
    for (let i = 0; i < target.region.length; i++) {
      regionPixels += target.region[i] ? 1 : 0;
      if (weightAt(target, i, target.classIndex) >= 0) continue;
      ring[i] = 1;
      ringPixels++;
    }
    return {
      classIndex: target.classIndex,
      regionPixels,
      removedByClass: target.removedByClass,
      layerShape,
      score,
      mask: target.region.slice(),
      ring: ringPixels > 0 ? ring : null,
      maskSize: this.need().outputSize,
    };
  }

  async keepMap(method: MethodId, raw: tf.Tensor2D, target: ExplainTarget): Promise<HeatMap> {
    const { map, tensor } = await toHeatMap(raw, this.need().inputSize).finally(() => raw.dispose());
    tensor.dispose();
    this.keep(method, map, target);
    return map;
  }

  /** A copy: the map handed out is transferred to the UI thread (its buffer is detached here). */
  keep(method: MethodId, map: HeatMap, target: ExplainTarget): void {
    this.maps.set(method, { map: { ...map, data: map.data.slice() }, target });
  }

  private clearImage(): void {
    this.imageAbort.abort();
    this.imageAbort = new AbortController();
    this.onClear();
    this.input?.dispose();
    this.input = null;
    this.labels = null;
    this.jobCache.clear();
    this.maps.clear();
  }

  need(): SegmentationModel {
    if (!this.model) throw new Error('No model is loaded.');
    return this.model;
  }
  needInput(): tf.Tensor4D {
    if (!this.input) throw new Error('No image is loaded.');
    return this.input;
  }
  private needLabels(): Uint8Array {
    if (!this.labels) throw new Error('No image is loaded.');
    return this.labels;
  }
}
