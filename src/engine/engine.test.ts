import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { readArtifacts } from '../../scripts/testing/nodeArtifacts';
import { defaultMethodSettings, METHODS, type MethodSettings } from '../methods/registry';
import { createSelfieModel, SELFIE } from '../model/selfie';
import { Engine } from './engine';
import type { GradientRequest, JobRequest, MethodCall } from './protocol';

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
const live = () => new AbortController().signal;
const xres = (s: Partial<MethodSettings['xres']> = {}): MethodCall => ({
  id: 'xres',
  settings: { ...defaultMethodSettings().xres, ...s },
});
const GRADIENT_METHODS: MethodCall[] = METHODS.filter((m) => m.needs === 'gradients').map(
  (m) => ({ id: m.id, settings: defaultMethodSettings()[m.id] }) as MethodCall,
);
const cams = (over: Partial<GradientRequest> = {}): GradientRequest => ({
  region: { kind: 'point', x: 0.5, y: 0.4 },
  classIndex: 1,
  layer: SELFIE.bottleneck,
  methods: [{ id: 'gradcam', settings: {} }, xres()],
  ...over,
});
const rise = (
  over: Partial<MethodSettings['rise']> = {},
  region: JobRequest['region'] = { kind: 'point', x: 0.5, y: 0.4 },
): JobRequest => ({
  region,
  classIndex: 1,
  layer: SELFIE.bottleneck,
  baseline: 'mean',
  method: {
    id: 'rise',
    settings: {
      count: 16,
      gridSize: 4,
      keepProbability: 0.5,
      seed: 3,
      stop: 'all',
      tolerance: 1,
      weighting: 'dice',
      ...over,
    },
  },
});
const scorecam = (): JobRequest => ({
  region: { kind: 'point', x: 0.5, y: 0.4 },
  classIndex: 1,
  layer: SELFIE.bottleneck,
  baseline: 'mean',
  method: { id: 'scorecam', settings: {} },
});

beforeAll(async () => {
  await useCpuBackend();
  engine = new Engine();
  engine.setModel(await createSelfieModel(readArtifacts('public/models/selfie/selfie.json')));
  await engine.setImage(pixels());
});

