import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MODEL, FakeEngine, flush, map } from '../../scripts/testing/fakeEngine';
import type { ExplainedTarget } from '../core/results';
import { createAppStore, type AppStore } from '../state/store';
import type { SanityProgress, SanityRequest, SanityResult, SanityStep } from '../engine/protocol';
import { formatRho, linePath, randomisedSoFar, stepLabel } from '../ui/sanity/sanityText';
import { SanityRunner } from './sanity';

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
const step = (s: number, layers: string[], rho: number): SanityStep => ({
  step: s,
  layers,
  maps: { gradcam: map(rho), xres: map(rho) },
  controls: { random: 0, edge: 1, blurred: {} },
  spearman: { gradcam: rho, xres: rho },
});
const STEPS = [step(0, [], 1), step(1, ['logits'], 0.5), step(2, ['dec1', 'up1'], 0.1)];

let engine: FakeEngine;
let store: AppStore;
let runner: SanityRunner;

beforeEach(() => {
  engine = new FakeEngine();
  store = createAppStore();
  runner = new SanityRunner(engine, store, (p) => p.layer ?? FAKE_MODEL.defaultLayer);
  store.getState().setModel(FAKE_MODEL);
  store
    .getState()
    .setImage(
      { id: 'astronaut', name: 'a', bitmap: {} as ImageBitmap, originalSize: [2, 2] },
      { labels: new Uint8Array(4), size: [2, 2] },
    );
  store.getState().setParams({ region: { kind: 'point', x: 0.5, y: 0.5 } });
});

const pending = () => engine.calls('sanityCheck').at(-1)!;
const progress = (p: SanityProgress) => (pending().onProgress as unknown as (p: SanityProgress) => void)(p);

describe('SanityRunner', () => {
  it(
    'asks for the gradient methods on screen at the layer, with the seed; ' +
      'shows steps as they come, then the result',
    async () => {
      runner.setSeed(7);
      void runner.run();
      await flush();
      const req = pending().req as SanityRequest;
      expect(req.methods.map((m) => m.id)).toEqual(['gradcam', 'xres']);
      expect(req).toMatchObject({ layer: 'deep', seed: 7, classIndex: null, region: { kind: 'point' } });
      expect(runner.view.getState()).toMatchObject({
        status: 'running',
        methods: ['gradcam', 'xres'],
        layer: 'deep',
        steps: [],
      });
      progress({ done: 1, total: 3, step: STEPS[0]! });
      progress({ done: 2, total: 3, step: STEPS[1]! });
      expect(runner.view.getState()).toMatchObject({ status: 'running', total: 3 });
      expect(runner.view.getState().steps.map((s) => s.step)).toEqual([0, 1]);
      pending().resolve({ target: TARGET, layer: 'deep', seed: 7, steps: STEPS, ms: 12 } satisfies SanityResult);
      await flush();
      expect(runner.view.getState()).toMatchObject({ status: 'done', total: 3, ms: 12, seed: 7 });
    },
  );

  it('a new region, class or layer supersedes a running check (aborted) and clears a finished one', async () => {
    void runner.run();
    await flush();
    const first = pending();
    store.getState().setParams({ region: { kind: 'point', x: 0.2, y: 0.2 } });
    expect(first.signal.aborted).toBe(true);
    expect(runner.view.getState().status).toBe('idle');
    await flush();
    expect(runner.view.getState().status).toBe('idle');

    void runner.run();
    await flush();
    pending().resolve({ target: TARGET, layer: 'deep', seed: 1, steps: STEPS, ms: 1 });
    await flush();
    expect(runner.view.getState().status).toBe('done');
    store.getState().setParams({ layer: 'bottleneck' });
    expect(runner.view.getState()).toMatchObject({ status: 'idle', steps: [] });
  });

  it('a setting of a checked method clears it; Cancel keeps the steps so far and stops the call', async () => {
    void runner.run();
    await flush();
    progress({ done: 1, total: 3, step: STEPS[0]! });
    runner.cancel();
    expect(pending().signal.aborted).toBe(true);
    await flush();
    expect(runner.view.getState()).toMatchObject({ status: 'cancelled' });
    expect(runner.view.getState().steps).toHaveLength(1);
    store.getState().setSettings('xres', { window: 3 });
    expect(runner.view.getState().status).toBe('idle');
  });

  it('an engine error is shown; nothing runs without a region', async () => {
    void runner.run();
    await flush();
    pending().reject(new Error('The sanity check is not available: no weights.'));
    await flush();
    expect(runner.view.getState()).toMatchObject({
      status: 'error',
      error: 'The sanity check is not available: no weights.',
    });
    store.getState().setParams({ region: null });
    const calls = engine.calls('sanityCheck').length;
    await runner.run();
    expect(engine.calls('sanityCheck')).toHaveLength(calls);
  });
});

describe('sanity check labels and plot path', () => {
  it('labels a step by the layers random so far, output first; ρ prints "—" where undefined', () => {
    expect(stepLabel(STEPS, 0)).toBe('original');
    expect(stepLabel(STEPS, 1)).toBe('logits');
    expect(stepLabel(STEPS, 2)).toBe('logits → up1');
    expect(randomisedSoFar(STEPS, 2)).toEqual(['logits', 'dec1', 'up1']);
    expect([formatRho(0.456), formatRho(-0.2), formatRho(NaN), formatRho(undefined)]).toEqual([
      '0.46',
      '−0.20',
      '—',
      '—',
    ]);
  });

  it('breaks the line at an undefined ρ', () => {
    expect(
      linePath([
        { x: 0, y: 1 },
        { x: 10, y: 2 },
        { x: 20, y: null },
        { x: 30, y: 4 },
        { x: 40, y: 5 },
      ]),
    ).toBe('M0 1L10 2M30 4L40 5');
  });
});
