import { describe, expect, it } from 'vitest';
import type { ExplainedTarget, HeatMap } from '../core/results';
import { createAppStore } from '../state/store';
import { METRICS_SETTLE_MS, refreshMetrics } from './metrics';

const map = (...v: number[]): HeatMap => ({ data: Float32Array.from(v), size: [2, 2], positive: true });
const target = { mask: Uint8Array.from([1, 0, 0, 0]), maskSize: [2, 2], classIndex: 1 } as unknown as ExplainedTarget;
const settled = () => new Promise((resolve) => setTimeout(resolve, METRICS_SETTLE_MS + 20));

function storeWith(maps: { gradcam: HeatMap; rise: HeatMap }) {
  const store = createAppStore();
  const s = store.getState();
  s.setParams({ methods: ['gradcam', 'rise'] });
  s.setTarget(target);
  s.setResult('gradcam', { status: 'done', map: maps.gradcam });
  s.setResult('rise', { status: 'done', map: maps.rise });
  return store;
}

describe('refreshMetrics', () => {
  it('measures once the view has settled, once for a run of calls, with the correlation to the reference', async () => {
    const store = storeWith({ gradcam: map(4, 3, 2, 1), rise: map(8, 6, 4, 2) });
    refreshMetrics(store);
    await new Promise((resolve) => setTimeout(resolve, METRICS_SETTLE_MS / 2));
    refreshMetrics(store);
    // Not yet: the new map is painted first, and a second change within the settling time postpones the measure.
    await new Promise((resolve) => setTimeout(resolve, (METRICS_SETTLE_MS * 3) / 4));
    expect(store.getState().results.gradcam.metrics).toBeNull();
    await settled();
    const gradcam = store.getState().results.gradcam.metrics;
    expect(gradcam?.relevanceMass).toBeCloseTo(0.4, 6);
    expect(gradcam?.pearson).toBeCloseTo(1, 6);
    expect(store.getState().results.rise.metrics?.pearson).toBeNull();
  });

  it('measures again only the maps that changed, and every map when the reference map changes', async () => {
    const store = storeWith({ gradcam: map(4, 3, 2, 1), rise: map(8, 6, 4, 2) });
    refreshMetrics(store);
    await settled();
    const riseBefore = store.getState().results.rise.metrics;
    store.getState().setResult('gradcam', { map: map(1, 2, 3, 4), metrics: null });
    refreshMetrics(store);
    await settled();
    expect(store.getState().results.gradcam.metrics?.pearson).toBeCloseTo(-1, 6);
    // The same object: RISE's metrics were not computed again.
    expect(store.getState().results.rise.metrics).toBe(riseBefore);
    store.getState().setResult('rise', { map: map(1, 2, 3, 5), metrics: null });
    refreshMetrics(store);
    await settled();
    expect(store.getState().results.gradcam.metrics?.spearman).toBeCloseTo(1, 6);
    expect(store.getState().results.rise.metrics).not.toBe(riseBefore);
  });
});
