// The ratios of "Fast on every machine", measured the same way in Node (npm run bench, cpu) and in the browser's
// worker (npm run bench:browser, wasm and WebGL): each ratio compares two timings taken in the same run.
import * as tf from '@tensorflow/tfjs-core';
import type { Pixels } from '../../src/core/modelInfo';
import type { Region } from '../../src/regions/registry';
import { gradientsOfScore } from '../../src/explain/activationGradients';
import { hostTensor } from '../../src/explain/host/tensor';
import { weightedScore, weightsTensor } from '../../src/explain/score';
import { buildTarget } from '../../src/explain/target';
import { combineMap } from '../../src/methods/combine';
import { defaultMethodSettings, METHODS } from '../../src/methods/registry';
import { labelsOf } from '../../src/model/labels';
import type { SegmentationModel } from '../../src/model/types';
import type { Engine } from '../../src/engine/engine';
import { HostRecombiner } from '../../src/client/hostRecombiner';
import type { MethodCall } from '../../src/engine/protocol';

export interface BenchRow {
  model: string;
  what: string;
  value: number;
  unit: 'ratio' | 'ms';
  goal: string;
  ok: boolean;
  detail: string;
}

export interface BenchOptions {
  /** RISE masks of each measured run (the app's default is 2000) */
  masks: number;
  /**
   * measured RISE runs (other seeds), a bare timing before, between and after them (default 2): more, shorter runs
   * where the machine's speed drifts within a run (Node's cpu backend: ±40% between minutes, measured)
   */
  riseRuns?: number;
  log?: (line: string) => void;
}

const live = () => new AbortController().signal;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

/** Two blobs to explain: the largest predicted object, and another object far from it (for re-targeting). */
export function pickRegions(labels: Uint8Array, [h, w]: [number, number]): [Region, Region] {
  const counts = new Map<number, number>();
  labels.forEach((l) => l && counts.set(l, (counts.get(l) ?? 0) + 1));
  const cls = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (cls === undefined) throw new Error('the model predicts only background on the bench image');
  let [sy, sx, n] = [0, 0, 0];
  labels.forEach((l, i) => l === cls && ((sy += Math.floor(i / w)), (sx += i % w), n++));
  const [cy, cx] = [sy / n, sx / n];
  let [best, far, bestD, farD] = [-1, -1, Infinity, -1];
  labels.forEach((l, i) => {
    if (!l) return;
    const d = Math.hypot(Math.floor(i / w) - cy, (i % w) - cx);
    if (l === cls && d < bestD) [best, bestD] = [i, d];
    if (d > farD) [far, farD] = [i, d];
  });
  const at = (i: number): Region => ({ kind: 'component', x: ((i % w) + 0.5) / w, y: (Math.floor(i / w) + 0.5) / h });
  return [at(best), at(far)];
}

/** Labels of a batch the way the engine takes them (the adapter's fast path, else argmax). */
async function predictLabels(model: SegmentationModel, batch: tf.Tensor4D): Promise<Uint8Array[]> {
  if (model.labels) return model.labels(batch);
  const s = model.forward(batch);
  return labelsOf(s).finally(() => s.dispose());
}

