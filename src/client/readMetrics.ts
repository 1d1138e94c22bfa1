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
  /** the prediction P on the output grid, for leakage out of the class (null: not at hand) */
  labels: Uint8Array | null = null,
  /** the reference method's map, when it is not among maps (its own metrics are not asked for) */
  reference: Float32Array | null = REFERENCE ? (maps[REFERENCE]?.data ?? null) : null,
): Partial<Record<MethodId, MapMetrics>> {
  const classMask =
    labels && labels.length === target.mask.length ? labels.map((l) => (l === target.classIndex ? 1 : 0)) : null;
  const out: Partial<Record<MethodId, MapMetrics>> = {};
  for (const [id, map] of Object.entries(maps) as [MethodId, HeatMap][]) {
    out[id] = mapMetrics(map, target.mask, target.maskSize, id === REFERENCE ? null : reference, classMask);
  }
  return out;
}
