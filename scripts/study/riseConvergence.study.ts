// How many masks does RISE need? Runs the app's own RISE (src/methods/rise) on held-out regions of every bundled
// model, twice at N = 2000 (seeds A and B), and re-weights seed A's cached predictions under each candidate stability
// goal, exactly as the app does. Writes docs/rise-convergence.md and docs/data/rise-convergence.json.
// Run: npm run study:rise   (tfjs wasm backend in Node, one thread per process; STUDY_MODELS=selfie,unet,deeplab,
// STUDY_SCENES=10). Runs under vitest only for its module resolution; it asserts only that it measured something.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { bundledArtifacts } from '../testing/nodeArtifacts';
import { createSelfieModel } from '../../src/model/selfie';
import { createTrainedModel } from '../../src/model/trained';
import { labelsOf } from '../../src/model/labels';
import type { SegmentationModel } from '../../src/model/types';
import { runRise, type RiseSettings, type RiseTarget } from '../../src/methods/rise/rise';
import { packedLabelAt, packLabels } from '../../src/methods/rise/labelPacking';
import { pearson } from '../../src/explain/metrics/correlation';
import { postProcessHost } from '../../src/explain/host/postProcess';
import { relevanceMass } from '../../src/explain/metrics/relevanceMass';
import { registerGradientFixes } from '../../src/explain/gradientFixes';
import { writeStudyDoc, type RegionRow, type StudyResult } from './riseConvergenceDoc';
import { boxMask, sceneRegions, type StudyRegion } from './heldOutRegions';
import { onHostImages } from '../../src/explain/predictLabels';

const N = 2000;
const SEEDS = [1, 2] as const;
/** stop tolerances tried (stability.ts) */
export const GOALS = [0.5, 1, 2];
const FIX = 'scripts/testing/fixtures-trained';
const models = (process.env.STUDY_MODELS ?? 'selfie,unet,deeplab').split(',');
const SCENES = Number(process.env.STUDY_SCENES ?? 10);

/** The astronaut for the selfie model: clicks on a grid over the person, the person's blob, and boxes on it. */
function selfieRegions(pred: Uint8Array, w: number, h: number): StudyRegion[] {
  let [r0, r1, c0, c1] = [h, -1, w, -1];
  pred.forEach((v, i) => {
    if (v !== 1) return;
    const [r, c] = [Math.floor(i / w), i % w];
    [r0, r1, c0, c1] = [Math.min(r0, r), Math.max(r1, r), Math.min(c0, c), Math.max(c1, c)];
  });
  const box = boxMask(w, h, [r0, r1, c0, c1]);
  const out: StudyRegion[] = [];
  for (let gy = 0; gy < 7; gy++)
    for (let gx = 0; gx < 7; gx++) {
      const i = Math.round(r0 + ((gy + 0.5) / 7) * (r1 - r0)) * w + Math.round(c0 + ((gx + 0.5) / 7) * (c1 - c0));
      if (pred[i] !== 1) continue;
      const point = new Uint8Array(w * h);
      point[i] = 1;
      out.push({ kind: 'point', classIndex: 1, region: point, box });
    }
  out.push({ kind: 'component', classIndex: 1, region: pred.map((v) => (v === 1 ? 1 : 0)), box });
  for (const [a, b, c, d] of [
    [0, 0.35, 0.25, 0.75],
    [0.3, 1, 0, 1],
    [0, 0.5, 0, 0.5],
    [0, 0.5, 0.5, 1],
    [0.5, 1, 0.2, 0.8],
  ])
    out.push({
      kind: 'box',
      classIndex: 1,
      region: boxMask(
        w,
        h,
        [r0 + a! * (r1 - r0), r0 + b! * (r1 - r0), c0 + c! * (c1 - c0), c0 + d! * (c1 - c0)].map(Math.round),
      ),
      box,
    });
  return out;
}

async function predict(model: SegmentationModel, x: tf.Tensor4D): Promise<Uint8Array[]> {
  if (model.labels) return model.labels(x);
  const s = model.forward(x);
  return labelsOf(s).finally(() => s.dispose());
}

/** Every mask's prediction for one image and seed, bit-packed (what the app caches). */
async function predictAll(model: SegmentationModel, x: tf.Tensor4D, seed: number, numClasses: number) {
  const packed: Uint8Array[] = [];
  const [, h, w] = x.shape;
  const dummy: RiseTarget = { region: new Uint8Array(h * w).fill(1), labels: new Uint8Array(h * w), classIndex: 0 };
  const t0 = performance.now();
  const run = await runRise(
    x,
    onHostImages((b) => predict(model, b)),
    dummy,
    settings(seed, null, model.maxBatch),
    {
      keepLabels: (l) => packed.push(...l.map((v) => packLabels(v, numClasses))),
      checkpoint: async () => undefined,
    },
  );
  run.map.dispose();
  return { packed, msPerMask: (performance.now() - t0) / N };
}

const settings = (seed: number, tolerance: number | null, batchSize = 8): RiseSettings => ({
  count: N,
  gridSize: 8,
  keepProbability: 0.5,
  seed,
  baseline: 'mean',
  batchSize,
  tolerance,
});

