import type { LayerInfo } from '../core/modelInfo';

/** How many layers the sweep takes by default: enough to see the trend, few enough to run in seconds. */
export const SWEEP_LAYERS = 12;

/**
 * The layers a sweep runs, in the model's order: all of them when there are few, else `max` spread evenly over the
 * list, always with the default, the bottleneck and the layer in use.
 */
export function layerCandidates(
  layers: readonly LayerInfo[],
  keep: readonly string[],
  max: number = SWEEP_LAYERS,
): string[] {
  const names = layers.map((l) => l.name);
  if (names.length <= max) return names;
  const chosen = new Set(keep.filter((n) => names.includes(n)));
  // Finer and finer spreads until full: a spread point may coincide with a kept layer.
  for (let points = max - chosen.size; chosen.size < max && points <= names.length; points++) {
    const spread = Array.from(
      { length: points },
      (_, i) => names[Math.round((i * (names.length - 1)) / Math.max(1, points - 1))] as string,
    );
    for (const n of spread.filter((x) => !chosen.has(x)).slice(0, max - chosen.size)) chosen.add(n);
  }
  return names.filter((n) => chosen.has(n));
}
