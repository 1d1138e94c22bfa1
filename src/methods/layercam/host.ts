import { reluCellDot } from '../../explain/host/channels';
import type { HostTensor } from '../../explain/host/tensor';
import type { MethodSettings } from '../registry';

/** LayerCAM on host copies, as compute.ts: ReLU(Σ_k ReLU(G_k) ⊙ A_k). Returns the raw map [h·w]. */
export const combineHost = (a: HostTensor, g: HostTensor, _settings?: MethodSettings['layercam']): Float32Array =>
  reluCellDot(a, g, true);