describe('Engine', () => {
  it('explains a point with every gradient method from one backward pass, maps on the input grid', async () => {
    const before = engine.counters.gradient;
    const r = await engine.explainGradients(
      cams({ methods: GRADIENT_METHODS, region: { kind: 'point', x: 0.52, y: 0.4 } }),
      live(),
    );
    expect(engine.counters.gradient).toBe(before + 1);
    expect(r.target.layerShape).toEqual([16, 16, 32]);
    expect(Object.keys(r.maps).sort()).toEqual(GRADIENT_METHODS.map((m) => m.id).sort());
    for (const map of Object.values(r.maps)) {
      expect(map.size).toEqual([256, 256]);
      expect(Math.max(...map.data)).toBeLessThanOrEqual(1);
    }
  });

  it('recombining pool and window runs no network and matches a fresh computation', async () => {
    await engine.explainGradients(cams(), live());
    const before = { ...engine.counters };
    const mean = await engine.recombine({ methods: [xres({ pool: 'mean', window: 4, edges: 'reference' })] }, live());
    expect({ ...engine.counters, recombine: 0 }).toEqual({ ...before, recombine: 0 });
    expect(engine.counters.recombine).toBe((before.recombine ?? 0) + 1);
    const fresh = await engine.explainGradients(
      cams({
        methods: [xres({ pool: 'mean', window: 4, edges: 'reference' })],
        region: { kind: 'point', x: 0.5, y: 0.41 },
      }),
      live(),
    );
    const again = await engine.explainGradients(
      cams({ methods: [xres({ pool: 'mean', window: 4, edges: 'reference' })] }),
      live(),
    );
    expect(Array.from(mean.maps.xres?.data ?? [])).toEqual(Array.from(again.maps.xres?.data ?? []));
    expect(fresh.maps.xres).toBeDefined();
  });

  it('window 0 means the whole grid: Seg-XRes-CAM(mean) equals Seg-Grad-CAM', async () => {
    const r = await engine.explainGradients(
      cams({ methods: [{ id: 'gradcam', settings: {} }, xres({ pool: 'mean', window: 0 })] }),
      live(),
    );
    const [g, x] = [Array.from(r.maps.gradcam?.data ?? []), Array.from(r.maps.xres?.data ?? [])];
    const diff = g.reduce((m, v, i) => Math.max(m, Math.abs(v - (x[i] as number))), 0);
    expect(diff).toBeLessThan(1e-4);
  });

  it('refuses an empty region with a message', async () => {
    await expect(
      engine.explainGradients(cams({ region: { kind: 'component', x: 0.01, y: 0.99 }, classIndex: 1 }), live()),
    ).rejects.toThrow(/region is empty/);
  });

  it('RISE re-weights cached predictions for a new region without a forward pass', async () => {
    const first = await engine.runJob(rise(), () => undefined, live());
    expect(first.reused).toBe(false);
    const runs = engine.counters.rise;
    const second = await engine.runJob(rise({}, { kind: 'point', x: 0.3, y: 0.3 }), () => undefined, live());
    expect(second.reused).toBe(true);
    expect(engine.counters.rise).toBe(runs);
  });

  it('RISE’s mean-probability form re-uses its weights for the same region only, new passes for another', async () => {
    const before = tf.memory().numTensors;
    const runs = engine.counters.rise ?? 0;
    const first = await engine.runJob(rise({ weighting: 'probability' }), () => undefined, live());
    expect(first.reused).toBe(false);
    expect(engine.counters.rise).toBe(runs + 16);
    const again = await engine.runJob(rise({ weighting: 'probability' }), () => undefined, live());
    expect(again.reused).toBe(true);
    // the same map, up to float rounding (re-weighting sums the masks in another order)
    const diff = again.map.data.reduce((m, v, i) => Math.max(m, Math.abs(v - (first.map.data[i] as number))), 0);
    expect(diff).toBeLessThan(1e-5);
    const other = await engine.runJob(
      rise({ weighting: 'probability' }, { kind: 'point', x: 0.3, y: 0.3 }),
      () => undefined,
      live(),
    );
    expect(other.reused).toBe(false);
    expect(engine.counters.rise).toBe(runs + 32);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('Score-CAM runs one forward pass per channel plus the baseline, with progress', async () => {
    const before = engine.counters.scorecam ?? 0;
    const seen: number[] = [];
    const r = await engine.runJob(scorecam(), (p) => seen.push(p.done), live());
    expect((engine.counters.scorecam ?? 0) - before).toBe(32 + 1);
    expect(seen.at(-1)).toBe(32);
    expect(r.map.size).toEqual([256, 256]);
  });

  it('sufficiency reports Dice and retained share for a method', async () => {
    await engine.explainGradients(cams(), live());
    const r = await engine.sufficiency({ method: 'gradcam', threshold: 0.2, baseline: 'black' }, live());
    expect(r.retained).toBeGreaterThan(0);
    expect(r.retained).toBeLessThanOrEqual(1);
    expect(r.dice).toBeGreaterThanOrEqual(0);
  });

  it('keeps a constant number of tensors across repeated explanations (no leak through caches)', async () => {
    await engine.explainGradients(
      cams({ methods: GRADIENT_METHODS, region: { kind: 'point', x: 0.4, y: 0.4 } }),
      live(),
    );
    await engine.runJob(rise(), () => undefined, live());
    await engine.runJob(scorecam(), () => undefined, live());
    await engine.sufficiency({ method: 'xres', threshold: 0.2, baseline: 'mean' }, live());
    const before = tf.memory().numTensors;
    await engine.explainGradients(
      cams({ methods: GRADIENT_METHODS, region: { kind: 'point', x: 0.6, y: 0.5 } }),
      live(),
    );
    await engine.recombine({ methods: [xres({ pool: 'mean', window: 3 })] }, live());
    await engine.runJob(rise({ seed: 4 }), () => undefined, live());
    await engine.runJob(scorecam(), () => undefined, live());
    const cancelled = new AbortController();
    const job = engine.runJob(scorecam(), () => cancelled.abort(), cancelled.signal);
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    await engine.sufficiency({ method: 'rise', threshold: 0.2, baseline: 'mean' }, live());
    await engine.sufficiency({ method: 'scorecam', threshold: 0.2, baseline: 'mean' }, live());
    await engine.sufficiency({ method: 'xres', threshold: 0.5, baseline: 'blur' }, live());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an aborted job stops between batches with an AbortError; a new image aborts running jobs', async () => {
    const ctrl = new AbortController();
    const old = engine.runJob(rise({ seed: 99, count: 64 }), () => undefined, ctrl.signal);
    ctrl.abort();
    await expect(old).rejects.toMatchObject({ name: 'AbortError' });
    const running = engine.runJob(rise({ seed: 97, count: 64 }), () => undefined, live());
    await engine.setImage(pixels());
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });
});
