import { channelMeans, reluChannelDot } from '../../explain/host/channels';
import { assertSameShape, type HostTensor } from '../../explain/host/tensor';
import type { MethodSettings } from '../registry';

/** Seg-Grad-CAM on host copies, as compute.ts: ReLU(Σ_k mean_{h,w}(G_k) · A_k). Returns the raw map [h·w]. */
export const combineHost = (a: HostTensor, g: HostTensor, _settings?: MethodSettings['gradcam']): Float32Array => {
  assertSameShape(a, g);
  return reluChannelDot(a, channelMeans(g));
};
