// Runs on the UI thread, inside the engine client: no tfjs here. A slider change is recombined from host copies of A
// and G in well under a millisecond at the bundled models' layers, in the same task as the input, so its map is
// drawn before the next frame whatever the tfjs worker is doing (a RISE batch, a shader compile).
import type { ExplainedTarget, HeatMap } from '../core/results';
import { windowOptions } from '../core/window';
import { resizeMaskNearest } from '../explain/metrics/region';
import { hostTensor, type HostTensor } from '../explain/host/tensor';
import { combineMaps, combineMapWithMass, combines, type CombineCall } from '../methods/combine';
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
    if (!h || !methods.every((m) => combines(m.id))) return null;
    return { target: h.target, maps: combineMaps(methods, h.a, h.g, h.size) };
  }

  /**
   * A gradient method's map for every value of one of its window settings, from 1×1 to the whole grid (its other
   * settings as in `call`), with each map's relevance mass in the region: all from the held A and G, no network run.
   * Null when nothing is held.
   */
  sweep(call: CombineCall, key: string): SweepThumb[] | null {
    const h = this.held;
    if (!h) return null;
    const [gh, gw] = h.a.shape;
    const region = resizeMaskNearest(h.target.mask, h.target.maskSize, h.size);
    return windowOptions(Math.max(gh, gw)).map((window) => {
      const settings = { ...call.settings, [key]: window };
      return { window, ...combineMapWithMass({ id: call.id, settings }, h.a, h.g, h.size, region) };
    });
  }
}
