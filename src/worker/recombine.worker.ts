/// <reference lib="webworker" />
// No tfjs here: this worker answers slider changes in plain JS while the tfjs worker may be busy with a RISE batch.
import * as Comlink from 'comlink';
import type { HeatMap } from '../core/results';
import { hostTensor, type HostTensor } from '../explain/host/tensor';
import { hasHostCombine, recombineHost } from '../methods/host';
import type { MethodId } from '../methods/registry';
import type { LayerTensors, RecombinerApi } from './protocol';

let held: { a: HostTensor; g: HostTensor; size: [number, number] } | null = null;

const api: RecombinerApi = {
  setTensors(tensors: LayerTensors, inputSize: [number, number]) {
    held = { a: hostTensor(tensors.activations, tensors.shape), g: hostTensor(tensors.gradients, tensors.shape), size: inputSize };
  },
  clear() {
    held = null;
  },
  combine(methods) {
    const h = held;
    if (!h || !methods.every((m) => hasHostCombine(m.id))) return null;
    const maps: Partial<Record<MethodId, HeatMap>> = {};
    for (const m of methods) {
      if (hasHostCombine(m.id)) maps[m.id] = recombineHost(m.id, h.a, h.g, m.settings as never, h.size);
    }
    return Comlink.transfer(maps, Object.values(maps).map((map) => (map as HeatMap).data.buffer));
  },
};

Comlink.expose(api);
