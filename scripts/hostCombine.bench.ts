// Host recombination (plain JS, no tfjs) of a slider change vs the tfjs cpu combine, measured in one run at the real
// layer sizes. Goal: one repaint within a frame, ≤ 16 ms. Asserts nothing; absolute times depend on the machine.
import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SELFIE } from '../src/model/selfie';
import { combineMap, type CombineCall } from '../src/methods/combine';
import { toHeatMap } from '../src/engine/heatmap';
import { randomHost } from './testing/hostData';
import { oracleOf } from './testing/oracles';

// Layer shapes: selfie bottleneck (src/model/selfie.test.ts), the trained models' default layers (docs/default-layers.md);
// input sizes: SELFIE.size, and 96×96 in public/models/{unet,deeplab}/model.json. Last: the largest layer we allow.
const LAYERS: { name: string; shape: [number, number, number]; size: [number, number] }[] = [
  { name: `selfie ${SELFIE.bottleneck}`, shape: [16, 16, 32], size: [SELFIE.size, SELFIE.size] },
  { name: 'UNet dec3_conv1', shape: [24, 24, 32], size: [96, 96] },
  { name: 'DeepLab aspp_project_conv', shape: [12, 12, 48], size: [96, 96] },
  { name: 'largest layer', shape: [64, 64, 256], size: [256, 256] },
];

/** Median and 95th-percentile time of `fn` over `reps` runs after `warm` warm-up runs, in ms. */
async function time(fn: () => unknown, reps: number, warm = 5): Promise<{ median: number; p95: number }> {
  const run = async () => {
    const r = fn();
    if (r instanceof Promise) await r; // no await for the host path: its result is there when it returns
  };
  for (let i = 0; i < warm; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { median: times[reps >> 1]!, p95: times[Math.floor(reps * 0.95)]! };
}

it('host recombination benchmark', async () => {
  await tf.setBackend('cpu');
  const ms = (x: number) => x.toFixed(2).padStart(8);
  const lines = [
    `${'layer [h, w, K] → input'.padEnd(52)} ${'method'.padEnd(22)} ${'host median'.padStart(11)} ${'p95'.padStart(8)}  goal (p95)  ${'tfjs cpu median'.padStart(15)}  speed-up`,
  ];
  for (const { name, shape, size } of LAYERS) {
    const [a, g] = [randomHost(shape, 1), randomHost(shape, 2)];
    const [at, gt] = [tf.tensor3d(a.data, shape), tf.tensor3d(g.data, shape)];
    const out = new Float32Array(size[0] * size[1]);
    const half = Math.floor(Math.max(shape[0], shape[1]) / 2);
    const calls: [string, CombineCall][] = [
      [`Seg-XRes-CAM max ${half}×${half}`, { id: 'xres', settings: { pool: 'max', window: half, edges: 'valid' } }],
      [`Seg-XRes-CAM mean ${half}×${half}`, { id: 'xres', settings: { pool: 'mean', window: half, edges: 'valid' } }],
      ['Grad-CAM++', { id: 'gradcampp', settings: {} }],
    ];
    for (const [label, call] of calls) {
      const host = await time(() => combineMap(call, a, g, size, out), 200, 20);
      const compute = oracleOf(call.id);
      // The tfjs path as the engine runs it: combine, then toHeatMap (post-processing and the download).
      const tfjs = await time(
        async () => {
          const raw = compute.combine(at, gt, call.settings);
          (await toHeatMap(raw, size)).tensor.dispose();
          raw.dispose();
        },
        a.data.length > 1e5 ? 5 : 20,
        2,
      );
      const verdict = host.p95 <= 16 ? '≤ 16 ms ✓' : '≤ 16 ms ✗';
      lines.push(
        `${`${name} [${shape.join(', ')}] → ${size.join('×')}`.padEnd(52)} ${label.padEnd(22)} ${ms(host.median).padStart(11)} ${ms(host.p95)}  ${verdict.padEnd(10)}  ${ms(tfjs.median).padStart(15)}  ×${(tfjs.median / host.median).toFixed(0)}`,
      );
    }
    at.dispose();
    gt.dispose();
  }
  console.log(lines.join('\n')); // one block: vitest prefixes every console.log with a header
}, 600_000);
