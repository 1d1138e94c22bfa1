import type { HeatMap } from '../core/results';
import { hasPositive, postProcessWithMass, toHeatMapHost } from '../explain/host/postProcess';
import type { HostTensor } from '../explain/host/tensor';
import { combinerOf, type MethodId } from './registry';
import type { AnySettings } from './types';

// The one dispatch of gradient methods, in plain JS (no tfjs): the engine's maps, the sanity check's and the UI
// thread's recombiner all come from here.

/** One method and its settings, as the engine's calls carry them. */
export interface CombineCall {
  id: MethodId;
  settings: AnySettings;
}

/** True when the method recombines A and G (a gradient method); false for a job. */
export const combines = (id: MethodId): boolean => combinerOf(id) !== undefined;

/** One gradient method's map from host copies of A and G, post-processed (min-max, resize, min-max) to `size`. */
export function combineMap(
  call: CombineCall,
  a: HostTensor,
  g: HostTensor,
  size: [number, number],
  out?: Float32Array,
): HeatMap {
  const combiner = combinerOf(call.id);
  if (!combiner) throw new Error(`${call.id} is not a gradient method: it runs as a job.`);
  return toHeatMapHost(combiner.combine(a, g, call.settings), [a.shape[0], a.shape[1]], size, out);
}

/**
 * combineMap and the map's relevance mass in `region` (0/1 on `size`), the mass summed in the normalising pass (a
 * window sweep: every window's map and mass).
 */
export function combineMapWithMass(
  call: CombineCall,
  a: HostTensor,
  g: HostTensor,
  size: [number, number],
  region: Uint8Array,
): { map: HeatMap; mass: number } {
  const combiner = combinerOf(call.id);
  if (!combiner) throw new Error(`${call.id} is not a gradient method: it runs as a job.`);
  const raw = combiner.combine(a, g, call.settings);
  const { data, mass } = postProcessWithMass(raw, [a.shape[0], a.shape[1]], size, region);
  return { map: { data, size, positive: hasPositive(raw) }, mass };
}

/** The maps of several gradient methods from the same A and G, keyed by method. */
export function combineMaps(
  calls: readonly CombineCall[],
  a: HostTensor,
  g: HostTensor,
  size: [number, number],
): Partial<Record<MethodId, HeatMap>> {
  const maps: Partial<Record<MethodId, HeatMap>> = {};
  for (const call of calls) maps[call.id] = combineMap(call, a, g, size);
  return maps;
}
