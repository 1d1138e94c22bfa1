import { checkMapAndRegion, pixelOrder, type Size } from './region';

/**
 * Relevance rank accuracy (Arras et al. 2022, docs/METHOD.md): the share of M among the |M| highest pixels of E,
 * |top-|M| ∩ M| / |M|. Our choice for ties at the cut: pixels are ranked as in the deletion curve (E descending, then
 * by index), so the result is one number, not a range. Chance level = |M| / |image|, as for relevance mass.
 */
export function relevanceRank(map: ArrayLike<number>, region: ArrayLike<number>, size: Size): number {
  const k = checkMapAndRegion(map, region, size);
  const order = pixelOrder(map);
  let hits = 0;
  for (let r = 0; r < k; r++) if (region[order[r] as number]) hits++;
  return hits / k;
}
