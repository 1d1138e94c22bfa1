import { channelMeans, reluChannelDot } from '../../explain/host/channels';
import { assertSameShape, type HostTensor } from '../../explain/host/tensor';
import type { SettingValues } from '../../core/settings';
import type { meta } from './meta';

type Settings = SettingValues<typeof meta.settings>;

/** Seg-Grad-CAM on host copies, as oracle.ts: ReLU(Σ_k mean_{h,w}(G_k) · A_k). Returns the raw map [h·w]. */
export const combine = (a: HostTensor, g: HostTensor, _settings?: Settings): Float32Array => {
  assertSameShape(a, g);
  return reluChannelDot(a, channelMeans(g));
};
