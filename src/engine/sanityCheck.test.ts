import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAbort } from '../core/abort';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { readArtifacts } from '../../scripts/testing/nodeArtifacts';
import { createToyModel, toyPixels } from '../../scripts/testing/toyModel';
import { defaultMethodSettings } from '../methods/registry';
import { createTrainedModel } from '../model/trained';
import type { SegmentationModel } from '../model/types';
import type { HeatMap } from '../core/results';
import { blurredMap, randomMap } from '../explain/controls/controlMaps';
import { spearman } from '../explain/metrics/correlation';
import { Engine } from './engine';
import type { MethodCall, SanityProgress, SanityRequest, SanityResult } from './protocol';

const FIX = 'scripts/testing/fixtures-trained';
const live = () => new AbortController().signal;
const METHODS: MethodCall[] = [
  { id: 'gradcam', settings: defaultMethodSettings().gradcam },
  { id: 'xres', settings: defaultMethodSettings().xres },
];

/** The first held-out scene as RGBA pixels (grey), and a point on its largest object. */
function scene() {
  const meta = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8'));
  const bytes = readFileSync(`${FIX}/${meta.images}`).subarray(0, 96 * 96);
  const data = new Uint8ClampedArray(96 * 96 * 4);
  bytes.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { width: 96, height: 96, data };
}

let engine: Engine;
let model: SegmentationModel;
let x: tf.Tensor4D;
let req: SanityRequest;
/** the first test's check, compared with later ones */
let first: SanityResult;
const outputs = () => tf.tidy(() => Array.from(model.forward(x).dataSync()));

beforeAll(async () => {
  await useCpuBackend();
  engine = new Engine();
  model = await createTrainedModel('unet', readArtifacts('public/models/unet/model.json'));
  engine.setModel(model);
  const pixels = scene();
  const { labels } = await engine.setImage(pixels);
  // the object pixel nearest the centre of the scene's objects
  let best = -1;
  let sum = [0, 0, 0];
  labels.forEach((c, i) => c && (sum = [sum[0]! + 1, sum[1]! + (i % 96), sum[2]! + Math.floor(i / 96)]));
  const [cx, cy] = [sum[1]! / sum[0]!, sum[2]! / sum[0]!];
  let bestD = Infinity;
  labels.forEach((c, i) => {
    const d = c ? ((i % 96) - cx) ** 2 + (Math.floor(i / 96) - cy) ** 2 : Infinity;
    if (d < bestD) [best, bestD] = [i, d];
  });
  req = {
    region: { kind: 'component', x: ((best % 96) + 0.5) / 96, y: (Math.floor(best / 96) + 0.5) / 96 },
    classIndex: null,
    layer: 'dec3_conv1',
    methods: METHODS,
    seed: 1,
  };
  x = model.preprocess(pixels);
});

