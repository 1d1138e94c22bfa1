import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MODEL, FakeEngine, flush, map } from '../../scripts/testing/fakeEngine';
import type { MethodCurves } from '../core/faithfulness';
import type { ExplainedTarget } from '../core/results';
import { createAppStore, type AppStore } from '../state/store';
import type { CurvesProgress, CurvesRequest, CurvesResult, JobResult, MapsResult } from '../engine/protocol';
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
const gradients = (v = 1): MapsResult => ({ target: TARGET, maps: { gradcam: map(v), xres: map(v) } });
const riseDone = (v = 1): JobResult => ({ target: TARGET, map: map(v), reused: false });
const curve = (auc: number): MethodCurves => ({
  deletion: {
    points: [
      { fraction: 0, perturbed: 0, score: 1 },
      { fraction: 1, perturbed: 1, score: 0 },
    ],
    auc,
  },
  insertion: {
    points: [
      { fraction: 0, perturbed: 0, score: 0 },
      { fraction: 1, perturbed: 1, score: 1 },
    ],
    auc: 1 - auc,
  },
  sufficiency: [{ threshold: 0.2, dice: 1, retained: 0.5, current: true }],
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

/** A click whose maps all finish (gradients, then RISE). */
async function clickAndFinish(x = 0.5, v = 1) {
  store.getState().setParams({ region: { kind: 'point', x, y: 0.5 } });
  await flush();
  engine.calls('explainGradients').at(-1)?.resolve(gradients(v));
  await flush();
  engine.calls('runJob').at(-1)?.resolve(riseDone(v));
  await flush();
}

const faith = () => store.getState().faithfulness;

describe('Explainer: the Faithfulness view', () => {
  it('runs no curves while the view is closed; opening it asks for the curves of every finished map', async () => {
    await clickAndFinish();
    expect(engine.calls('curves')).toHaveLength(0);
    explainer.openCurves(true);
    await flush();
    const [job] = engine.calls('curves');
    expect((job?.req as CurvesRequest).methods).toEqual(['gradcam', 'xres', 'rise']);
    expect(job?.req).toMatchObject({ threshold: 0.2, baseline: 'mean' });
    expect(faith().status).toBe('running');
    (job?.onProgress as unknown as (p: CurvesProgress) => void)({
      done: 61,
      total: 183,
      method: 'gradcam',
      curves: { gradcam: curve(0.3) },
      controls: { blurred: {} },
    });
    expect(faith().progress).toEqual({ done: 61, total: 183 });
    expect(Object.keys(faith().curves)).toEqual(['gradcam']);
    job?.resolve({
      curves: { gradcam: curve(0.3), xres: curve(0.2), rise: curve(0.1) },
      controls: { random: curve(0.4), edge: curve(0.5), blurred: { xres: curve(0.25) } },
      threshold: 0.2,
    } satisfies CurvesResult);
    await flush();
    expect(faith()).toMatchObject({ status: 'done', progress: null, threshold: 0.2 });
    expect(Object.keys(faith().curves)).toEqual(['gradcam', 'xres', 'rise']);
    // the controls' curves reach the view with the methods'
    expect(faith().controls.random).toEqual(curve(0.4));
    expect(Object.keys(faith().controls.blurred)).toEqual(['xres']);
  });

  it('waits while a map is still computing, then starts', async () => {
    explainer.openCurves(true);
    store.getState().setParams({ region: { kind: 'point', x: 0.5, y: 0.5 } });
    await flush();
    engine.calls('explainGradients')[0]?.resolve(gradients());
    await flush();
    expect(engine.calls('curves')).toHaveLength(0); // RISE is still running
    expect(faith().status).toBe('waiting');
    engine.calls('runJob')[0]?.resolve(riseDone());
    await flush();
    expect(engine.calls('curves')).toHaveLength(1);
  });

  it('a new click during the curves job aborts it, and nothing of the old job is ever painted', async () => {
    explainer.openCurves(true);
    await clickAndFinish(0.5, 1);
    const [old] = engine.calls('curves');
    (old?.onProgress as unknown as (p: CurvesProgress) => void)({
      done: 61,
      total: 183,
      method: 'gradcam',
      curves: { gradcam: curve(0.3) },
      controls: { blurred: {} },
    });
    store.getState().setParams({ region: { kind: 'point', x: 0.9, y: 0.5 } });
    await flush();
    expect(old?.signal.aborted).toBe(true);
    expect(faith()).toMatchObject({ status: 'waiting', curves: {}, progress: null });
    // The old job's late progress and answer change nothing.
    (old?.onProgress as unknown as (p: CurvesProgress) => void)({
      done: 122,
      total: 183,
      method: 'xres',
      curves: { gradcam: curve(0.3), xres: curve(0.3) },
      controls: { random: curve(0.9), blurred: {} },
    });
    old?.resolve({ curves: { gradcam: curve(0.3) }, controls: { blurred: {} }, threshold: 0.2 });
    await flush();
    expect(faith()).toMatchObject({ status: 'waiting', curves: {}, controls: { blurred: {} } });
    // The second click's maps finish: its own job starts and its curves are shown.
    engine.calls('explainGradients').at(-1)?.resolve(gradients(2));
    await flush();
    engine.calls('runJob').at(-1)?.resolve(riseDone(2));
    await flush();
    const jobs = engine.calls('curves');
    expect(jobs).toHaveLength(2);
    jobs[1]?.resolve({ curves: { gradcam: curve(0.05) }, controls: { blurred: {} }, threshold: 0.2 });
    await flush();
    expect(faith().curves.gradcam?.deletion.auc).toBe(0.05);
  });

  it('Cancel stops the job and keeps the methods already measured; a slider change measures again', async () => {
    explainer.openCurves(true);
    await clickAndFinish();
    const [job] = engine.calls('curves');
    (job?.onProgress as unknown as (p: CurvesProgress) => void)({
      done: 61,
      total: 183,
      method: 'gradcam',
      curves: { gradcam: curve(0.3) },
      controls: { blurred: {} },
    });
    explainer.cancelCurves();
    expect(job?.signal.aborted).toBe(true);
    expect(faith().status).toBe('cancelled');
    expect(Object.keys(faith().curves)).toEqual(['gradcam']);
    store.getState().setSettings('xres', { window: 3 });
    await flush();
    expect(faith().curves).toEqual({});
    engine.calls('recombine')[0]?.resolve(gradients(3));
    await new Promise((r) => setTimeout(r, 200)); // the window settles
    expect(engine.calls('curves')).toHaveLength(2);
  });

  it('a threshold change measures again after the threshold settles; closing the view stops the job', async () => {
    explainer.openCurves(true);
    await clickAndFinish();
    engine.calls('curves')[0]?.resolve({ curves: { gradcam: curve(0.3) }, controls: { blurred: {} }, threshold: 0.2 });
    await flush();
    store.getState().setParams({ threshold: 0.35 });
    expect(faith().curves).toEqual({});
    await new Promise((r) => setTimeout(r, 200));
    const jobs = engine.calls('curves');
    expect(jobs).toHaveLength(2);
    expect((jobs[1]?.req as CurvesRequest).threshold).toBe(0.35);
    explainer.openCurves(false);
    expect(jobs[1]?.signal.aborted).toBe(true);
    expect(faith()).toMatchObject({ open: false, status: 'idle' });
  });
});
