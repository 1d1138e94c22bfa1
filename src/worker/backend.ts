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

/** Activates the requested backend; WebGL falls back to wasm (then cpu) and says why. */
export async function activateBackend(wanted: BackendName): Promise<{ backend: BackendName; fallbackReason?: string }> {
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