/** Every ratio of the table for one model, on whatever backend is active. */
export async function benchModel(
  engine: Engine,
  model: SegmentationModel,
  pixels: Pixels,
  { masks, riseRuns = 2, log = () => undefined }: BenchOptions,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const row = (r: Omit<BenchRow, 'model' | 'ok'>, ok: boolean) => {
    rows.push({ model: model.id, ok, ...r });
    log(
      `${model.id.padEnd(8)} ${r.what.padEnd(46)} ${r.value.toFixed(r.unit === 'ms' ? 2 : 3).padStart(9)} ${r.unit === 'ms' ? 'ms' : '  '}  goal ${r.goal.padEnd(8)} ${ok ? 'met' : 'NOT MET'}  (${r.detail})`,
    );
  };
  engine.setModel(model);
  const { labels, size } = await engine.setImage(pixels);
  const [first, second] = pickRegions(labels, size);
  const layer = model.defaultLayer;
  const methods = METHODS.filter((m) => m.needs === 'gradients').map(
    (m) => ({ id: m.id, settings: defaultMethodSettings()[m.id] }) as MethodCall,
  );

  // CAMs (every gradient method, new region each time) against a bare forward + backward to the same layer.
  const cams = async (region: Region) => engine.explainGradients({ region, classIndex: null, layer, methods }, live());
  await cams(second);
  let last = await cams(first);
  const x = model.preprocess(pixels);
  const target = buildTarget(first, {
    labels,
    grid: { width: size[1], height: size[0] },
    numClasses: model.classes.length,
    classNames: model.classes.map((c) => c.name),
    classIndex: null,
  });
  const weights = weightsTensor(target, size);
  const bare = async () => {
    const a = model.runToLayer(x, layer);
    const g = gradientsOfScore(
      (t) => model.runFromLayer(x, layer, t),
      a,
      (y) => weightedScore(y, weights),
    );
    await g.gradients.data();
    [a, g.activations, g.gradients].forEach((t) => t.dispose());
  };
  await bare();
  // Interleaved, so that the machine's drifting speed (±30% from minute to minute here) biases neither side.
  const camMs: number[] = [];
  const bareMs: number[] = [];
  // Fast models' CAMs take ~20 ms, where a few ms of noise decide a short median: more samples then (DeepLabV3's 12
  // paired ratios read 1.08–1.24 over one day here, single pairs 0.87–1.5; 30 cost under 2 s).
  const camRuns = (await timed(() => cams(second))).ms < 100 ? 30 : 6;
  for (let i = 0; i < camRuns; i++) {
    // Never the region of the call before (the probe's): that would be the engine's cache, not a computation.
    const t = await timed(() => cams(i % 2 ? second : first));
    camMs.push(t.ms);
    last = t.value;
    bareMs.push((await timed(bare)).ms);
  }
  // Each CAM computation against the bare pass timed right after it: a drift over the samples cancels in each pair.
  const camRatio = median(camMs.map((ms, i) => ms / (bareMs[i] as number)));
  row(
    {
      what: `CAMs (${methods.length} methods) ÷ bare forward + backward`,
      value: camRatio,
      unit: 'ratio',
      goal: '≤ 1.2',
      detail: `${median(camMs).toFixed(0)} vs ${median(bareMs).toFixed(0)} ms (medians), layer ${layer}, median of ${camRuns} paired ratios`,
    },
    camRatio <= 1.2,
  );

  // Plain-JS recombination of a window change, from the host copies the engine hands out.
  const t = last.tensors;
  if (t) {
    const [a, g] = [hostTensor(t.activations, t.shape), hostTensor(t.gradients, t.shape)];
    const window = Math.max(1, Math.floor(t.shape[0] / 2));
    const hostMs: number[] = [];
    for (let i = 0; i < 21; i++)
      hostMs.push(
        (
          await timed(async () =>
            combineMap(
              { id: 'xres', settings: { pool: i % 2 ? 'max' : 'mean', window, edges: 'valid' } },
              a,
              g,
              model.inputSize,
            ),
          )
        ).ms,
      );
    const ms = median(hostMs);
    row(
      {
        what: 'window/pooling recombination (plain JS)',
        value: ms,
        unit: 'ms',
        goal: '≤ 16',
        detail: `grid ${t.shape.join('×')} → ${model.inputSize.join('×')}, median of 21`,
      },
      ms <= 16,
    );
    // The window sweep's thumbnails (every window, with relevance mass), excluding their sufficiency batch.
    const sweeper = new HostRecombiner();
    sweeper.hold(
      { ...t, activations: t.activations.slice(), gradients: t.gradients.slice() },
      model.inputSize,
      last.target,
    );
    const sweepMs: number[] = [];
    // The first sweeps run before the JIT has compiled the loops (4× slower here): 3 untimed, then 7 timed.
    for (let i = 0; i < 3; i++)
      sweeper.sweep({ id: 'xres', settings: { pool: 'max', window: 2, edges: 'valid' } }, 'window');
    for (let i = 0; i < 7; i++)
      sweepMs.push(
        (
          await timed(async () =>
            sweeper.sweep({ id: 'xres', settings: { pool: 'max', window: 2, edges: 'valid' } }, 'window'),
          )
        ).ms,
      );
    const sweepRatio = median(sweepMs) / median(camMs);
    row(
      {
        what: 'window sweep thumbnails ÷ one full CAM computation',
        value: sweepRatio,
        unit: 'ratio',
        goal: '≤ 0.2',
        detail: `${median(sweepMs).toFixed(1)} vs ${median(camMs).toFixed(0)} ms, ${Math.max(t.shape[0], t.shape[1])} windows, median of 7`,
      },
      sweepRatio <= 0.2,
    );
  }

  // RISE: a short run first settles the batch size (as a returning visitor's cached one), then the measured run.
  const rise = (region: Region, count: number, seed: number) =>
    engine.runJob(
      {
        region,
        classIndex: null,
        layer,
        baseline: 'mean',
        // all N: a throughput over exactly `count` masks (the app's default may stop sooner)
        method: { id: 'rise', settings: { ...defaultMethodSettings().rise, count, seed, stop: 'all' } },
      },
      () => undefined,
      live(),
    );
  await rise(first, 64, 11);
  const batch = (await engine.batchSize()).size;
  // Bare batched predict: up to 128 images at the same batch size, of one fixed batch. Timed before, between and
  // after the RISE runs (other seeds), each run against the mean of the timings either side of it, and the median of
  // the ratios taken: this machine's speed drifts (±30% from minute to minute), and a run is tens of seconds.
  const images = Math.min(Math.ceil(masks / 2), 128);
  const tiled = tf.tile(x, [batch, 1, 1, 1]) as tf.Tensor4D;
  await predictLabels(model, tiled);
  const bareRun = async () =>
    (
      await timed(async () => {
        for (let done = 0; done < images; done += batch) await predictLabels(model, tiled);
      })
    ).ms /
    (Math.ceil(images / batch) * batch);
  const bares = [await bareRun()];
  const fulls: { ms: number; value: Awaited<ReturnType<typeof rise>> }[] = [];
  for (let seed = 1; seed <= riseRuns; seed++) {
    fulls.push(await timed(() => rise(first, masks, seed)));
    bares.push(await bareRun());
  }
  // Re-targeting reads the labels cached by the last run.
  const full = fulls[riseRuns - 1] as (typeof fulls)[number];
  const retarget = await timed(() => rise(second, masks, riseRuns));
  if (!retarget.value.reused) throw new Error('re-targeting ran forward passes');
  const ratios = fulls.map((f, i) => ((bares[i] as number) + (bares[i + 1] as number)) / 2 / (f.ms / masks));
  const sorted = [...ratios].sort((a, b) => a - b);
  // The median (of an even count, the mean of the middle two): one run caught by a slow minute does not decide it.
  const throughput = (sorted[Math.floor((riseRuns - 1) / 2)]! + sorted[Math.ceil((riseRuns - 1) / 2)]!) / 2;
  const riseMs = fulls.map((f) => f.ms / masks);
  row(
    {
      what: `RISE throughput ÷ bare batched predict`,
      value: throughput,
      unit: 'ratio',
      goal: '≥ 0.9',
      detail: `ms per image: RISE ${riseMs.map((v) => v.toFixed(2)).join(', ')}; bare ${bares.map((v) => v.toFixed(2)).join(', ')} (before, between and after the runs); ratios ${ratios.map((r) => r.toFixed(3)).join(', ')} (median); batch ${batch}, N = ${masks}`,
    },
    throughput >= 0.9,
  );
  const retargetRatio = retarget.ms / full.ms;
  row(
    {
      what: `RISE re-targeted ÷ full run`,
      value: retargetRatio,
      unit: 'ratio',
      goal: '≤ 0.05',
      detail: `${retarget.ms.toFixed(0)} vs ${full.ms.toFixed(0)} ms, N = ${masks}`,
    },
    retargetRatio <= 0.05,
  );
  rows.push(...(await benchCurves(engine, model, x, batch, first, log)));
  [x, weights, tiled].forEach((v) => v.dispose());
  return rows;
}

