import { metricsOffThread } from '../client/metricsThread';
import type { HeatMap, MapMetrics } from '../core/results';
import { REFERENCE_METHOD } from '../methods/registry';
import type { AppStore } from '../state/store';
import { message } from './message';

/** What a map's metrics were computed against: they stand while none of these objects changes. */
interface Computed {
  reference: HeatMap | null;
  target: unknown;
  labels: unknown;
  metrics: MapMetrics;
}
const computed = new WeakMap<HeatMap, Computed>();
/** A refresh waits for the view to settle this long (ms): a slider held down paints every step, measures once. */
export const METRICS_SETTLE_MS = 100;
const pending = new WeakMap<AppStore, ReturnType<typeof setTimeout>>();

/**
 * The no-network metrics of every finished map on screen, on the metrics worker (never the busy tfjs one), once the
 * view has settled: a slider step paints its new map first, and a run of steps shares one computation. Only maps
 * that changed, or whose reference map, region or prediction changed, are measured again (each sorts its pixels).
 */
export function refreshMetrics(store: AppStore): void {
  clearTimeout(pending.get(store));
  pending.set(
    store,
    setTimeout(() => {
      pending.delete(store);
      void refreshNow(store);
    }, METRICS_SETTLE_MS),
  );
}

async function refreshNow(store: AppStore): Promise<void> {
  const s = store.getState();
  const done = s.params.methods.flatMap((id) => {
    const r = s.results[id];
    return r.status === 'done' && r.map ? [[id, r.map] as const] : [];
  });
  if (!s.target || !done.length) return;
  const reference = done.find(([id]) => id === REFERENCE_METHOD)?.[1] ?? null;
  const labels = s.prediction?.labels ?? null;
  const stale = done.filter(([id, map]) => {
    const c = computed.get(map);
    const current = s.results[id].metrics;
    const ref = id === REFERENCE_METHOD ? null : reference;
    return !c || !current || c.reference !== ref || c.target !== s.target || c.labels !== labels;
  });
  if (!stale.length) return;
  const target = s.target;
  try {
    const metrics = await metricsOffThread(Object.fromEntries(stale), target, labels, reference?.data ?? null);
    const now = store.getState();
    // Measured off this thread: a map replaced meanwhile, or a new region or prediction, gets its own refresh.
    if (now.target !== target || (now.prediction?.labels ?? null) !== labels) return;
    for (const [id, map] of stale) {
      if (now.results[id].map !== map) continue;
      const m = metrics[id] as MapMetrics;
      const ref = id === REFERENCE_METHOD ? null : reference;
      computed.set(map, { reference: ref, target, labels, metrics: m });
      now.setResult(id, { metrics: m });
    }
  } catch (e) {
    s.notify('error', `Metrics: ${message(e)}`);
  }
}
