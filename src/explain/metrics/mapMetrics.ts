import type { HeatMap, MapMetrics } from '../../core/results';
import { pearson, spearman } from './correlation';
import { leakage } from './leakage';
import { pointingGame } from './pointingGame';
import { resizeMaskNearest } from './region';
import { relevanceMass } from './relevanceMass';
import { relevanceRank } from './relevanceRank';

/** docs/METHOD.md's metrics of one map, with M (on the output grid) resized nearest to the map's input grid. */
export function mapMetrics(
  map: HeatMap,
  region: Uint8Array,
  outputSize: [number, number],
  rise: Float32Array | null,
  /** {P == c} on the output grid, for leakage out of the class; null when the prediction is not at hand */
  classMask: Uint8Array | null = null,
): MapMetrics {
  const m = resizeMaskNearest(region, outputSize, map.size);
  const { mass, chance } = relevanceMass(map.data, m, map.size);
  const cls = classMask ? resizeMaskNearest(classMask, outputSize, map.size) : null;
  const leak = leakage(map.data, m, cls, map.size);
  return {
    relevanceMass: mass,
    chance,
    relevanceRank: relevanceRank(map.data, m, map.size),
    leakRegion: leak.outsideRegion,
    leakClass: leak.outsideClass,
    pointingHit: pointingGame(map.data, m, map.size).hit,
    pearson: rise ? pearson(map.data, rise) : null,
    spearman: rise ? spearman(map.data, rise) : null,
  };
}
