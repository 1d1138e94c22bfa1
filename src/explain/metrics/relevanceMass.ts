import { checkMapAndRegion, type Size } from './region';

export interface RelevanceMass {
  /** RMA = Σ_{p∈M} E(p) / Σ_p E(p); 0 for an all-zero map */
  mass: number;
  /** what a uniform map scores: |M| / |image| */
  chance: number;
}

/**
 * Relevance mass accuracy (energy pointing game, Wang et al. 2020; Quantus "Relevance Mass Accuracy") with its
 * chance level (docs/METHOD.md). E is expected in [0, 1] (the normalised map). Our choice where docs/METHOD.md is
 * silent: an
 * all-zero map ("no positive evidence") puts no mass anywhere, so 0, not NaN, as scripts/measure-layers does.
 */
export function relevanceMass(map: ArrayLike<number>, region: ArrayLike<number>, size: Size): RelevanceMass {
  const inRegion = checkMapAndRegion(map, region, size);
  let total = 0;
  let inside = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i] as number;
    total += v;
    if (region[i]) inside += v;
  }
  return { mass: total === 0 ? 0 : inside / total, chance: inRegion / map.length };
}
