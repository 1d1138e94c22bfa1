// Do the app's maps beat the controls? Per held-out region of every trained model: the gradient methods' maps at the
// default layer and RISE (N masks, centred weights, one run per scene re-weighted per region), and the three controls
// of docs/METHOD.md ("Controls": a seeded random map, the Sobel edge map of the image, a blurred copy of each map),
// each scored as the app scores a map: relevance mass in the item's ground-truth box, deletion and insertion AUC
// (the app's perturbation curves). Writes docs/controls.md and docs/data/controls.json.
// Run: npm run study:controls   (tfjs wasm backend in Node; STUDY_MODELS=unet,deeplab, STUDY_REGIONS=100 per model,
// STUDY_METHODS=gradcam,xres,rise (the app's default panels), STUDY_MASKS=500 for RISE). Runs under vitest only for
// its module resolution; it asserts only that it measured something.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { bundledFiles } from '../testing/nodeArtifacts';
import { bundledModel } from '../../src/model/registry';
import { labelsOf } from '../../src/model/labels';
import type { SegmentationModel } from '../../src/model/types';
import { runRise, type RiseSettings, type RiseTarget } from '../../src/methods/rise/rise';
import { packedLabelAt, packLabels } from '../../src/methods/rise/labelPacking';
import { postProcessHost } from '../../src/explain/host/postProcess';
import { hostTensor } from '../../src/explain/host/tensor';
import { gradientsOfScore } from '../../src/explain/activationGradients';
import { weightedScore } from '../../src/explain/score';
import { relevanceMass } from '../../src/explain/metrics/relevanceMass';
import { perturbationCurves, regionConfidence } from '../../src/explain/metrics/perturbationCurves';
import { classProbability } from '../../src/explain/probability';
import { makeBaseline } from '../../src/explain/baseline';
import { registerGradientFixes } from '../../src/explain/gradientFixes';
import { blurredMap, edgeMap, randomMap } from '../../src/explain/controls/controlMaps';
import { combineMaps } from '../../src/methods/combine';
import { anyMeta, defaultMethodSettings, METHOD_IDS, type MethodId } from '../../src/methods/registry';
import type { MethodCall } from '../../src/engine/protocol';
import { sceneRegions, type StudyRegion } from './heldOutRegions';
import { writeControlsDoc, type ControlRow } from './controlsDoc';
import { onHostImages } from '../../src/explain/predictLabels';

const FIX = 'scripts/testing/fixtures-trained';
const models = (process.env.STUDY_MODELS ?? 'unet,deeplab').split(',');
/** scenes are taken, evenly spread over the 64 held-out ones, until a model has this many regions */
const MIN_REGIONS = Number(process.env.STUDY_REGIONS ?? 100);
const SCENE_STRIDE = 5;
/** deletion / insertion steps: half the app's 20, as the RISE weights study, to fit the run in half an hour */
const CURVE_STEPS = 10;
const METHODS = (process.env.STUDY_METHODS ?? 'gradcam,xres,rise').split(',');
const GRADIENT_METHODS = METHOD_IDS.filter((id) => anyMeta(id).needs === 'gradients' && METHODS.includes(id));
const N = METHODS.includes('rise') ? Number(process.env.STUDY_MASKS ?? 500) : 0;

const riseSettings = (batchSize: number): RiseSettings => ({
  count: N,
  gridSize: 8,
  keepProbability: 0.5,
  seed: 1,
  baseline: 'mean',
  batchSize,
  tolerance: null,
  weighting: 'centred',
});

async function predict(model: SegmentationModel, x: tf.Tensor4D): Promise<Uint8Array[]> {
  if (model.labels) return model.labels(x);
  const s = model.forward(x);
  return labelsOf(s).finally(() => s.dispose());
}

