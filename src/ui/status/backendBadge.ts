import type { BackendName, WasmThreads } from '../../core/kinds';

/** What the engine reports about its backend (the store's engine state). */
export interface EngineStatusLike {
  status: 'starting' | 'ready' | 'error';
  backend: BackendName | null;
  fallbackReason: string | null;
  /** the GPU backend's renderer or adapter, when known */
  renderer?: string | null;
  /** true when the GPU backend is emulated on the CPU (SwiftShader, llvmpipe…) */
  software?: boolean;
  /** wasm only: threads used, logical cores, and whether the page is cross-origin isolated */
  threads?: WasmThreads | null;
}

/** "2 threads" or "2 workers × 1 thread", and why not more when the machine has more cores than wasm uses. */
function threadWords(threads: EngineStatusLike['threads']): { text: string; title: string } {
  if (!threads) return { text: '', title: '' };
  const workers = threads.workers ?? 1;
  const each = `${threads.used} thread${threads.used === 1 ? '' : 's'}`;
  const text = workers > 1 ? `, ${workers} workers × ${each}` : `, ${each}`;
  const total = threads.used * workers;
  const helper = workers > 1 ? ` A helper worker runs half of each batch of RISE's forward passes.` : '';
  if (total >= threads.cores) return { text, title: ` It uses ${total} of ${threads.cores} cores.${helper}` };
  const why = threads.isolated
    ? ''
    : ' This page is not cross-origin isolated (its server sends no COOP/COEP headers), so WebAssembly cannot share ' +
      'memory between threads; see the README on hosting.';
  return { text, title: ` It uses ${total} of ${threads.cores} cores.${helper}${why}` };
}

/** The backend badge: a short text saying what the backend means for speed, and a tooltip that explains it. */
export function backendBadge(engine: EngineStatusLike): { text: string; title: string } {
  if (engine.status === 'starting')
    return { text: 'starting…', title: 'The engine is starting its TensorFlow.js backend.' };
  const why = engine.fallbackReason ? ` Why this backend: ${engine.fallbackReason}.` : '';
  const on = engine.renderer ? ` (${engine.renderer})` : '';
  switch (engine.backend) {
    case 'webgl':
      return engine.software
        ? {
            text: 'WebGL (software rendering: slow)',
            title: `WebGL runs here on a software renderer${on}, on the CPU: often slower than WebAssembly.${why}`,
          }
        : { text: 'WebGL (GPU)', title: `The model runs on the graphics card through WebGL${on}.${why}` };
    case 'webgpu':
      return engine.software
        ? {
            text: 'WebGPU (software adapter: slow)',
            title: `WebGPU runs here on a software adapter${on}, on the CPU.${why}`,
          }
        : {
            text: 'WebGPU',
            title: `The model runs on the graphics card through WebGPU${on}, the fastest backend.${why}`,
          };
    case 'wasm': {
      const threads = threadWords(engine.threads);
      return {
        text: `WebAssembly (CPU${threads.text})`,
        title:
          `The model runs on the CPU with WebAssembly (no GPU): slower than a ` +
          `GPU, faster than a software one.${threads.title}${why}`,
      };
    }
    case 'cpu':
      return { text: 'CPU (slow)', title: `The model runs in plain JavaScript on the CPU, the slowest backend.${why}` };
    default:
      return {
        text: 'no backend',
        title: engine.status === 'error' ? 'The engine could not start.' : 'No backend is running.',
      };
  }
}
