import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { createToyModel, toyPixels } from '../../scripts/testing/toyModel';
import { AbortError } from '../core/abort';
import type { MethodCurves } from '../core/faithfulness';
import { makeBaseline } from '../explain/baseline';
import { blurredMap, edgeMap, randomMap } from '../explain/controls/controlMaps';
import { perturbationCurves, regionConfidence } from '../explain/metrics';
import { classProbability } from '../explain/probability';
import { buildTarget } from '../explain/target';
import { Engine } from './engine';
import type { CurvesProgress, CurvesRequest, GradientRequest } from './protocol';

const live = () => new AbortController().signal;
const region = { kind: 'component', x: 0.5, y: 0.5 } as const;
const cams: GradientRequest = {
  region,
  classIndex: 1,
  layer: 'grey',
  methods: [
    { id: 'gradcam', settings: {} },
    { id: 'layercam', settings: {} },
  ],
};
const request = (over: Partial<CurvesRequest> = {}): CurvesRequest => ({
  methods: ['gradcam', 'layercam'],
  threshold: 0.2,
  baseline: 'mean',
  ...over,
});
const model = createToyModel();
let engine: Engine;
let labels: Uint8Array;

beforeAll(async () => {
  await useCpuBackend();
  engine = new Engine();
  engine.setModel(model);
  labels = (await engine.setImage(toyPixels())).labels;
  await engine.explainGradients(cams, live());
});

/** Deletion and insertion of a map computed by explain/metrics directly, outside the engine. */
async function direct(map: Float32Array) {
  const x = model.preprocess(toyPixels());
  const target = buildTarget(region, {
    labels,
    grid: { width: 16, height: 16 },
    numClasses: 2,
    classNames: ['dark', 'bright'],
    classIndex: 1,
  });
  const e = tf.tensor2d(map, [16, 16]);
  const base = makeBaseline(x, 'mean');
  const score = regionConfidence(
    (b) => model.forward(b),
    (s, c) => classProbability(s, c, 'softmax'),
    target,
  );
  const pixels = (await x.data()) as Float32Array;
  const want = await perturbationCurves(x, e, base, score);
  [x, e, base].forEach((t) => t.dispose());
  return { want, pixels };
}

const expectSame = (got: MethodCurves | undefined, want: Awaited<ReturnType<typeof direct>>['want']) => {
  for (const kind of ['deletion', 'insertion'] as const) {
    expect(got?.[kind].points.map((p) => p.score)).toEqual(
      want[kind].points.map((p) => expect.closeTo(p.score, 6) as unknown as number),
    );
  }
};

describe('Engine curves: the controls (docs/METHOD.md, "Controls")', () => {
  it('measures the random, edge and blurred maps with the methods, as explain/metrics would', async () => {
    const before = engine.counters.curves ?? 0;
    const progress: CurvesProgress[] = [];
    const r = await engine.curves(request({ controlSeed: 5 }), (p) => progress.push(p), live());
    // 2 methods + random + edge + 2 blurred copies, 2(n + 1) + 19 images each
    expect((engine.counters.curves ?? 0) - before).toBe(6 * 61);
    expect(progress.at(-1)).toMatchObject({ done: 6 * 61, total: 6 * 61 });
    expect(Object.keys(r.controls.blurred)).toEqual(['gradcam', 'layercam']);
    expect(r.controls.random?.sufficiency).toHaveLength(19);

    const { want: random } = await direct(randomMap([16, 16], 5));
    expectSame(r.controls.random, random);
    const { pixels } = await direct(new Float32Array(256));
    const { want: edge } = await direct(edgeMap(pixels, [16, 16], 3));
    expectSame(r.controls.edge, edge);
    const gradcam = (await engine.recombine({ methods: [{ id: 'gradcam', settings: {} }] }, live())).maps.gradcam;
    const { want: blurred } = await direct(blurredMap(gradcam?.data ?? new Float32Array(256), [16, 16]));
    expectSame(r.controls.blurred.gradcam, blurred);
  });

  it('another seed changes the random control only', async () => {
    const a = await engine.curves(request({ methods: ['gradcam'], sufficiency: false }), () => undefined, live());
    const b = await engine.curves(
      request({ methods: ['gradcam'], sufficiency: false, controlSeed: 2 }),
      () => undefined,
      live(),
    );
    expect(b.controls.edge).toEqual(a.controls.edge);
    expect(b.controls.blurred).toEqual(a.controls.blurred);
    expect(b.controls.random?.deletion.points).not.toEqual(a.controls.random?.deletion.points);
  });

  it('leaks no tensors: completed, or cancelled while the controls are measured', async () => {
    await engine.curves(request(), () => undefined, live());
    const before = tf.memory().numTensors;
    await engine.curves(request(), () => undefined, live());
    expect(tf.memory().numTensors).toBe(before);
    const ctrl = new AbortController();
    const cancelled = engine.curves(request(), (p) => p.controls.random && ctrl.abort(), ctrl.signal);
    await expect(cancelled).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