/** The held-out scenes in the order 0, 5, 10, …, 1, 6, …: any prefix is spread over the set. */
function* scenes(): Generator<{ x: tf.Tensor4D; gt: Uint8Array; scene: number }> {
  const { width, height, count } = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));
  const imgs = readFileSync(`${FIX}/eval-images.bin`);
  const labels = readFileSync(`${FIX}/eval-labels.bin`);
  const order = Array.from({ length: count as number }, (_, i) => i).sort(
    (a, b) => (a % SCENE_STRIDE) - (b % SCENE_STRIDE) || a - b,
  );
  for (const i of order) {
    const px = imgs.subarray(i * width * height, (i + 1) * width * height);
    yield {
      x: tf.tensor4d(
        Float32Array.from(px, (v) => v / 255),
        [1, height, width, 1],
      ),
      gt: new Uint8Array(labels.subarray(i * width * height, (i + 1) * width * height)),
      scene: i,
    };
  }
}

/** The gradient methods' maps (default settings) for region M of class c at the model's default layer. */
async function gradientMaps(model: SegmentationModel, x: tf.Tensor4D, r: StudyRegion) {
  const [h, w] = model.outputSize;
  const c = model.classes.length;
  const wData = new Float32Array(h * w * c);
  r.region.forEach((v, i) => v && (wData[i * c + r.classIndex] = 1));
  const weights = tf.tensor4d(wData, [1, h, w, c]);
  const layer = model.defaultLayer;
  const a = model.runToLayer(x, layer);
  const g = gradientsOfScore(
    (t) => model.runFromLayer(x, layer, t),
    a,
    (y) => weightedScore(y, weights),
  );
  a.dispose();
  weights.dispose();
  const [ad, gd] = await Promise.all([g.activations.data(), g.gradients.data()]);
  const shape = g.activations.shape;
  g.activations.dispose();
  g.gradients.dispose();
  const settings = defaultMethodSettings();
  const calls = GRADIENT_METHODS.map((id) => ({ id, settings: settings[id] }) as MethodCall);
  const maps = combineMaps(calls, hostTensor(ad as Float32Array, shape), hostTensor(gd as Float32Array, shape), [h, w]);
  return GRADIENT_METHODS.map((id) => [id, (maps[id] as { data: Float32Array }).data] as [MethodId, Float32Array]);
}

interface Saved {
  scenes: Record<string, number[]>;
  minutes: Record<string, number>;
  rows: ControlRow[];
}

/**
 * Writes the JSON and the doc: this run's models, plus the rows of models it did not run from the file as it is now
 * (STUDY_MODELS runs a subset; two runs of different models may write in turn).
 */
function save(rows: ControlRow[], scenes: Record<string, number[]>, minutes: Record<string, number>): void {
  if (process.env.STUDY_DOC === '0') return;
  const file = 'docs/data/controls.json';
  const earlier: Saved | null = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  const mine = (m: string) => models.includes(m);
  const keep = <T>(r: Record<string, T> | undefined) =>
    Object.fromEntries(Object.entries(r ?? {}).filter(([m]) => !mine(m)));
  const all: Saved = {
    scenes: { ...keep(earlier?.scenes), ...scenes },
    minutes: { ...keep(earlier?.minutes), ...minutes },
    rows: [...(earlier?.rows ?? []).filter((r) => !mine(r.model)), ...rows],
  };
  const meta = { riseMasks: N, curveSteps: CURVE_STEPS, scenes: all.scenes, minutes: all.minutes };
  mkdirSync('docs/data', { recursive: true });
  writeFileSync(file, JSON.stringify({ ...meta, rows: all.rows }).replace(/\},\{/g, '},\n{'));
  writeControlsDoc(all.rows, meta);
}

// STUDY_DOC_ONLY=1: rewrite docs/controls.md from docs/data/controls.json, measuring nothing.
it.runIf(process.env.STUDY_DOC_ONLY === '1')('controls doc from the saved numbers', () => {
  const saved = JSON.parse(readFileSync('docs/data/controls.json', 'utf8')) as Saved & { riseMasks: number };
  writeControlsDoc(saved.rows, { ...saved, curveSteps: CURVE_STEPS });
  expect(saved.rows.length).toBeGreaterThan(0);
});

