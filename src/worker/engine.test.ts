import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { readArtifacts } from '../../scripts/testing/nodeArtifacts';
import { createSelfieModel, SELFIE } from '../model/selfie';
import { Engine } from './engine';
import type { CamRequest, RiseRequest } from './protocol';

// A synthetic 64×48 RGBA picture: a bright blob on a dark ground (person-like enough for a non-empty prediction).
function pixels() {
  const width = 64;
  const height = 48;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - 32, y - 20) < 14 ? 220 : 30;
      data.set([d, (d * 0.8) | 0, (d * 0.7) | 0, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

let engine: Engine;
const cam = (over: Partial<CamRequest> = {}): CamRequest => ({
  jobId: 1, region: { mode: 'point', x: 0.5, y: 0.4 }, classIndex: 1, layer: SELFIE.bottleneck,
  pool: 'max', window: 2, edges: 'valid', ...over,
});
const rise = (over: Partial<RiseRequest> = {}): RiseRequest => ({
  jobId: 9, region: { mode: 'point', x: 0.5, y: 0.4 }, classIndex: 1, count: 16, gridSize: 4,
  keepProbability: 0.5, seed: 3, baseline: 'mean', ...over,
});

beforeAll(async () => {
  await useCpuBackend();
  engine = new Engine();
  engine.setModel(await createSelfieModel(readArtifacts('public/models/selfie/selfie.json')));
  await engine.setImage(pixels());
});

describe('Engine', () => {
  it('explains a point with two CAM maps on the input grid', async () => {
    const r = await engine.explainCams(cam());
    expect(r.layerShape).toEqual([16, 16, 32]);
    expect(r.gradCam.size).toEqual([256, 256]);
    expect(r.xresCam.data.length).toBe(256 * 256);
    expect(Math.max(...r.xresCam.data)).toBeLessThanOrEqual(1);
  });

  it('recombining pool and window runs no network and matches a fresh computation', async () => {
    await engine.explainCams(cam());
    const before = { ...engine.counters };
    const mean = await engine.recombine({ pool: 'mean', window: 4, edges: 'reference' });
    expect(engine.counters).toEqual(before);
    const fresh = await engine.explainCams(cam({ jobId: 2, pool: 'mean', window: 4, edges: 'reference' }));
    expect(mean.window).toEqual([4, 4]);
    expect(Array.from(mean.map.data)).toEqual(Array.from(fresh.xresCam.data));
  });

  it('window 0 means the whole grid: Seg-XRes-CAM(mean) equals Seg-Grad-CAM', async () => {
    const r = await engine.explainCams(cam({ jobId: 3, pool: 'mean', window: 0 }));
    expect(r.window).toEqual([16, 16]);
    const diff = r.gradCam.data.reduce((m, v, i) => Math.max(m, Math.abs(v - (r.xresCam.data[i] as number))), 0);
    expect(diff).toBeLessThan(1e-4);
  });

  it('refuses an empty region with a message', async () => {
    await expect(engine.explainCams(cam({ region: { mode: 'component', x: 0.01, y: 0.99 }, classIndex: 1 }))).rejects.toThrow(/region is empty/);
  });

  it('RISE re-weights cached predictions for a new region without a forward pass', async () => {
    const first = await engine.rise(rise(), () => undefined);
    expect(first.reused).toBe(false);
    const runs = engine.counters.rise;
    const second = await engine.rise(rise({ jobId: 10, region: { mode: 'point', x: 0.3, y: 0.3 } }), () => undefined);
    expect(second.reused).toBe(true);
    expect(engine.counters.rise).toBe(runs);
  });

  it('sufficiency reports Dice and retained share for a method', async () => {
    await engine.explainCams(cam({ jobId: 4 }));
    const r = await engine.sufficiency({ jobId: 5, method: 'gradcam', threshold: 0.2, baseline: 'black' });
    expect(r.retained).toBeGreaterThan(0);
    expect(r.retained).toBeLessThanOrEqual(1);
    expect(r.dice).toBeGreaterThanOrEqual(0);
  });

  it('keeps a constant number of tensors across repeated explanations (no leak through caches)', async () => {
    await engine.explainCams(cam({ jobId: 6, region: { mode: 'point', x: 0.4, y: 0.4 } }));
    await engine.rise(rise({ jobId: 11 }), () => undefined);
    await engine.sufficiency({ jobId: 7, method: 'xres', threshold: 0.2, baseline: 'mean' });
    const before = tf.memory().numTensors;
    await engine.explainCams(cam({ jobId: 8, region: { mode: 'point', x: 0.6, y: 0.5 } }));
    await engine.recombine({ pool: 'mean', window: 3, edges: 'valid' });
    await engine.rise(rise({ jobId: 12, seed: 4 }), () => undefined);
    await engine.sufficiency({ jobId: 13, method: 'rise', threshold: 0.2, baseline: 'mean' });
    await engine.sufficiency({ jobId: 14, method: 'xres', threshold: 0.5, baseline: 'blur' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a newer RISE job supersedes the running one', async () => {
    const old = engine.rise(rise({ jobId: 20, seed: 99, count: 64 }), () => undefined);
    const fresh = engine.rise(rise({ jobId: 21, seed: 98, count: 8 }), () => undefined);
    await expect(old).rejects.toThrow(/cancelled/);
    expect((await fresh).jobId).toBe(21);
  });
});
