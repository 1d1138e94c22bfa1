import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../core/abort';
import type { ControlCurves } from '../core/controls';
import type { MethodCurves, SufficiencyCurvePoint } from '../core/faithfulness';
import type { HeatMap } from '../core/results';
import { makeBaseline } from '../explain/baseline';
import { blurredMap, edgeMap, randomMap } from '../explain/controls/controlMaps';
import { DEFAULT_CURVE_STEPS, perturbationCurves, type ScoreBatch } from '../explain/metrics/perturbationCurves';
import { SUFFICIENCY_THRESHOLDS, sufficiencyCurve } from '../explain/metrics/sufficiencyCurve';
import { regionMeanProbe, type RegionMeanProbe } from '../explain/regionProbability';
import type { ExplainTarget } from '../explain/target';
import type { MethodId } from '../methods/registry';
import { labelsOf } from '../model/labels';
import type { SegmentationModel } from '../model/types';
import type * as P from './protocol';

/** Progress paints at most this often (ms); a method's last point always goes. */
const PROGRESS_INTERVAL = 250;

export interface CurvesContext {
  model: SegmentationModel;
  input: tf.Tensor4D;
  /** each method's current map and target */
  kept: { id: MethodId; map: HeatMap; target: ExplainTarget }[];
  req: P.CurvesRequest;
  signal: AbortSignal;
  onProgress: (p: P.CurvesProgress) => void;
  /** counts the images of a pass */
  count: (n: number) => void;
  batchSize: () => number;
  /** awaited before every batch (cancel messages, the priority gate) */
  checkpoint: () => Promise<void>;
  /** the panel read-out's own pass at the view's threshold, so that point is exactly the read-out */
  readoutPass: (kept: { map: HeatMap; target: ExplainTarget }) => Promise<{ dice: number; retained: number }>;
}

/** The maps measured, in order: each method's, then (with controls) the random and edge maps and each blurred copy. */
interface Measured {
  map: HeatMap;
  target: ExplainTarget;
  /** where its curves go */
  store: (c: MethodCurves) => void;
  /** the method it belongs to (a control: the method being measured last, for the progress line) */
  method: MethodId;
}

/** The controls of docs/METHOD.md on the input grid: shared random and edge maps, one blurred copy per method. */
async function controlMaps(
  input: tf.Tensor4D,
  kept: CurvesContext['kept'],
  seed: number,
  controls: ControlCurves<MethodId>,
): Promise<Measured[]> {
  const first = kept[0];
  if (!first) return [];
  const [, h, w, c] = input.shape;
  const size: [number, number] = [h, w];
  const heat = (data: Float32Array): HeatMap => ({ data, size, positive: data.some((v) => v > 0) });
  const pixels = (await input.data()) as Float32Array;
  const shared = { target: first.target, method: first.id };
  return [
    { ...shared, map: heat(randomMap(size, seed)), store: (x) => (controls.random = x) },
    { ...shared, map: heat(edgeMap(pixels, size, c)), store: (x) => (controls.edge = x) },
    ...kept.map(({ id, map, target }) => ({
      target,
      method: id,
      map: { data: blurredMap(map.data, map.size), size: map.size, positive: map.positive },
      store: (x: MethodCurves) => (controls.blurred[id] = x),
    })),
  ];
}

/**
 * The Faithfulness view's job: for each map, deletion and insertion curves (n + 1 images each) and the sufficiency
 * curve (t = 0.05 … 0.95, plus the view's threshold through the read-out's own pass), all batched; then the same for
 * the controls (unless the request turns them off): 2 + (number of methods) more maps, as many images each.
 */
export async function runCurves(ctx: CurvesContext): Promise<P.CurvesResult> {
  const { model, input, kept, req, signal, onProgress, count, checkpoint } = ctx;
  const steps = req.steps ?? DEFAULT_CURVE_STEPS;
  const withSufficiency = req.sufficiency !== false;
  // The grid's own point at the view's threshold is left to the read-out's pass below.
  const grid = SUFFICIENCY_THRESHOLDS.filter((t) => Math.abs(t - req.threshold) > 1e-9);
  const perMap = 2 * (steps + 1) + (withSufficiency ? grid.length + 1 : 0);
  const curves: Partial<Record<MethodId, MethodCurves>> = {};
  const controls: ControlCurves<MethodId> = { blurred: {} };
  const maps: Measured[] = kept.map(({ id, map, target }) => ({
    map,
    target,
    method: id,
    store: (c) => (curves[id] = c),
  }));
  if (req.controls !== false) maps.push(...(await controlMaps(input, kept, req.controlSeed ?? 1, controls)));
  const total = perMap * maps.length;
  let lastPost = 0;
  const post = (method: MethodId, done: number, always = false) => {
    const now = performance.now();
    if (!always && now - lastPost < PROGRESS_INTERVAL) return;
    lastPost = now;
    onProgress({
      done,
      total,
      method,
      curves: { ...curves },
      controls: { ...controls, blurred: { ...controls.blurred } },
    });
  };
  const settings = {
    steps,
    thresholds: grid,
    dilation: 0,
    get batchSize() {
      return ctx.batchSize();
    },
  };
  const baseline = makeBaseline(input, req.baseline);
  try {
    let done = 0;
    for (const { map, target, method: id, store } of maps) {
      const e = tf.tensor2d(map.data, map.size);
      // made on the first batch, from the scores' own shape
      const made: { probe?: RegionMeanProbe } = {};
      try {
        const scores = (batch: tf.Tensor4D) => {
          throwIfAborted(signal);
          count(batch.shape[0]);
          return model.forward(batch);
        };
        // docs/METHOD.md's f, the softmax taken on M's pixels only (regionConfidence's value, at |M|/(H·W) of its
        // cost).
        const f: ScoreBatch = async (batch) => {
          const s = scores(batch);
          const [, h, w, c] = s.shape;
          made.probe ??= regionMeanProbe(target.classIndex, model.outputKind, target.region, [h, w, c]);
          const mean = made.probe.of(s);
          s.dispose();
          try {
            return await mean.data();
          } finally {
            mean.dispose();
          }
        };
        const progress = { signal, checkpoint, onProgress: (p: { done: number }) => post(id, done + p.done) };
        const { deletion, insertion } = await perturbationCurves(input, e, baseline, f, settings, progress);
        done += 2 * (steps + 1);
        let sufficiencyPoints: SufficiencyCurvePoint[] = [];
        if (withSufficiency) {
          const labels = async (batch: tf.Tensor4D) => {
            const s = scores(batch);
            return labelsOf(s).finally(() => s.dispose());
          };
          const points: SufficiencyCurvePoint[] = await sufficiencyCurve(
            input,
            e,
            baseline,
            labels,
            target,
            settings,
            progress,
          );
          done += grid.length;
          await checkpoint();
          const here = await ctx.readoutPass({ map, target });
          done += 1;
          points.push({ threshold: req.threshold, dice: here.dice, retained: here.retained, current: true });
          sufficiencyPoints = points.sort((a, b) => a.threshold - b.threshold);
        }
        throwIfAborted(signal);
        store({ deletion, insertion, sufficiency: sufficiencyPoints });
        post(id, done, true);
      } finally {
        e.dispose();
        made.probe?.dispose();
      }
    }
  } finally {
    baseline.dispose();
  }
  throwIfAborted(signal);
  return { curves, controls, threshold: req.threshold };
}