describe('sanity check (cascading weight randomisation) in the engine', () => {
  it(
    'maps the original, then every step; ρ is 1 for the original and falls ' + 'below 1 once weights are random',
    async () => {
      const progress: SanityProgress[] = [];
      const before = engine.counters.sanity ?? 0;
      const r = await engine.sanityCheck(req, (p) => progress.push(p), live());
      const total = r.steps.length;
      expect(total).toBeGreaterThanOrEqual(3);
      expect(total).toBeLessThanOrEqual(9);
      expect(engine.counters.sanity).toBe(before + total);
      expect(progress.map((p) => p.done)).toEqual(r.steps.map((_, i) => i + 1));
      expect(progress.every((p) => p.total === total)).toBe(true);
      expect(r.steps[0]?.layers).toEqual([]);
      expect(r.steps[1]?.layers).toEqual(['logits']);
      expect(r.target.layerShape).toEqual([24, 24, 32]);
      first = r;
      for (const id of ['gradcam', 'xres'] as const) {
        expect(r.steps[0]?.spearman[id]).toBe(1);
        const rho = r.steps.slice(1).map((s) => s.spearman[id] as number);
        // randomised weights change the map: every step's ρ is below 1, and the last is far from it
        rho.forEach((v) => expect(Number.isNaN(v) || v < 0.999).toBe(true));
        // Seg-Grad-CAM loses the original map (ρ ≈ −0.2 at the last step); Seg-XRes-CAM keeps ρ ≈ 0.8: its local
        // windows keep the map on the region's receptive field whatever the weights (the support, not the values).
        const last = rho.at(-1) as number;
        expect(Number.isNaN(last) || last < (id === 'gradcam' ? 0.5 : 0.95)).toBe(true);
        r.steps.forEach((s) => expect(s.maps[id]?.size).toEqual([96, 96]));
      }
      // the original step is the map the panel shows for the same request
      const shown = await engine.explainGradients({ ...req, methods: METHODS }, live());
      expect(Array.from(r.steps[0]?.maps.xres?.data ?? [])).toEqual(Array.from(shown.maps.xres?.data ?? []));
    },
  );

  it('puts eMPRT on the last step only: the entropy rise of its maps over the original maps', () => {
    const last = first.steps.at(-1);
    first.steps.slice(0, -1).forEach((s) => expect(s.emprt).toBeUndefined());
    for (const id of ['gradcam', 'xres'] as const) {
      const e = last?.emprt?.[id];
      const entropy = (m: Float32Array) => {
        // independent: in double precision over the positive values only, normalised by their sum
        const total = m.reduce((a, v) => a + Math.max(0, v), 0);
        return -Array.from(m).reduce((a, v) => (v > 0 ? a + (v / total) * Math.log(v / total) : a), 0);
      };
      const h0 = entropy(first.steps[0]?.maps[id]?.data as Float32Array);
      const h1 = entropy(last?.maps[id]?.data as Float32Array);
      expect(e?.original).toBeCloseTo(h0, 9);
      expect(e?.randomised).toBeCloseTo(h1, 9);
      expect(e?.rise).toBeCloseTo((h1 - h0) / h0, 9);
    }
  });

  it('gives the controls their ρ: edge 1 (model-independent), random re-drawn per step, blurred copies', () => {
    const steps = first.steps;
    expect(steps[0]?.controls).toEqual({ random: 1, edge: 1, blurred: { gradcam: 1, xres: 1 } });
    steps.slice(1).forEach((s) => {
      expect(s.controls.edge).toBe(1);
      // recomputed here from the controls' definitions and the step's own maps
      expect(s.controls.random).toBeCloseTo(spearman(randomMap([96, 96], 1), randomMap([96, 96], 1 + s.step)), 9);
      expect(Math.abs(s.controls.random)).toBeLessThan(0.05);
      const blur = (m: HeatMap | undefined) => blurredMap(m?.data ?? [], [96, 96]);
      expect(s.controls.blurred.gradcam).toBeCloseTo(spearman(blur(steps[0]?.maps.gradcam), blur(s.maps.gradcam)), 9);
    });
  });

  it('is seeded: the same seed gives the same maps, another seed other maps', async () => {
    const a = first;
    const b = await engine.sanityCheck(req, () => undefined, live());
    const maps = (r: typeof a) => r.steps.map((s) => Array.from(s.maps.gradcam?.data ?? []));
    expect(maps(b)).toEqual(maps(a));
    // another seed: the original is the same map, the first random step another (stopped there, to save time)
    const ctrl = new AbortController();
    const other: SanityProgress['step'][] = [];
    await engine
      .sanityCheck({ ...req, seed: 2 }, (p) => (other.push(p.step), p.done === 2 && ctrl.abort()), ctrl.signal)
      .catch(() => undefined);
    expect(Array.from(other[0]?.maps.gradcam?.data ?? [])).toEqual(maps(a)[0]);
    expect(Array.from(other[1]?.maps.gradcam?.data ?? [])).not.toEqual(maps(a)[1]);
  });

  it(
    "leaves the model's outputs bit-identical and leaks no tensor: after a " +
      'full check, a cancelled one and a superseded one',
    async () => {
      // a fresh image first: no cached A and G, which the new image of the superseding step below would drop
      await engine.setImage(scene());
      const original = outputs();
      const tensors = tf.memory().numTensors;
      await engine.sanityCheck(req, () => undefined, live());
      expect(outputs()).toEqual(original);
      expect(tf.memory().numTensors).toBe(tensors);

      // cancelled after its second step
      const ctrl = new AbortController();
      const cancelled = engine.sanityCheck(req, (p) => p.done === 2 && ctrl.abort(), ctrl.signal);
      await expect(cancelled).rejects.toSatisfy(isAbort);
      expect(outputs()).toEqual(original);
      expect(tf.memory().numTensors).toBe(tensors);

      // superseded: a new image stops it (and the image's own tensors are replaced one for one)
      const pixels = scene();
      let replaced: Promise<unknown> | null = null;
      const superseded = engine.sanityCheck(req, (p) => p.done === 1 && (replaced = engine.setImage(pixels)), live());
      await expect(superseded).rejects.toSatisfy(isAbort);
      await replaced;
      expect(outputs()).toEqual(original);
      expect(tf.memory().numTensors).toBe(tensors);
    },
  );

  it('refuses a model that cannot swap its weights, with its reason', async () => {
    const toy = new Engine();
    toy.setModel(createToyModel({ sanityUnavailable: 'The sanity check is not available: no weights.' }));
    await toy.setImage(toyPixels());
    const before = tf.memory().numTensors;
    await expect(
      toy.sanityCheck(
        { ...req, region: { kind: 'point', x: 0.5, y: 0.5 }, layer: 'grey', classIndex: 1 },
        () => undefined,
        live(),
      ),
    ).rejects.toThrow('no weights');
    expect(tf.memory().numTensors).toBe(before);
  });
});
