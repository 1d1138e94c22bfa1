// Which RISE weights should the app use by default? Runs the app's own RISE (src/methods/rise) once per held-out scene
// of every trained model, then re-weights the same per-mask predictions for every region under the paper's Dice form
// the centred form and the continuous form (mean class probability over M, the original RISE; its per-mask weights
// for every region of a scene are taken in the same run) (docs/METHOD.md, "RISE weights"), and measures each map as the app shows it: relevance mass in
// the item's ground-truth box, deletion and insertion AUC (the app's perturbation curves), and the share kept at t.
// Writes docs/rise-weights.md and docs/data/rise-weights.json.
// Run: npm run study:rise-weights   (tfjs wasm backend in Node; STUDY_MODELS=unet,deeplab,unetr, STUDY_SCENES=12,
// STUDY_MASKS=500). Runs under vitest only for its module resolution; it asserts only that it measured something.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { bundledFiles } from '../testing/nodeArtifacts';
import { bundledModel } from '../../src/model/registry';
import { labelsOf } from '../../src/model/labels';
import type { SegmentationModel } from '../../src/model/types';
import { runRise, type RiseSettings, type RiseTarget, type RiseWeighting } from '../../src/methods/rise/rise';
import { packedLabelAt, packLabels } from '../../src/methods/rise/labelPacking';
import { postProcessHost } from '../../src/explain/host/postProcess';
import { relevanceMass } from '../../src/explain/metrics/relevanceMass';
import { perturbationCurves, regionConfidence } from '../../src/explain/metrics/perturbationCurves';
import { classProbability } from '../../src/explain/probability';
import { makeBaseline } from '../../src/explain/baseline';
import { registerGradientFixes } from '../../src/explain/gradientFixes';
import { sceneRegions } from './heldOutRegions';
import { writeWeightsDoc, type WeightRow } from './riseWeightsDoc';
import { onHostImages } from '../../src/explain/predictLabels';

const FIX = 'scripts/testing/fixtures-trained';
const FORMS: RiseWeighting[] = ['dice', 'centred', 'probability'];
const models = (process.env.STUDY_MODELS ?? 'unet,deeplab,unetr').split(',');
const SCENES = Number(process.env.STUDY_SCENES ?? 12);
const N = Number(process.env.STUDY_MASKS ?? 500);
/** deletion / insertion steps: half the app's 20, to keep the study within the hour on 2 cores */
const CURVE_STEPS = 10;
const THRESHOLD = 0.2;

const settings = (weighting: RiseWeighting, batchSize = 8): RiseSettings => ({
  count: N,
  gridSize: 8,
  keepProbability: 0.5,
  seed: 1,
  baseline: 'mean',
  batchSize,
  tolerance: null,
  weighting,
});

async function predict(model: SegmentationModel, x: tf.Tensor4D): Promise<Uint8Array[]> {
  if (model.labels) return model.labels(x);
  const s = model.forward(x);
  return labelsOf(s).finally(() => s.dispose());
}

/**
 * A scene's forward pass that also takes, for every region r, the mean over M_r of its class's probability on each
 * image (the continuous form's weights): one matrix product of the batch's probabilities with 1/|M_r| on M_r in c_r.
 */
function predictWithRegionProbabilities(
  model: SegmentationModel,
  regions: readonly { region: Uint8Array; classIndex: number }[],
  into: number[][],
): { pass: (x: tf.Tensor4D) => Promise<Uint8Array[]>; dispose: () => void } {
  const c = model.classes.length;
  const hw = (regions[0]?.region.length ?? 0) as number;
  const weights = new Float32Array(hw * c * regions.length);
  regions.forEach(({ region, classIndex }, r) => {
    let n = 0;
    for (const v of region) n += v ? 1 : 0;
    for (let i = 0; i < hw; i++) if (region[i]) weights[(i * c + classIndex) * regions.length + r] = 1 / n;
  });
  const w = tf.tensor2d(weights, [hw * c, regions.length]);
  const pass = async (x: tf.Tensor4D) => {
    const s = model.forward(x);
    const means = tf.tidy(() => {
      const p = model.outputKind === 'sigmoid' ? tf.sigmoid(s) : tf.softmax(s, -1);
      return tf.matMul(tf.reshape(p, [x.shape[0], hw * c]), w);
    });
    const m = (await means.data()) as Float32Array;
    means.dispose();
    for (let b = 0; b < x.shape[0]; b++)
      regions.forEach((_, r) => (into[r] as number[]).push(m[b * regions.length + r] as number));
    return labelsOf(s).finally(() => s.dispose());
  };
  return { pass, dispose: () => w.dispose() };
}

