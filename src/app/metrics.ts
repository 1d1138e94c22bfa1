import { metricsOf } from '../client/readMetrics';
import type { MapMetrics } from '../core/results';
import type { MethodId } from '../methods/registry';
import type { AppStore } from '../state/store';
import { message } from './message';

/** The no-network metrics of every finished map on screen, on this thread: no round trip to the worker. */
export function refreshMetrics(store: AppStore): void {
  const s = store.getState();
  const maps = Object.fromEntries(
    s.params.methods.flatMap((id) => {
      const r = s.results[id];
      return r.status === 'done' && r.map ? [[id, r.map]] : [];
    }),
  );
  if (!s.target || !Object.keys(maps).length) return;
  try {
    const metrics = metricsOf(maps, s.target, s.prediction?.labels ?? null);
    for (const [id, m] of Object.entries(metrics) as [MethodId, MapMetrics][]) s.setResult(id, { metrics: m });
  } catch (e) {
    s.notify('error', `Metrics: ${message(e)}`);
  }
}
