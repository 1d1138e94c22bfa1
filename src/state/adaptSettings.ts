import type { SettingValue } from '../core/settings';
import { effectiveWindow, windowOverflows } from '../core/window';
import { anyMeta, type MethodSettings } from '../methods/registry';

/**
 * Settings that do not fit a layer grid, adapted, with a note for each: a window at least as large as the grid would
 * silently mean "the full grid" (Seg-XRes-CAM = Seg-Grad-CAM with mean pooling), so it goes back to its default.
 */
export function adaptSettings(
  settings: MethodSettings,
  grid: readonly [number, number],
  layer: string,
): { settings: MethodSettings; notes: string[] } {
  const notes: string[] = [];
  let out = settings;
  for (const [id, values] of Object.entries(settings) as [keyof MethodSettings, Record<string, SettingValue>][]) {
    const meta = anyMeta(id);
    for (const [name, spec] of Object.entries(meta.settings)) {
      const value = values[name];
      if (spec.kind !== 'window' || typeof value !== 'number' || !windowOverflows(value, grid)) continue;
      const fallback = windowOverflows(spec.default, grid) ? 1 : spec.default;
      const [p, q] = effectiveWindow(fallback, grid);
      notes.push(
        `${meta.title}: a ${value}×${value} window does not fit the ${grid[0]}×${grid[1]} grid of layer ${layer} ` +
          `(it would be the whole grid); set to ${p}×${q}.`,
      );
      out = { ...out, [id]: { ...(out[id] as Record<string, SettingValue>), [name]: fallback } };
    }
  }
  return { settings: out, notes };
}
