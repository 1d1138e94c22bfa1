/** The small closed vocabularies every layer shares, each defined once with its list of values. */
export const POOL_TYPES = ['max', 'mean'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

/**
 * 'valid': edge windows pool over their valid cells (ours). 'reference': the paper's code, zero-pad + skimage resize.
 */
export const EDGE_MODES = ['valid', 'reference'] as const;
export type EdgeMode = (typeof EDGE_MODES)[number];

/** What hidden pixels become in RISE, Score-CAM and sufficiency: the image's mean colour, black, or a blurred copy. */
export const BASELINE_KINDS = ['mean', 'black', 'blur'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

/** Every backend, fastest first: also the order an explicitly asked backend falls back in (src/engine/backend.ts). */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** How each backend is named to the user (the backend picker, fallback reasons). */
export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU',
};

/** How a model's class scores become probabilities: softmax over channels, or a sigmoid per channel. */
export type OutputKind = 'softmax' | 'sigmoid';

export function isOneOf<T extends string>(value: unknown, choices: readonly T[]): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

/** How the wasm backend runs: threads used, the logical cores the browser reports, and whether the page is
 * cross-origin isolated (without it, SharedArrayBuffer and so more than one thread are unavailable). */
export interface WasmThreads {
  /** threads of each worker */
  used: number;
  cores: number;
  isolated: boolean;
  /** workers running passes side by side: the engine's, and its helper for job batches when there is one */
  workers?: number;
}
