import type { ExplainedTarget, HeatMap, MapMetrics } from '../core/results';
import { mapMetrics } from '../explain/metrics/mapMetrics';
import type { MethodId } from '../methods/registry';

/** The map the others are correlated with (docs/METHOD.md, "Metrics of a map"). */
const REFERENCE: MethodId = 'rise';

/**
 * The metrics of each map that need no network run, computed on the UI thread from the maps it already has (no
 * worker round trip after a slider step); correlations once the reference (RISE) map is among them.
 */
export function metricsOf(
  maps: Partial<Record<MethodId, HeatMap>>,
  target: ExplainedTarget,
): Partial<Record<MethodId, MapMetrics>> {
  const reference = maps[REFERENCE]?.data ?? null;
  const out: Partial<Record<MethodId, MapMetrics>> = {};
  for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) {
    out[id] = mapMetrics(map, target.mask, target.maskSize, id === REFERENCE ? null : reference);
  }
  return out;
}
