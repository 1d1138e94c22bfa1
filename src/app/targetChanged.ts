import type { MethodId } from '../methods/registry';
import type { AppState } from '../state/store';

/**
 * Whether a result computed for the view before this change no longer stands: a new image or model, region or class,
 * or a setting of one of the methods it measured. Runners on demand (sanity check, robustness, layer sweep) clear
 * themselves on it; each adds what else its result depends on.
 */
export function targetChanged(s: AppState, prev: AppState, methods: readonly MethodId[]): boolean {
  const [p, q] = [s.params, prev.params];
  if (s.image !== prev.image || s.model !== prev.model) return true;
  if (p.region !== q.region || p.classIndex !== q.classIndex) return true;
  return methods.some((id) => p.settings[id] !== q.settings[id]);
}
