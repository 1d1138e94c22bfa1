import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MODEL, FakeEngine, flush, map } from '../../scripts/testing/fakeEngine';
import type { ExplainedTarget } from '../core/results';
import { createAppStore, type AppStore } from '../state/store';
import type { GradientRequest, JobRequest, MapsResult } from '../engine/protocol';
import { Explainer } from './explainer';

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
const gradients = (ids: string[], v = 1): MapsResult => ({
  target: TARGET,
  maps: Object.fromEntries(ids.map((id) => [id, map(v)])),
});

let engine: FakeEngine;
let store: AppStore;
let explainer: Explainer;

beforeEach(() => {
  engine = new FakeEngine();
  store = createAppStore();
  explainer = new Explainer(engine, store, (p) => p.layer ?? FAKE_MODEL.defaultLayer);
  store.subscribe((s, prev) => s.params !== prev.params && explainer.onParamsChange(s.params, prev.params));
  store.getState().setModel(FAKE_MODEL);
  store
    .getState()
    .setImage(
      { id: 'astronaut', name: 'a', bitmap: {} as ImageBitmap, originalSize: [2, 2] },
      { labels: new Uint8Array(4), size: [2, 2] },
    );
});

/** A click: one gradient request for the CAMs on screen and one job for RISE. */
async function click() {
  store.getState().setParams({ region: { kind: 'point', x: 0.5, y: 0.5 } });
  await flush();
}