it.skipIf(process.env.STUDY_DOC_ONLY === '1')('controls study', async () => {
  await tf.setBackend('wasm');
  registerGradientFixes();
  const rows: ControlRow[] = [];
  const minutes: Record<string, number> = {};
  const sceneIds: Record<string, number[]> = {};
  for (const id of models) {
    const t0 = performance.now();
    const model = await bundledModel(id).create(bundledFiles(id as 'unet'));
    const numClasses = model.classes.length;
    let regionIndex = 0;
    const used: number[] = [];
    for (const { x, gt, scene } of scenes()) {
      if (regionIndex >= MIN_REGIONS) {
        x.dispose();
        continue;
      }
      used.push(scene);
      const [, h, w] = x.shape;
      const size: [number, number] = [h, w];
      const pred = (await predict(model, x))[0] as Uint8Array;
      const regions = sceneRegions(gt, pred, w, h);
      if (!regions.length) continue;
      const packed: Uint8Array[] = [];
      if (N > 0) {
        const any: RiseTarget = { region: new Uint8Array(h * w).fill(1), labels: pred, classIndex: 0 };
        const run = await runRise(
          x,
          onHostImages((b) => predict(model, b)),
          any,
          riseSettings(model.maxBatch),
          {
            keepLabels: (l) => packed.push(...l.map((v) => packLabels(v, numClasses))),
            checkpoint: async () => undefined,
          },
        );
        run.map.dispose();
      }
      const edge = edgeMap(await x.data(), size, x.shape[3]);
      const baseline = makeBaseline(x, 'mean');
      for (const r of regions) {
        const target: RiseTarget = { region: r.region, labels: pred, classIndex: r.classIndex };
        const maps = await gradientMaps(model, x, r);
        if (N > 0) {
          const again = await runRise(tf.zeros([1, h, w, 1]), async () => [], target, riseSettings(8), {
            cached: {
              count: packed.length,
              labelAt: (i, px) => packedLabelAt(packed[i] as Uint8Array, numClasses, px),
            },
          });
          const raw = (await again.map.data()) as Float32Array;
          again.map.dispose();
          maps.push(['rise', postProcessHost(raw, size, size)]);
        }
        const all: [string, Float32Array][] = [
          ...maps,
          ...maps.map(([m, e]) => [`blurred:${m}`, blurredMap(e, size)] as [string, Float32Array]),
          ['random', randomMap(size, regionIndex + 1)],
          ['edge', edge],
        ];
        const score = regionConfidence(
          (b) => model.forward(b),
          (s, c) => classProbability(s, c, model.outputKind),
          target,
        );
        for (const [map, e] of all) {
          const t = tf.tensor2d(e, size);
          const curves = await perturbationCurves(x, t, baseline, score, {
            steps: CURVE_STEPS,
            batchSize: model.maxBatch,
          });
          t.dispose();
          rows.push({
            model: id,
            region: regionIndex,
            kind: r.kind,
            map,
            mass: relevanceMass(e, r.box, size).mass,
            deletion: curves.deletion.auc,
            insertion: curves.insertion.auc,
          });
        }
        regionIndex++;
      }
      baseline.dispose();
      x.dispose();
      minutes[id] = Math.round(((performance.now() - t0) / 60_000) * 10) / 10;
      sceneIds[id] = used;
      console.log(`${id}: ${regionIndex} regions after ${minutes[id]} min`);
      // written after every scene, so that a run stopped early still leaves its numbers
      save(rows, sceneIds, minutes);
    }
    model.dispose();
  }
  save(rows, sceneIds, minutes);
  expect(rows.length).toBeGreaterThan(0);
});
