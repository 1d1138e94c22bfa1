import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MODEL, FakeEngine, flush } from '../../scripts/testing/fakeEngine';
import type { ExplainedTarget } from '../core/results';
import { ROBUSTNESS_DRAWS, ROBUSTNESS_SIGMA } from '../core/robustness';
import { createAppStore, type AppStore } from '../state/store';
import type { RobustnessProgress, RobustnessRequest, RobustnessResult } from '../engine/protocol';
import { RobustnessRunner } from './robustness';

const TARGET: ExplainedTarget = {
  classIndex: 1,
  regionPixels: 1,
  removedByClass: 0,
  layerShape: [12, 12, 8],
  score: 1,
  mask: Uint8Array.of(0, 1, 0, 0),
  ring: null,
  maskSize: [2, 2],
};
const RESULT: RobustnessResult = {
  target: TARGET,
  methods: { gradcam: { mean: 0.8, values: [0.8] }, xres: { mean: 0.9, values: [0.9] } },
  sigma: 0.1,
  draws: ROBUSTNESS_DRAWS,
  ms: 5,
};

let engine: FakeEngine;
let store: AppStore;
let runner: RobustnessRunner;

beforeEach(() => {
  engine = new FakeEngine();
  store = createAppStore();
  runner = new RobustnessRunner(engine, store, (p) => p.layer ?? FAKE_MODEL.defaultLayer);
  store.getState().setModel(FAKE_MODEL);
  store
    .getState()
    .setImage(
      { id: 'astronaut', name: 'a', bitmap: {} as ImageBitmap, originalSize: [2, 2] },
      { labels: new Uint8Array(4), size: [2, 2] },
    );
  store.getState().setParams({ region: { kind: 'point', x: 0.5, y: 0.5 } });
});

const pending = () => engine.calls('robustness').at(-1)!;

describe('RobustnessRunner', () => {
  it('asks for every gradient method on screen, with the stated noise; shows progress, then the result', async () => {
    expect(engine.calls('robustness')).toHaveLength(0); // nothing runs until asked
    void runner.run();
    await flush();
    const req = pending().req as RobustnessRequest;
    expect(req.methods.map((m) => m.id)).toEqual(['gradcam', 'xres']);
    expect(req).toMatchObject({
      layer: 'deep',
      sigma: ROBUSTNESS_SIGMA,
      draws: ROBUSTNESS_DRAWS,
      region: { kind: 'point' },
    });
    (pending().onProgress as unknown as (p: RobustnessProgress) => void)({ done: 3, total: 9 });
    expect(runner.view.getState()).toMatchObject({ status: 'running', done: 3, total: 9 });
    pending().resolve(RESULT);
    await flush();
    expect(runner.view.getState()).toMatchObject({ status: 'done', result: RESULT });
  });

  it('is cleared, and its run aborted, by a new region', async () => {
    void runner.run();
    await flush();
    const call = pending();
    store.getState().setParams({ region: { kind: 'point', x: 0.2, y: 0.2 } });
    expect(call.signal.aborted).toBe(true);
    expect(runner.view.getState().status).toBe('idle');
  });

  it('shows an engine error', async () => {
    void runner.run();
    await flush();
    pending().reject(new Error('boom'));
    await flush();
    expect(runner.view.getState()).toMatchObject({ status: 'error', error: expect.stringContaining('boom') });
  });
});
