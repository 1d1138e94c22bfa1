import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../core/kinds';

// Multithreaded wasm hangs in a minified build (NOTES-tfjs.md); the single-threaded SIMD build is used.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/** Renderer strings of WebGL implementations that run on the CPU: there WebGL is 7–30× slower than wasm. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The WebGL renderer string, read from a throwaway context (null when WebGL is unavailable or hides it). */
function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

export interface ActiveBackend {
  backend: BackendName;
  fallbackReason?: string;
  /** set when WebGL was passed over because it runs on a software renderer */
  softwareRenderer?: string;
}

/**
 * Activates the requested backend; WebGL falls back to wasm (then cpu) and says why. When the backend was not asked
 * for explicitly (`auto`), a software WebGL renderer is passed over for wasm, which is much faster there.
 */
export async function activateBackend(wanted: BackendName, auto = false): Promise<ActiveBackend> {
  const renderer = auto && wanted === 'webgl' ? webglRenderer() : null;
  if (renderer && SOFTWARE_RENDERER.test(renderer)) {
    const picked = await activateBackend('wasm');
    return { ...picked, softwareRenderer: renderer, fallbackReason: `WebGL here is a software renderer (${renderer}), much slower than WebAssembly` };
  }
  const order: BackendName[] = wanted === 'webgl' ? ['webgl', 'wasm', 'cpu'] : wanted === 'wasm' ? ['wasm', 'cpu'] : ['cpu'];
  let reason: string | undefined;
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === 'webgl') probeWebgl();
        return name === wanted ? { backend: name } : { backend: name, fallbackReason: reason ?? `${wanted} unavailable` };
      }
      reason ??= `${wanted} could not be initialised in this browser`;
    } catch (e) {
      reason ??= `${wanted} failed: ${(e as Error).message}`;
    }
  }
  throw new Error('No TensorFlow.js backend could start (webgl, wasm and cpu all failed).');
}

/** A WebGL context can exist and still fail on first use; run one op to be sure. */
function probeWebgl(): void {
  tf.tidy(() => tf.add(tf.ones([2, 2]), 1).dataSync());
}
