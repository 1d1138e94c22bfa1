import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { readArtifacts } from '../../scripts/testing/nodeArtifacts';
import type { SufficiencyReading } from '../core/results';
import { hostTensor } from '../explain/host/tensor';
import { combineMap } from '../methods/combine';
import { createSelfieModel, SELFIE } from '../model/selfie';
import { Engine } from './engine';
import { mapMetrics } from '../explain/metrics/mapMetrics';
import { metricsOf } from '../client/readMetrics';

const live = () => new AbortController().signal;
const settings = { pool: 'mean', window: 4, edges: 'reference' } as const;

let engine: Engine;

beforeAll(async () => {
  await useCpuBackend();
  engine = new Engine();
  engine.setModel(await createSelfieModel(readArtifacts('public/models/selfie/selfie.json')));
  const data = new Uint8ClampedArray(48 * 48 * 4).map((_, i) =>
    i % 4 === 3 ? 255 : Math.hypot(((i / 4) % 48) - 24, Math.floor(i / 192) - 20) < 12 ? 220 : 30,
  );
  await engine.setImage({ width: 48, height: 48, data });
});

describe('Engine host copies', () => {
  it('hands out A and G; maps recombined from them and adopted equal tfjs in map and sufficiency', async () => {
    const r = await engine.explainGradients(
      {
        region: { kind: 'point', x: 0.5, y: 0.42 },
        classIndex: 1,
        layer: SELFIE.bottleneck,
        methods: [{ id: 'gradcam', settings: {} }],
      },
      live(),
    );
    const t = r.tensors;
    expect(t?.shape).toEqual([16, 16, 32]);
    if (!t) return;
    const host = combineMap(
      { id: 'xres', settings },
      hostTensor(t.activations, t.shape),
      hostTensor(t.gradients, t.shape),
      [256, 256],
    );
    const tfjs = await engine.recombine({ methods: [{ id: 'xres', settings }] }, live());
    const want = tfjs.maps.xres?.data ?? new Float32Array();
    expect(Math.max(...host.data.map((v, i) => Math.abs(v - (want[i] as number))))).toBeLessThan(1e-5);
    const fromTfjs = await engine.sufficiency({ method: 'xres', threshold: 0.3, baseline: 'black' }, live());
    // A different map first, so that adopting is what puts the right one back.
    await engine.recombine({ methods: [{ id: 'xres', settings: { pool: 'max', window: 1, edges: 'valid' } }] }, live());
    expect(await engine.sufficiency({ method: 'xres', threshold: 0.3, baseline: 'black' }, live())).not.toEqual(
      fromTfjs,
    );
    const counted = engine.counters.gradient;
    await engine.adoptMaps({ xres: host });
    expect(await engine.sufficiency({ method: 'xres', threshold: 0.3, baseline: 'black' }, live())).toEqual(fromTfjs);
    expect(engine.counters.gradient).toBe(counted);
  });
});

describe('Engine read-outs', () => {
  it("confidence kept is 1 when all is kept, below 1 when little is; metrics equal docs/METHOD.md's", async () => {
    const region = { kind: 'point', x: 0.5, y: 0.42 } as const;
    const r = await engine.explainGradients(
      { region, classIndex: 1, layer: SELFIE.bottleneck, methods: [{ id: 'gradcam', settings: {} }] },
      live(),
    );
    const all = await engine.sufficiency({ method: 'gradcam', threshold: -1, baseline: 'black' }, live());
    expect(all.retained).toBe(1);
    expect(all.confidenceKept).toBeCloseTo(1, 6);
    const little = await engine.sufficiency({ method: 'gradcam', threshold: 0.95, baseline: 'black' }, live());
    expect(little.retained).toBeLessThan(0.2);
    expect(little.confidenceKept).not.toBeCloseTo(1, 3);
    const map = r.maps.gradcam;
    if (!map) throw new Error('no map');
    // Computed on the UI thread from the map it was sent (client/readMetrics.ts).
    const m = metricsOf({ gradcam: map }, r.target);
    expect(Object.keys(m)).toEqual(['gradcam']); // no RISE map yet: nothing for it, and no correlation
    expect(m.gradcam).toEqual(mapMetrics(map, r.target.mask, r.target.maskSize, null));
    expect(m.gradcam?.chance).toBeCloseTo(r.target.regionPixels / (256 * 256), 6);
  });

  it('says how much of the region predicts the class, and the probability confidence kept divides by', async () => {
    // One output pixel, explained as each of the selfie model's two classes: one is predicted there, the other not.
    const region = { kind: 'point', x: 0.5, y: 0.42 } as const;
    const readings = [];
    for (const classIndex of [0, 1]) {
      const r = await engine.explainGradients(
        { region, classIndex, layer: SELFIE.bottleneck, methods: [{ id: 'gradcam', settings: {} }] },
        live(),
      );
      expect(r.target.regionPixels).toBe(1);
      readings.push(await engine.sufficiency({ method: 'gradcam', threshold: 0.2, baseline: 'black' }, live()));
    }
    const [background, person] = readings as [SufficiencyReading, SufficiencyReading];
    expect([background.classPixels, person.classPixels].sort()).toEqual([0, 1]);
    // A sigmoid model: the two class probabilities of a pixel sum to 1, and the predicted one is above 1/2.
    expect(background.originalConfidence + person.originalConfidence).toBeCloseTo(1, 5);
    const predicted = background.classPixels === 1 ? background : person;
    expect(predicted.originalConfidence).toBeGreaterThan(0.5);
  });
});
