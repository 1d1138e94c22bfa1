// Runs on the UI thread, inside the engine client: no tfjs here. A slider change is recombined from host copies of A
// and G in well under a millisecond at the bundled models' layers, in the same task as the input, so its map is
// drawn before the next frame whatever the tfjs worker is doing (a RISE batch, a shader compile).
import type { EdgeMode, PoolType } from '../core/kinds';
import type { ExplainedTarget, HeatMap } from '../core/results';
import { windowOptions } from '../core/settings';
import { resizeMaskNearest } from '../explain/metrics/region';
import { relevanceMass } from '../explain/metrics/relevanceMass';
import { hostTensor, type HostTensor } from '../explain/host/tensor';
import { hasHostCombine, recombineHost } from '../methods/host';
import type { MethodId } from '../methods/registry';
import type { LayerTensors, MethodCall, SweepThumb } from '../engine/protocol';

export class HostRecombiner {
  private held: { a: HostTensor; g: HostTensor; size: [number, number]; target: ExplainedTarget } | null = null;

  /** Keeps A and G of the engine's current gradient cache (from explainGradients) with the target they explain. */
  hold(tensors: LayerTensors, size: [number, number], target: ExplainedTarget): void {
    this.held = {
      a: hostTensor(tensors.activations, tensors.shape),
      g: hostTensor(tensors.gradients, tensors.shape),
      size,
      target,
    };
  }

  /** The engine's cache is gone or being replaced (new image, model, worker). */
  forget(): void {
    this.held = null;
  }

  /** The maps for these settings, or null when nothing is held or a method has no plain-JS combine. */
  combine(methods: MethodCall[]): { target: ExplainedTarget; maps: Partial<Record<MethodId, HeatMap>> } | null {
    const h = this.held;
    if (!h || !methods.every((m) => hasHostCombine(m.id))) return null;
    const maps: Partial<Record<MethodId, HeatMap>> = {};
    for (const m of methods)
      if (hasHostCombine(m.id)) maps[m.id] = recombineHost(m.id, h.a, h.g, m.settings as never, h.size);
    return { target: h.target, maps };
  }

  /**
   * Seg-XRes-CAM for every window from 1×1 (HiResCAM) to the whole grid, with each map's relevance mass in the
   * region: all from the held A and G, no network run. Null when nothing is held.
   */
  sweep(pool: PoolType, edges: EdgeMode): SweepThumb[] | null {
    const h = this.held;
    if (!h) return null;
    const [gh, gw] = h.a.shape;
    const region = resizeMaskNearest(h.target.mask, h.target.maskSize, h.size);
    return windowOptions(Math.max(gh, gw)).map((window) => {
      const map = recombineHost('xres', h.a, h.g, { pool, window, edges }, h.size);
      return { window, map, mass: relevanceMass(map.data, region, h.size).mass };
    });
  }
}
