import type { HeatMap } from '../core/results';
import { toHeatMapHost } from '../explain/host/postProcess';
import type { HostTensor } from '../explain/host/tensor';
import { combineHost as gradcam } from './gradcam/host';
import { combineHost as gradcampp } from './gradcampp/host';
import { combineHost as layercam } from './layercam/host';
import type { MethodId, MethodSettings } from './registry';
import { combineHost as xres } from './xres/host';

/** A gradient method's combine on host copies of A and G ([h, w, K], HWC): the raw map [h·w], before post-processing. */
export type HostCombine<Id extends MethodId> = (
  a: HostTensor,
  g: HostTensor,
  settings: MethodSettings[Id],
) => Float32Array;

/**
 * Every gradient method's plain-JS combine (no tfjs: it runs in a small worker while the tfjs one is busy). Each entry
 * is checked against its own method's settings type; a test fails when registry.ts has a gradient method missing here.
 */
export const HOST_COMBINE = { gradcam, xres, layercam, gradcampp } as const satisfies {
  [Id in MethodId]?: HostCombine<Id>;
};

export type HostMethodId = keyof typeof HOST_COMBINE;

export const hasHostCombine = (id: MethodId): id is HostMethodId => Object.hasOwn(HOST_COMBINE, id);

/** Recombine and post-process on the host: what the engine's recombine returns for one method, as a HeatMap. */
export function recombineHost<Id extends HostMethodId>(
  id: Id,
  a: HostTensor,
  g: HostTensor,
  settings: MethodSettings[Id],
  size: [number, number],
  out?: Float32Array,
): HeatMap {
  const raw = (HOST_COMBINE[id] as HostCombine<Id>)(a, g, settings);
  return toHeatMapHost(raw, [a.shape[0], a.shape[1]], size, out);
}