/** The app's post-processed map (min-max) of a run on cached predictions. */
async function reweighted(
  target: RiseTarget,
  seed: number,
  tolerance: number | null,
  packed: Uint8Array[],
  numClasses: number,
  size: [number, number],
) {
  const run = await runRise(tf.zeros([1, size[0], size[1], 1]), async () => [], target, settings(seed, tolerance), {
    cached: { count: packed.length, labelAt: (i, px) => packedLabelAt(packed[i] as Uint8Array, numClasses, px) },
  });
  const raw = (await run.map.data()) as Float32Array;
  run.map.dispose();
  return { map: postProcessHost(raw, size, size), used: run.used, stability: run.stability };
}

async function load(id: string): Promise<SegmentationModel> {
  return id === 'selfie'
    ? createSelfieModel(bundledArtifacts('selfie'))
    : createTrainedModel(id as 'unet' | 'deeplab', bundledArtifacts(id as 'unet' | 'deeplab'));
}

/** The images of a model: the astronaut for the selfie, held-out scenes for the trained ones. */
function images(id: string, model: SegmentationModel): { x: tf.Tensor4D; gt: Uint8Array | null }[] {
  if (id === 'selfie') {
    const png = PNG.sync.read(readFileSync('public/samples/astronaut.png'));
    const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
    return [{ x: model.preprocess({ width: png.width, height: png.height, data }), gt: null }];
  }
  const { width, height, count } = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));
  const imgs = readFileSync(`${FIX}/eval-images.bin`);
  const labels = readFileSync(`${FIX}/eval-labels.bin`);
  const step = Math.max(1, Math.floor(count / SCENES));
  return Array.from({ length: Math.min(SCENES, count) }, (_, k) => {
    const i = k * step;
    const px = imgs.subarray(i * width * height, (i + 1) * width * height);
    return {
      x: tf.tensor4d(
        Float32Array.from(px, (v) => v / 255),
        [1, height, width, 1],
      ),
      gt: new Uint8Array(labels.subarray(i * width * height, (i + 1) * width * height)),
    };
  });
}

it('RISE convergence study', async () => {
  await tf.setBackend('wasm');
  registerGradientFixes();
  const results: StudyResult[] = [];
  for (const id of models) {
    const model = await load(id);
    const numClasses = model.classes.length;
    const rows: RegionRow[] = [];
    let msPerMask = 0;
    let scenes = 0;
    for (const { x, gt } of images(id, model)) {
      const [, h, w] = x.shape;
      const pred = (await predict(model, x))[0] as Uint8Array;
      const regions = gt ? sceneRegions(gt, pred, w, h) : selfieRegions(pred, w, h);
      if (!regions.length) continue;
      const [a, b] = [
        await predictAll(model, x, SEEDS[0], numClasses),
        await predictAll(model, x, SEEDS[1], numClasses),
      ];
      msPerMask += (a.msPerMask + b.msPerMask) / 2;
      scenes++;
      for (const r of regions) {
        const target: RiseTarget = { region: r.region, labels: pred, classIndex: r.classIndex };
        const fullA = await reweighted(target, SEEDS[0], null, a.packed, numClasses, [h, w]);
        const fullB = await reweighted(target, SEEDS[1], null, b.packed, numClasses, [h, w]);
        const rm = (m: Float32Array) => relevanceMass(m, r.box, [h, w]).mass;
        const row: RegionRow = {
          kind: r.kind,
          seedCorrelation: pearson(fullA.map, fullB.map),
          seedMass: Math.abs(rm(fullA.map) - rm(fullB.map)),
          stabilityAtN: fullA.stability,
          goals: [],
        };
        for (const goal of GOALS) {
          const stopped = await reweighted(target, SEEDS[0], goal, a.packed, numClasses, [h, w]);
          row.goals.push({
            goal,
            used: stopped.used,
            correlation: pearson(stopped.map, fullA.map),
            otherSeedCorrelation: pearson(stopped.map, fullB.map),
            mass: Math.abs(rm(stopped.map) - rm(fullA.map)),
          });
        }
        rows.push(row);
      }
      x.dispose();
      console.log(`${id}: ${rows.length} regions so far`);
    }
    results.push({ model: id, rows, msPerMask: msPerMask / scenes, scenes });
  }
  // Models not run this time keep their earlier results (STUDY_MODELS runs a subset).
  const file = 'docs/data/rise-convergence.json';
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).results as StudyResult[]) : [];
  const order = ['selfie', 'unet', 'deeplab'];
  results.push(...earlier.filter((e) => !results.some((r) => r.model === e.model)));
  results.sort((a, b) => order.indexOf(a.model) - order.indexOf(b.model));
  mkdirSync('docs/data', { recursive: true });
  writeFileSync(file, JSON.stringify({ N, seeds: SEEDS, goals: GOALS, results }, null, 1));
  writeStudyDoc(results, GOALS, N);
  expect(results.every((r) => r.rows.length >= 30)).toBe(true);
}, 14_400_000);