/**
 * Deletion + insertion for one method (the engine's curves job: 2(n + 1) = 42 images at the tuned batch size, each
 * masked, run and read as the mean class probability over M) against the same number of bare batched forward passes
 * of the unmasked input, each read back as one number per image. Both at the model's real input size, in this run.
 */
export async function benchCurves(
  engine: Engine,
  model: SegmentationModel,
  x: tf.Tensor4D,
  batch: number,
  region: Region,
  log: (line: string) => void = () => undefined,
): Promise<BenchRow[]> {
  await engine.explainGradients(
    { region, classIndex: null, layer: model.defaultLayer, methods: [{ id: 'gradcam', settings: {} }] },
    live(),
  );
  const curves = () =>
    engine.curves(
      { methods: ['gradcam'], threshold: 0.2, baseline: 'mean', sufficiency: false, controls: false },
      () => undefined,
      live(),
    );
  const images = 2 * 21;
  const full = tf.tile(x, [batch, 1, 1, 1]) as tf.Tensor4D;
  const rest = tf.tile(x, [images % batch || batch, 1, 1, 1]) as tf.Tensor4D;
  const bare = async () => {
    for (let done = 0; done < images; done += batch) {
      const scores = model.forward(images - done >= batch ? full : rest);
      const perImage = tf.tidy(() => tf.mean(scores, [1, 2, 3]));
      scores.dispose();
      await perImage.data().finally(() => perImage.dispose());
    }
  };
  const warm = await timed(curves);
  await bare();
  const curveMs: number[] = [];
  const bareMs: number[] = [];
  // Short runs (fast backends) are noisy on a busy machine: take more of them.
  const runs = warm.ms < 2000 ? 7 : 3;
  for (let i = 0; i < runs; i++) {
    curveMs.push((await timed(curves)).ms);
    bareMs.push((await timed(bare)).ms);
  }
  [full, rest].forEach((t) => t.dispose());
  const ratio = median(curveMs) / median(bareMs);
  const what = 'deletion + insertion for one method ÷ the same number of batched forward passes';
  log(`${model.id.padEnd(8)} ${what} ${ratio.toFixed(3)}  goal ≤ 1.3 ${ratio <= 1.3 ? 'met' : 'NOT MET'}`);
  return [
    {
      model: model.id,
      what,
      value: ratio,
      unit: 'ratio',
      goal: '≤ 1.3',
      ok: ratio <= 1.3,
      detail: `${median(curveMs).toFixed(0)} vs ${median(bareMs).toFixed(0)} ms, ${images} images at batch ${batch}, ${model.inputSize.join('×')}, median of ${runs}`,
    },
  ];
}

/**
 * Bare batched prediction of the model's own sample at its largest batch (RISE's kind of pass): milliseconds per
 * image, median of 7 timed runs of 64 images after a warm-up. Compared across thread counts by bench:browser.
 */
export async function forwardThroughput(
  model: SegmentationModel,
  pixels: Pixels,
  log: (line: string) => void = () => undefined,
): Promise<BenchRow> {
  const x = model.preprocess(pixels);
  const batch = Math.min(8, model.maxBatch);
  const tiled = tf.tile(x, [batch, 1, 1, 1]) as tf.Tensor4D;
  const images = 64;
  const run = () =>
    timed(async () => {
      for (let done = 0; done < images; done += batch) await predictLabels(model, tiled);
    });
  await run();
  const ms: number[] = [];
  for (let i = 0; i < 7; i++) ms.push((await run()).ms / images);
  [x, tiled].forEach((t) => t.dispose());
  const perImage = median(ms);
  log(`${model.id.padEnd(8)} forward ${perImage.toFixed(2)} ms per image (batch ${batch})`);
  return {
    model: model.id,
    what: 'forward per image',
    value: perImage,
    unit: 'ms',
    goal: '',
    ok: true,
    detail: `batch ${batch}, median of 7 × ${images} images`,
  };
}
