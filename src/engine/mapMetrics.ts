import type { HeatMap, MapMetrics } from '../core/results';
import { pearson, spearman } from '../explain/metrics/correlation';
import { pointingGame } from '../explain/metrics/pointingGame';
import { resizeMaskNearest } from '../explain/metrics/region';
import { relevanceMass } from '../explain/metrics/relevanceMass';
import { relevanceRank } from '../explain/metrics/relevanceRank';

/** docs/METHOD.md's metrics of one map, with M (on the output grid) resized nearest to the map's input grid. */
export function mapMetrics(
  map: HeatMap,
  region: Uint8Array,
  outputSize: [number, number],
  rise: Float32Array | null,
): MapMetrics {
  const m = resizeMaskNearest(region, outputSize, map.size);
  const { mass, chance } = relevanceMass(map.data, m, map.size);
  return {
    relevanceMass: mass,
    chance,
    relevanceRank: relevanceRank(map.data, m, map.size),
    pointingHit: pointingGame(map.data, m, map.size).hit,
    pearson: rise ? pearson(map.data, rise) : null,
    spearman: rise ? spearman(map.data, rise) : null,
  };
}