describe('Explainer', () => {
  it('a click asks for one gradient pass for all CAMs on screen and one RISE job', async () => {
    await click();
    expect(engine.calls('explainGradients')).toHaveLength(1);
    expect((engine.calls('explainGradients')[0]?.req as GradientRequest).methods.map((m) => m.id)).toEqual([
      'gradcam',
      'xres',
    ]);
    expect(engine.calls('runJob').map((c) => (c.req as JobRequest).method.id)).toEqual(['rise']);
  });

  it('moving the window slider while the CAMs compute restarts only the gradient request, never RISE', async () => {
    await click();
    store.getState().setSettings('xres', { window: 3 });
    store.getState().setSettings('xres', { pool: 'mean' });
    await flush();
    expect(engine.calls('runJob')).toHaveLength(1);
    expect(engine.calls('runJob')[0]?.signal.aborted).toBe(false);
    const grads = engine.calls('explainGradients');
    expect(grads.map((g) => g.signal.aborted)).toEqual([true, true, false]);
    expect((grads[2]?.req as GradientRequest).methods[1]).toEqual({
      id: 'xres',
      settings: { pool: 'mean', window: 3, edges: 'valid' },
    });
    grads[2]?.resolve(gradients(['gradcam', 'xres']));
    await flush();
    expect(store.getState().results.xres.status).toBe('done');
  });

  it('after the CAMs are done, a slider recombines the cached gradients (no gradient request)', async () => {
    await click();
    engine.calls('explainGradients')[0]?.resolve(gradients(['gradcam', 'xres']));
    await flush();
    store.getState().setSettings('xres', { window: 4 });
    await flush();
    expect(engine.calls('explainGradients')).toHaveLength(1);
    expect(engine.calls('recombine').map((c) => c.req)).toEqual([
      { methods: [{ id: 'xres', settings: { pool: 'max', window: 4, edges: 'valid' } }] },
    ]);
    expect(engine.calls('runJob')).toHaveLength(1);
  });

  it('a recombined step shows at once; sufficiency is asked once the slider settles, for its last step', async () => {
    await click();
    engine.calls('explainGradients')[0]?.resolve(gradients(['gradcam', 'xres']));
    await flush();
    const asked = engine.calls('sufficiency').length;
    let value = 0.2;
    engine.recombineNow = () => gradients(['xres'], value);
    store.getState().setSettings('xres', { window: 3 });
    // the input's own task: the new map is in the store, the worker not asked yet
    expect(store.getState().results.xres.map?.data[0]).toBeCloseTo(0.2);
    expect(engine.calls('sufficiency')).toHaveLength(asked);
    value = 0.4;
    store.getState().setSettings('xres', { window: 4 });
    await flush();
    await flush();
    // while the slider moves, no pass is asked for: its follow-ups wait for it to settle
    expect(engine.calls('sufficiency')).toHaveLength(asked);
    await new Promise((r) => setTimeout(r, 200));
    // one ask, for the newest step only (the older step's follow-ups were superseded before they were sent)
    const fresh = engine.calls('sufficiency').slice(asked);
    expect(fresh.map((c) => c.req)).toEqual([{ method: 'xres', threshold: 0.2, baseline: 'mean' }]);
    expect(store.getState().results.xres.map?.data[0]).toBeCloseTo(0.4);
    expect(engine.calls('recombine')).toHaveLength(0);
  });

  it('times each map: the shared gradient pass, a recombination, a job', async () => {
    await click();
    expect(store.getState().results.gradcam.runtime).toBeNull();
    await new Promise((r) => setTimeout(r, 30));
    engine.calls('explainGradients')[0]?.resolve(gradients(['gradcam', 'xres']));
    engine.calls('runJob')[0]?.resolve({ target: TARGET, map: map(0.5), reused: false });
    await flush();
    const { gradcam, xres, rise } = store.getState().results;
    expect(gradcam.runtime).toMatchObject({ kind: 'pass' });
    expect(gradcam.runtime?.ms).toBeGreaterThanOrEqual(25);
    expect(xres.runtime).toEqual(gradcam.runtime); // one pass for both
    expect(rise.runtime).toMatchObject({ kind: 'job' });
    store.getState().setSettings('xres', { window: 3 });
    await flush();
    engine.calls('recombine')[0]?.resolve(gradients(['xres'], 0.3));
    await flush();
    expect(store.getState().results.xres.runtime).toMatchObject({ kind: 'recombined' });
    expect(store.getState().results.xres.runtime?.ms).toBeLessThan(25);
  });

  it('a RISE setting reruns RISE only; the superseded run is never painted, even when it answers late', async () => {
    await click();
    store.getState().setSettings('rise', { seed: 2 });
    await flush();
    const [old, fresh] = engine.calls('runJob');
    expect(old?.signal.aborted).toBe(true);
    expect(engine.calls('explainGradients')).toHaveLength(1);
    old?.onProgress?.({ done: 1, total: 2, map: map(0.5), elapsedMs: 10 });
    old?.resolve({ target: TARGET, map: map(0.1), reused: false });
    fresh?.onProgress?.({ done: 1, total: 2, map: map(0.7), elapsedMs: 10 });
    await flush();
    expect(store.getState().results.rise.map?.data[0]).toBeCloseTo(0.7);
    fresh?.resolve({ target: TARGET, map: map(0.9), reused: false });
    await flush();
    expect(store.getState().results.rise).toMatchObject({ status: 'done', progress: null });
    expect(store.getState().results.rise.map?.data[0]).toBeCloseTo(0.9);
  });

  it('turning a method on computes just that method; turning RISE off cancels it', async () => {
    await click();
    engine.calls('explainGradients')[0]?.resolve(gradients(['gradcam', 'xres']));
    await flush();
    store.getState().toggleMethod('layercam', true);
    store.getState().toggleMethod('scorecam', true);
    store.getState().toggleMethod('rise', false);
    await flush();
    expect(engine.calls('recombine').map((c) => c.req)).toEqual([{ methods: [{ id: 'layercam', settings: {} }] }]);
    expect(engine.calls('runJob').map((c) => [(c.req as JobRequest).method.id, c.signal.aborted])).toEqual([
      ['rise', true],
      ['scorecam', false],
    ]);
    expect(store.getState().results.rise.status).toBe('idle');
  });

  it('a layer change recomputes the gradients and the layer-bound jobs, not RISE', async () => {
    store.getState().toggleMethod('scorecam', true);
    await click();
    store.getState().setParams({ layer: 'bottleneck' });
    await flush();
    expect(engine.calls('explainGradients').map((c) => (c.req as GradientRequest).layer)).toEqual([
      'deep',
      'bottleneck',
    ]);
    expect(engine.calls('runJob').map((c) => [(c.req as JobRequest).method.id, c.signal.aborted])).toEqual([
      ['scorecam', true],
      ['rise', false],
      ['scorecam', false],
    ]);
  });

  it('SmoothGrad reruns the gradient pass (superseding the running one) with n, and no job', async () => {
    store.getState().toggleMethod('scorecam', true);
    await click();
    const jobs = engine.calls('runJob').length;
    store.getState().setParams({ smoothGrad: 2 });
    await flush();
    store.getState().setParams({ smoothGrad: 1 });
    await flush();
    const grads = engine.calls('explainGradients');
    expect(grads.map((c) => (c.req as GradientRequest).smoothGrad)).toEqual([undefined, 2, undefined]);
    expect(grads.map((c) => c.signal.aborted)).toEqual([true, true, false]);
    expect(engine.calls('runJob')).toHaveLength(jobs);
    expect(engine.calls('recombine')).toHaveLength(0);
  });

  it('the threshold reruns only the sufficiency read-outs, once the drag settles', async () => {
    await click();
    engine.calls('explainGradients')[0]?.resolve(gradients(['gradcam', 'xres']));
    await flush();
    engine.calls('sufficiency').forEach((c) => c.resolve({ dice: 0.5, retained: 0.2 }));
    await flush();
    expect(store.getState().results.xres.sufficiency).toEqual({ dice: 0.5, retained: 0.2 });
    const before = engine.pending.length;
    store.getState().setParams({ threshold: 0.3 });
    // Pending at once: the old Dice is not shown beside the new threshold.
    expect(store.getState().results.xres.sufficiency).toBeNull();
    store.getState().setParams({ threshold: 0.4 });
    await new Promise((r) => setTimeout(r, 200));
    const added = engine.pending.slice(before);
    expect(added.map((p) => p.method)).toEqual(['sufficiency', 'sufficiency']);
    expect(added.map((p) => (p.req as { threshold: number }).threshold)).toEqual([0.4, 0.4]);
  });

  it('Cancel stops a job and says so', async () => {
    await click();
    explainer.cancelJob('rise');
    await flush();
    expect(engine.calls('runJob')[0]?.signal.aborted).toBe(true);
    expect(store.getState().results.rise.status).toBe('cancelled');
  });
});