function scenes(): { x: tf.Tensor4D; gt: Uint8Array }[] {
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

it('RISE weights study', async () => {
  await tf.setBackend('wasm');
  registerGradientFixes();
  const started = performance.now();
  const rows: WeightRow[] = [];
  for (const id of models) {
    const model = await bundledModel(id).create(bundledFiles(id as 'unet'));
    const numClasses = model.classes.length;
    for (const { x, gt } of scenes()) {
      const [, h, w] = x.shape;
      const pred = (await predict(model, x))[0] as Uint8Array;
      const regions = sceneRegions(gt, pred, w, h);
      if (!regions.length) continue;
      // Every mask's prediction once per scene: each region and form re-weights them (as the app's cache does).
      const packed: Uint8Array[] = [];
      const probabilities: number[][] = regions.map(() => []);
      const any: RiseTarget = { region: new Uint8Array(h * w).fill(1), labels: pred, classIndex: 0 };
      const scene = predictWithRegionProbabilities(model, regions, probabilities);
      const run = await runRise(x, onHostImages(scene.pass), any, settings('dice', model.maxBatch), {
        keepLabels: (l) => packed.push(...l.map((v) => packLabels(v, numClasses))),
        checkpoint: async () => undefined,
      });
      run.map.dispose();
      scene.dispose();
      const baseline = makeBaseline(x, 'mean');
      for (const [ri, r] of regions.entries()) {
        const target: RiseTarget = { region: r.region, labels: pred, classIndex: r.classIndex };
        const score = regionConfidence(
          (b) => model.forward(b),
          (s, c) => classProbability(s, c, model.outputKind),
          target,
        );
        for (const form of FORMS) {
          const again = await runRise(tf.zeros([1, h, w, 1]), async () => [], target, settings(form), {
            cached: {
              count: packed.length,
              labelAt: (i, px) => packedLabelAt(packed[i] as Uint8Array, numClasses, px),
            },
            regionProbability: () => Promise.reject(new Error('the study runs no pass per region')),
            cachedProbabilities: probabilities[ri],
          });
          const raw = (await again.map.data()) as Float32Array;
          again.map.dispose();
          const map = postProcessHost(raw, [h, w], [h, w]);
          const mapTensor = tf.tensor2d(map, [h, w]);
          const curves = await perturbationCurves(x, mapTensor, baseline, score, {
            steps: CURVE_STEPS,
            batchSize: model.maxBatch,
          });
          mapTensor.dispose();
          let kept = 0;
          for (const v of map) if (v > THRESHOLD) kept++;
          rows.push({
            model: id,
            kind: r.kind,
            form,
            mass: relevanceMass(map, r.box, [h, w]).mass,
            deletion: curves.deletion.auc,
            insertion: curves.insertion.auc,
            kept: kept / map.length,
            chance: r.box.reduce((a, b) => a + b, 0) / map.length,
          });
        }
      }
      baseline.dispose();
      x.dispose();
      console.log(`${id}: ${rows.filter((r) => r.model === id).length / FORMS.length} regions so far`);
    }
    model.dispose();
  }
  const minutes = (performance.now() - started) / 60_000;
  // Models not run this time keep their earlier rows (STUDY_MODELS runs a subset).
  const file = 'docs/data/rise-weights.json';
  const earlier = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { rows: WeightRow[]; minutes: Record<string, number> })
    : null;
  const all = [...(earlier?.rows ?? []).filter((r) => !models.includes(r.model)), ...rows];
  const times = { ...(earlier?.minutes ?? {}), [models.join('+')]: Math.round(minutes * 10) / 10 };
  mkdirSync('docs/data', { recursive: true });
  writeFileSync(
    file,
    JSON.stringify(
      { N, scenes: SCENES, curveSteps: CURVE_STEPS, threshold: THRESHOLD, minutes: times, rows: all },
      null,
      1,
    ),
  );
  writeWeightsDoc(all, { N, scenes: SCENES, curveSteps: CURVE_STEPS, threshold: THRESHOLD, minutes: times });
  expect(rows.length).toBeGreaterThan(0);
});
