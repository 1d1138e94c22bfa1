import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAbort } from '../core/abort';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { readArtifacts } from '../../scripts/testing/nodeArtifacts';
import { defaultMethodSettings } from '../methods/registry';
import { createTrainedModel } from '../model/trained';
import type { SegmentationModel } from '../model/types';
import { Engine } from './engine';
import type { LayerSweepProgress, LayerSweepRequest, MethodCall } from './protocol';

const FIX = 'scripts/testing/fixtures-trained';
const live = () => new AbortController().signal;
const METHODS: MethodCall[] = [
  { id: 'gradcam', settings: defaultMethodSettings().gradcam },
  { id: 'xres', settings: defaultMethodSettings().xres },
  { id: 'layercam', settings: defaultMethodSettings().layercam },
];
const LAYERS = ['bottleneck', 'dec3_conv1', 'enc2_relu2', 'dec2_conv2'];

/** The first held-out scene as grey RGBA pixels. */
function scene() {
  const meta = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));
  const bytes = readFileSync(`${FIX}/${meta.images}`).subarray(0, 96 * 96);
  const data = new Uint8ClampedArray(96 * 96 * 4);
  bytes.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { width: 96, height: 96, data };
}

let model: SegmentationModel;
let req: LayerSweepRequest;
const pixels = scene();

async function engineWith(m: SegmentationModel): Promise<Engine> {
  const engine = new Engine();
  engine.setModel(m);
  await engine.setImage(pixels);
  return engine;
}

beforeAll(async () => {
  await useCpuBackend();
  model = await createTrainedModel('unet', readArtifacts('public/models/unet/model.json'));
  const { labels } = await (await engineWith(model)).setImage(pixels);
  const first = labels.findIndex((c, i) => c > 0 && labels[i + 1] === c && labels[i + 96] === c);
  req = {
    region: { kind: 'component', x: ((first % 96) + 0.5) / 96, y: (Math.floor(first / 96) + 0.5) / 96 },
    classIndex: null,
    layers: LAYERS,
    methods: METHODS,
  };
});

describe('the layer sweep', () => {
  it('gives, at every layer, the maps the app computes at that layer, from one backward pass', async () => {
    const engine = await engineWith(model);
    const progress: LayerSweepProgress[] = [];
    const gradientsBefore = engine.counters.gradient;
    const r = await engine.layerSweep(req, (p) => progress.push(p), live());
    expect(r.onePass).toBe(true);
    expect(engine.counters.gradient - gradientsBefore).toBe(1);
    expect(r.rows.map((row) => row.layer)).toEqual(LAYERS);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    for (const row of r.rows) {
      const one = await engine.explainGradients({ ...req, layer: row.layer }, live());
      for (const m of METHODS) {
        const want = one.maps[m.id]?.data as Float32Array;
        const got = row.maps[m.id]?.data as Float32Array;
        let worst = 0;
        for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((got[i] ?? NaN) - (want[i] as number)));
        expect(worst, `${m.id} at ${row.layer}`).toBeLessThan(1e-4);
        expect(row.mass[m.id]).toBeGreaterThanOrEqual(0);
        expect(row.mass[m.id]).toBeLessThanOrEqual(1);
      }
    }
    // the maps differ between layers: the sweep is not one map repeated
    const a = r.rows[0]?.maps.xres?.data as Float32Array;
    const b = r.rows[1]?.maps.xres?.data as Float32Array;
    expect(a.some((v, i) => Math.abs(v - (b[i] as number)) > 0.05)).toBe(true);
  });

  it('falls back to a backward pass per layer for a model that cannot tap its layers, same maps', async () => {
    const tapped = await (await engineWith(model)).layerSweep(req, () => undefined, live());
    const plain = await engineWith({ ...model, runWithTaps: undefined });
    const r = await plain.layerSweep(req, () => undefined, live());
    expect(r.onePass).toBe(false);
    expect(plain.counters.gradient).toBe(LAYERS.length);
    r.rows.forEach((row, i) => {
      const want = tapped.rows[i]?.maps.gradcam?.data as Float32Array;
      const got = row.maps.gradcam?.data as Float32Array;
      expect(Math.max(...got.map((v, j) => Math.abs(v - (want[j] as number))))).toBeLessThan(1e-4);
    });
  });

  it('leaks no tensors, finished, cancelled or refused', async () => {
    const engine = await engineWith(model);
    await engine.layerSweep(req, () => undefined, live()); // warm-up: kernels, caches
    const tensors = tf.memory().numTensors;
    await engine.layerSweep(req, () => undefined, live());
    expect(tf.memory().numTensors).toBe(tensors);
    const ctrl = new AbortController();
    const cancelled = engine.layerSweep(req, (p) => p.done === 2 && ctrl.abort(), ctrl.signal);
    await expect(cancelled).rejects.toSatisfy(isAbort);
    expect(tf.memory().numTensors).toBe(tensors);
    await expect(engine.layerSweep({ ...req, layers: ['nope'] }, () => undefined, live())).rejects.toThrow(
      /None of the layers/,
    );
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
