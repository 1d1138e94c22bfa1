// npm run bench: ratios measured in one run on the cpu backend in Node (absolute times depend on the machine).
// Runs under vitest only for its module resolution (tfjs' ESM dist does not load in plain Node); it asserts nothing.
import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readArtifacts } from './testing/nodeArtifacts';
import { createSelfieModel, SELFIE } from '../src/model/selfie';
import { reweightRise } from '../src/explain/rise';
import { buildTarget } from '../src/explain/target';
import { Engine } from '../src/worker/engine';

async function time(label: string, fn: () => Promise<unknown>, reps = 3): Promise<number> {
  await fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  const ms = (performance.now() - t0) / reps;
  console.log(`${label.padEnd(48)} ${ms.toFixed(1).padStart(9)} ms`);
  return ms;
}

it('benchmark', async () => {
await tf.setBackend('cpu');
const engine = new Engine();
engine.setModel(await createSelfieModel(readArtifacts('public/models/selfie/selfie.json')));
const data = new Uint8ClampedArray(128 * 128 * 4).map((_, i) => (i * 37) % 251);
const prediction = await engine.setImage({ width: 128, height: 128, data });
const region = { kind: 'point' as const, x: 0.5, y: 0.4 };
const live = new AbortController().signal;
const xres = (pool: 'max' | 'mean', window: number) => ({ id: 'xres' as const, settings: { pool, window, edges: 'valid' as const } });
const cams = (x: number) => engine.explainGradients({ region: { ...region, x }, classIndex: 1, layer: SELFIE.bottleneck, methods: [{ id: 'gradcam', settings: {} }, xres('max', 2)] }, live);
const rise = (seed: number, x = 0.5) => engine.runJob({ region: { ...region, x }, classIndex: 1, layer: SELFIE.bottleneck, baseline: 'mean', method: { id: 'rise', settings: { count: 32, gridSize: 8, keepProbability: 0.5, seed } } }, () => undefined, live);

let k = 0;

const full = await time('CAMs, new region (forward + backward)', () => cams(0.3 + 0.01 * k++));
const recombine = await time('Seg-XRes-CAM recombine (cached A and G)', () => engine.recombine({ methods: [xres('mean', 4)] }, live));
let seed = 100;
const riseFull = await time('RISE, 32 masks, forward passes', () => rise(seed++), 1);
const riseReuse = await time('RISE, 32 masks, new region re-weighted', () => rise(seed - 1, 0.3), 1);
// At the app's size: N = 2000 masks. A full run is dominated by its forward passes and grows linearly with N, so
// its cost is the per-mask cost of a 32-mask run times 2000 (a 2000-mask run on the cpu backend takes ~12 minutes).
const perMask = (await time('RISE, 32 masks, forward passes (again, for the per-mask cost)', () => rise(seed++), 1)) / 32;
// Re-targeting reads each mask's cached prediction at the region's pixels only; here every mask "predicts" the
// unmasked image's labels (same cost as real ones), so N = 2000 is measured without 2000 forward passes.
const target = buildTarget({ kind: 'box', x0: 0.2, y0: 0.2, x1: 0.75, y1: 0.75, exact: true }, { labels: prediction.labels, grid: { width: 256, height: 256 }, numClasses: 2, classNames: ['bg', 'person'], classIndex: 1 });
const settings2000 = { count: 2000, gridSize: 8, keepProbability: 0.5, seed: 7, baseline: 'mean' as const, batchSize: 8 };
const retarget2000 = await time('RISE, 2000 masks, new region re-weighted', async () => reweightRise((_m, px) => prediction.labels[px] as number, target, settings2000, [256, 256]).dispose(), 2);
const heap = tf.memory();
console.log(`\nrecombine / full CAMs:  ${(recombine / full).toFixed(4)}  (target < 0.05: sliders never run the network)`);
console.log(`RISE re-weight / run:   ${(riseReuse / riseFull).toFixed(4)}  (32 masks)`);
console.log(`RISE re-target / full run at N = 2000: ${(retarget2000 / (2000 * perMask)).toFixed(4)}  (goal ≤ 0.05; full run = 2000 × ${perMask.toFixed(1)} ms per mask)`);
console.log(`tensors held after the run: ${heap.numTensors}, ${(heap.numBytes / 2 ** 20).toFixed(1)} MiB`);
}, 600_000);
