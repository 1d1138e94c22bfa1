import { reluCellDot } from '../../explain/host/channels';
import type { HostTensor } from '../../explain/host/tensor';
import type { SettingValues } from '../../core/settings';
import type { meta } from './meta';

type Settings = SettingValues<typeof meta.settings>;

/** LayerCAM on host copies, as oracle.ts: ReLU(Σ_k ReLU(G_k) ⊙ A_k). Returns the raw map [h·w]. */
export const combine = (a: HostTensor, g: HostTensor, _settings?: Settings): Float32Array => reluCellDot(a, g, true);
