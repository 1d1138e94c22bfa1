import type { ExplainedTarget, HeatMap, MapMetrics } from '../core/results';
import { mapMetrics } from '../explain/metrics/mapMetrics';
import { REFERENCE_METHOD as REFERENCE, type MethodId } from '../methods/registry';

/**
 * The metrics of each map that need no network run, computed on the UI thread from the maps it already has (no
 * worker round trip after a slider step); correlations once the reference method's map (role 'reference' in its meta)
 * is among them.
 */
export function metricsOf(
  maps: Partial<Record<MethodId, HeatMap>>,
  target: ExplainedTarget,
): Partial<Record<MethodId, MapMetrics>> {
  const reference = REFERENCE ? (maps[REFERENCE]?.data ?? null) : null;
  const out: Partial<Record<MethodId, MapMetrics>> = {};
  for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) {
    out[id] = mapMetrics(map, target.mask, target.maskSize, id === REFERENCE ? null : reference);
  }
  return out;
}
