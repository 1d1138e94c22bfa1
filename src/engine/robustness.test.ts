import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAbort } from '../core/abort';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { readArtifacts } from '../../scripts/testing/nodeArtifacts';
import { defaultMethodSettings } from '../methods/registry';
import { createTrainedModel } from '../model/trained';
import { Engine } from './engine';
import type { MethodCall } from './protocol';
import type { RobustnessRequest } from './robustnessTypes';

const FIX = 'scripts/testing/fixtures-trained';
const live = () => new AbortController().signal;
const METHODS: MethodCall[] = [
  { id: 'gradcam', settings: defaultMethodSettings().gradcam },
  { id: 'xres', settings: defaultMethodSettings().xres },
];

/** The first held-out scene as RGBA pixels (grey). */
function scene() {
  const meta = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));
  const bytes = readFileSync(`${FIX}/${meta.images}`).subarray(0, 96 * 96);
  const data = new Uint8ClampedArray(96 * 96 * 4);
  bytes.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { width: 96, height: 96, data };
}

let engine: Engine;
let req: RobustnessRequest;

beforeAll(async () => {
  await useCpuBackend();
  engine = new Engine();
  engine.setModel(await createTrainedModel('unet', readArtifacts('public/models/unet/model.json')));
  const { labels } = await engine.setImage(scene());
  const at = labels.findIndex((c) => c !== 0);
  req = {
    region: { kind: 'component', x: ((at % 96) + 0.5) / 96, y: (Math.floor(at / 96) + 0.5) / 96 },
    classIndex: null,
    layer: 'dec3_conv1',
    methods: METHODS,
    sigma: 0.1,
    draws: 3,
    seed: 1,
  };
});

describe('robustness read-out (maps under input noise) in the engine', () => {
  it('with σ = 0 every noisy map is the clean map: r = 1 for every draw', async () => {
    const r = await engine.robustness({ ...req, sigma: 0 }, () => undefined, live());
    expect(r.sigma).toBe(0);
    for (const id of ['gradcam', 'xres'] as const) {
      expect(r.methods[id]?.values).toHaveLength(3);
      r.methods[id]?.values.forEach((v) => expect(v).toBeCloseTo(1, 6));
    }
  });

  it('runs one pass per draw plus the clean one, with progress; noise lowers r; mean = the draws’ mean', async () => {
    const before = engine.counters.robustness ?? 0;
    const seen: number[] = [];
    const r = await engine.robustness(req, (p) => seen.push(p.done), live());
    expect(engine.counters.robustness).toBe(before + 4);
    expect(seen).toEqual([1, 2, 3, 4]);
    // σ = 10 % of the scene's range (its values span 0..1 after preprocessing, or nearly)
    expect(r.sigma).toBeGreaterThan(0.05);
    expect(r.sigma).toBeLessThanOrEqual(0.1);
    for (const id of ['gradcam', 'xres'] as const) {
      const { mean, values } = r.methods[id] ?? { mean: NaN, values: [] };
      values.forEach((v) => expect(v).toBeLessThan(0.9999));
      values.forEach((v) => expect(v).toBeGreaterThanOrEqual(-1));
      expect(mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
    }
  });

  it('is seeded: the same seed gives the same read-out, another seed another', async () => {
    const two = { ...req, draws: 2 };
    const a = await engine.robustness(two, () => undefined, live());
    const b = await engine.robustness(two, () => undefined, live());
    const c = await engine.robustness({ ...two, seed: 2 }, () => undefined, live());
    expect(b.methods.gradcam?.values).toEqual(a.methods.gradcam?.values);
    expect(c.methods.gradcam?.values).not.toEqual(a.methods.gradcam?.values);
  });

  it('leaks no tensor, finished or cancelled', async () => {
    const tensors = tf.memory().numTensors;
    await engine.robustness(req, () => undefined, live());
    expect(tf.memory().numTensors).toBe(tensors);
    const ctrl = new AbortController();
    const cancelled = engine.robustness(req, (p) => p.done === 2 && ctrl.abort(), ctrl.signal);
    await expect(cancelled).rejects.toSatisfy(isAbort);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
