// npm run bench: ratios measured in one run on the cpu backend in Node (absolute times depend on the machine).
// Runs under vitest only for its module resolution (tfjs' ESM dist does not load in plain Node); it asserts nothing.
import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readArtifacts } from './testing/nodeArtifacts';
import { createSelfieModel, SELFIE } from '../src/model/selfie';
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
await engine.setImage({ width: 128, height: 128, data });
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
const heap = tf.memory();
console.log(`\nrecombine / full CAMs:  ${(recombine / full).toFixed(4)}  (target < 0.05: sliders never run the network)`);
console.log(`RISE re-weight / run:   ${(riseReuse / riseFull).toFixed(4)}  (target < 0.2)`);
console.log(`tensors held after the run: ${heap.numTensors}, ${(heap.numBytes / 2 ** 20).toFixed(1)} MiB`);
}, 600_000);
