import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { readArtifacts } from '../../scripts/testing/nodeArtifacts';
import { isAbort } from '../core/abort';
import { SMOOTHGRAD_SEED, SMOOTHGRAD_SIGMA } from '../core/smoothGrad';
import { gradientsOfScore } from '../explain/activationGradients';
import { noiseSigma, noisyCopy } from '../explain/metrics/robustness';
import { weightedScore, weightsTensor } from '../explain/score';
import { buildTarget } from '../explain/target';
import { createSelfieModel, SELFIE } from '../model/selfie';
import type { SegmentationModel } from '../model/types';
import { Engine } from './engine';
import type { GradientRequest } from './protocol';

/** A bright blob on a dark ground, 64×48 RGBA (as engine.test.ts). */
function pixels() {
  const [width, height] = [64, 48];
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - 32, y - 20) < 14 ? 220 : 30;
      data.set([d, (d * 0.8) | 0, (d * 0.7) | 0, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

const live = () => new AbortController().signal;
const cams = (over: Partial<GradientRequest> = {}): GradientRequest => ({
  region: { kind: 'point', x: 0.5, y: 0.4 },
  classIndex: 1,
  layer: SELFIE.bottleneck,
  methods: [{ id: 'gradcam', settings: {} }],
  ...over,
});
/** A signal that reads as aborted once `when()` holds: a cancel that lands between two copies. */
const abortedWhen = (when: () => boolean) =>
  ({
    get aborted() {
      return when();
    },
  }) as AbortSignal;

let engine: Engine;
let model: SegmentationModel;
let labels: Uint8Array;

beforeAll(async () => {
  await useCpuBackend();
  model = await createSelfieModel(readArtifacts('public/models/selfie/selfie.json'));
  engine = new Engine();
  engine.setModel(model);
  labels = (await engine.setImage(pixels())).labels;
});

/** A and G of one independent forward + backward pass on `x`, for the target of `req`, as host arrays. */
function singlePass(x: tf.Tensor4D, req: GradientRequest): { a: Float32Array; g: Float32Array } {
  const [height, width] = model.outputSize;
  const target = buildTarget(req.region, {
    labels,
    grid: { width, height },
    numClasses: model.classes.length,
    classNames: model.classes.map((c) => c.name),
    classIndex: req.classIndex,
  });
  const weights = weightsTensor(target, [height, width]);
  const a = model.runToLayer(x, req.layer);
  const r = gradientsOfScore(
    (t) => model.runFromLayer(x, req.layer, t),
    a,
    (y) => weightedScore(y, weights),
  );
  const out = { a: r.activations.dataSync() as Float32Array, g: r.gradients.dataSync() as Float32Array };
  tf.dispose([weights, a, r.activations, r.gradients]);
  return out;
}

function expectClose(actual: Float32Array, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  expect(worst).toBeLessThanOrEqual(1e-6 * Math.max(scale, 1));
}

describe('SmoothGrad in the gradient pass', () => {
  it('n = 1, n absent and σ = 0 give exactly the plain A and G', async () => {
    const plain = await engine.explainGradients(cams(), live());
    const region = { kind: 'point', x: 0.45, y: 0.42 } as const;
    const fresh = await engine.explainGradients(cams({ region }), live());
    const before = engine.counters.gradient;
    // σ = 0 with n = 3: one pass, not three (every copy would be the clean image), and the same numbers.
    const zero = await engine.explainGradients(cams({ smoothGrad: 3, smoothSigma: 0 }), live());
    expect(engine.counters.gradient).toBe(before + 1);
    const one = await engine.explainGradients(cams({ smoothGrad: 1, region }), live());
    for (const r of [zero, one]) expect(r.tensors).toBeDefined();
    expect(Array.from(zero.tensors?.activations ?? [])).toEqual(Array.from(plain.tensors?.activations ?? []));
    expect(Array.from(zero.tensors?.gradients ?? [])).toEqual(Array.from(plain.tensors?.gradients ?? []));
    expect(Array.from(one.tensors?.gradients ?? [])).toEqual(Array.from(fresh.tensors?.gradients ?? []));
  });

  it('n = 2 caches the mean of A and of G over two single passes on the seeded noisy inputs', async () => {
    const req = cams({ smoothGrad: 2 });
    const before = engine.counters.gradient;
    const r = await engine.explainGradients(req, live());
    expect(engine.counters.gradient).toBe(before + 2);
    const input = model.preprocess(pixels());
    const values = input.dataSync();
    const sigma = noiseSigma(values, SMOOTHGRAD_SIGMA);
    expect(sigma).toBeGreaterThan(0);
    const passes = [1, 2].map((k) => {
      const x = tf.tensor4d(noisyCopy(values, sigma, SMOOTHGRAD_SEED, k), input.shape);
      const out = singlePass(x, req);
      x.dispose();
      return out;
    });
    const clean = singlePass(input, req);
    input.dispose();
    const [p1, p2] = passes as [(typeof passes)[0], (typeof passes)[0]];
    expectClose(
      r.tensors?.activations ?? new Float32Array(),
      Array.from(p1.a, (v, i) => (v + p2.a[i]!) / 2),
    );
    expectClose(
      r.tensors?.gradients ?? new Float32Array(),
      Array.from(p1.g, (v, i) => (v + p2.g[i]!) / 2),
    );
    // The noise is real: the smoothed G is not the clean one.
    expect(Array.from(r.tensors?.gradients ?? [])).not.toEqual(Array.from(clean.g));
    // The cache key holds n: asking again runs nothing, n = 3 runs three passes.
    await engine.explainGradients(req, live());
    expect(engine.counters.gradient).toBe(before + 2);
    await engine.explainGradients(cams({ smoothGrad: 3 }), live());
    expect(engine.counters.gradient).toBe(before + 5);
  });

  it('a cancel between copies stops the pass; a newer request supersedes; no tensor leaks', async () => {
    await engine.explainGradients(cams(), live());
    const tensors = tf.memory().numTensors;
    const before = engine.counters.gradient;
    const cancelled = engine.explainGradients(
      cams({ smoothGrad: 4, region: { kind: 'point', x: 0.55, y: 0.4 } }),
      abortedWhen(() => engine.counters.gradient >= before + 1),
    );
    await expect(cancelled).rejects.toSatisfy(isAbort);
    expect(engine.counters.gradient).toBe(before + 1);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensors);
    // Superseded: the client aborts the older call when a newer one starts; the newer one gets the engine.
    const old = new AbortController();
    const first = engine.explainGradients(
      cams({ smoothGrad: 4, region: { kind: 'point', x: 0.5, y: 0.45 } }),
      old.signal,
    );
    const second = engine.explainGradients(cams({ smoothGrad: 2 }), live());
    old.abort();
    await expect(first).rejects.toSatisfy(isAbort);
    expect((await second).maps.gradcam).toBeDefined();
    await engine.explainGradients(cams({ smoothGrad: 2 }), live());
    const settled = tf.memory().numTensors;
    await engine.explainGradients(cams({ smoothGrad: 3, region: { kind: 'point', x: 0.5, y: 0.42 } }), live());
    await engine.explainGradients(cams({ smoothGrad: 2 }), live());
    expect(tf.memory().numTensors).toBe(settled);
  });
});
