import type { ModelDescriptor } from '../../src/core/modelInfo';
import type { SufficiencyReading } from '../../src/core/results';
import { METHOD_IDS, type MethodId } from '../../src/methods/registry';
import { defaultParams } from '../../src/state/params';
import { EMPTY_RESULT, type MethodResult } from '../../src/state/resultsSlice';
import type { ExportView } from '../../src/ui/export/view';

/** A small view for the export tests (not used by the app): a 2×3 map, a 4×4 output grid. */
export function testView(patch: Partial<ExportView> = {}): ExportView {
  const model: ModelDescriptor = {
    id: 'selfie',
    title: 'MediaPipe selfie',
    inputSize: [3, 2],
    outputSize: [4, 4],
    classes: [
      { name: 'background', color: '#000000' },
      { name: 'person', color: '#ff0000' },
    ],
    layers: [
      { name: 'bottleneck', shape: [2, 2, 8] },
      { name: 'head', shape: [4, 4, 4] },
    ],
    defaultLayer: 'bottleneck',
    bottleneck: 'bottleneck',
    outputKind: 'sigmoid',
  };
  const results = Object.fromEntries(METHOD_IDS.map((id) => [id, EMPTY_RESULT])) as Record<MethodId, MethodResult>;
  results.gradcam = {
    ...EMPTY_RESULT,
    status: 'done',
    map: { data: Float32Array.from([0, 0.5, 1, 0.25, 0.75, 0.125]), size: [2, 3], positive: true },
    sufficiency: { dice: 0.75, retained: 0.5 } as SufficiencyReading,
  };
  results.xres = {
    ...EMPTY_RESULT,
    status: 'done',
    map: { data: Float32Array.from([1, 0, 0, 0, 0, 1 / 3]), size: [2, 3], positive: true },
    sufficiency: null,
  };
  results.rise = { ...EMPTY_RESULT, status: 'error', error: 'out of memory, "really"' };
  const mask = new Uint8Array(16);
  mask.set([1, 1], 5);
  return {
    params: { ...defaultParams(), region: { kind: 'point', x: 0.45, y: 0.3 } },
    model,
    image: { id: 'astronaut', name: 'Astronaut (Eileen Collins)', originalSize: [512, 512] },
    target: {
      classIndex: 1,
      regionPixels: 2,
      removedByClass: 0,
      layerShape: [2, 2, 8],
      score: 3.5,
      mask,
      ring: null,
      maskSize: [4, 4],
    },
    results,
    backend: 'wasm',
    ...patch,
  };
}
