import * as tf from '@tensorflow/tfjs-core';
// Only the URLs of the .wasm binaries (strings) live in this module; the wasm backend's code is imported on demand.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_LABELS as LABELS, BACKENDS, type BackendName } from '../core/kinds';
import { registerGradientFixes } from '../explain/gradientFixes';
import { SOFTWARE_RENDERER, webglRenderer, webgpuAdapter } from './renderer';

/** The order an explicitly asked backend falls back in: each backend falls back to the ones after it. */
const FALLBACK_ORDER: readonly BackendName[] = BACKENDS;

async function loadWasm(): Promise<void> {
  const { setWasmPaths, setThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  // Threads need a cross-origin isolated page (SharedArrayBuffer); without it tfjs picks the single-threaded build.
  setThreadsCount(threadsWanted ?? logicalCores());
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
}

/** Logical cores the browser reports. */
export const logicalCores = (): number =>
  Math.max(1, (typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency) || 1);

/**
 * Wasm threads for each of the app's tfjs workers: on ≥ 2 cores the engine and its helper share them, half each
 * (2 × 1 thread runs 1.9–2.0× the passes of one worker on 2 cores; 2 threads in one worker 1.2–1.6×: README, Speed).
 * Null where there is no helper (one core, or no nested workers): then the one worker takes every core.
 */
export const threadsPerWorker = (cores: number, canSpawn: boolean): number | null =>
  cores >= 2 && canSpawn ? Math.floor(cores / 2) : null;

let threadsWanted: number | null = null;
/** Benchmarks compare thread counts: the threads the wasm backend will ask for (default: every logical core). */
export function askWasmThreads(n: number): void {
  threadsWanted = n;
}

/**
 * tfjs-backend-wasm 4.22 caps its threads at half of navigator.hardwareConcurrency, assuming two hyperthreads per
 * core; on a machine without SMT (this 2-core development machine) that halves the cores used. The cap is read once,
 * while the wasm module instantiates: for that moment the worker reports twice its logical cores, so that the cap is
 * the real count and the threads asked for (logicalCores) are the threads used. Restored right after.
 */
async function withUncappedThreads<T>(start: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined') return start();
  const real = logicalCores();
  // In browsers the property lives on WorkerNavigator.prototype; an own one (a test's stand-in) is put back as it was.
  const own = Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency');
  Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => 2 * real });
  try {
    return await start();
  } finally {
    if (own) Object.defineProperty(navigator, 'hardwareConcurrency', own);
    else delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** Threads the wasm backend runs on (1 when it is single-threaded), or null when another backend is active. */
export async function wasmThreads(): Promise<number | null> {
  if (tf.getBackend() !== 'wasm') return null;
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  return getThreadsCount();
}

/**
 * Each backend's code, imported on demand (a chunk of its own in the build) and registered with tfjs-core by that
 * import: the worker downloads only the backends it tries.
 */
const LOADERS: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: loadWasm,
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

const loading = new Map<BackendName, Promise<unknown>>();
/** Imports a backend's code once (a failed import may be retried). */
function load(name: BackendName): Promise<unknown> {
  let p = loading.get(name);
  if (!p) {
    p = LOADERS[name]().catch((e: unknown) => {
      loading.delete(name);
      throw e;
    });
    loading.set(name, p);
  }
  return p;
}

/**
 * Largest allowed difference between a backend's probe gradient and the cpu backend's, relative to max(1, max |ref|).
 */
export const GRADIENT_TOLERANCE = 1e-3;

/** Fixed, smooth, sign-changing values: the same on every machine and backend. */
function fixed(shape: number[], seed: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.sin(seed * 12.9898 + i * 0.7071) * 0.5 + Math.cos(i * seed * 0.013) * 0.25;
  return tf.tensor(v, shape);
}

/**
 * The gradient, on the active backend, of a small network like the explained ones (conv2d, depthwise conv, bilinear
 * upsampling with half-pixel centres, weighted sum) with respect to its input, on fixed inputs.
 */
async function probeGradient(): Promise<Float32Array> {
  const g = tf.tidy(() => {
    const x = fixed([1, 9, 7, 3], 1) as tf.Tensor4D;
    const filter = fixed([3, 3, 3, 4], 2) as tf.Tensor4D;
    const depthwise = fixed([3, 3, 4, 1], 3) as tf.Tensor4D;
    const weights = fixed([1, 17, 13, 4], 4);
    const f = (input: tf.Tensor): tf.Scalar => {
      const a = tf.conv2d(input as tf.Tensor4D, filter, 1, 'same');
      const b = tf.depthwiseConv2d(tf.tanh(a), depthwise, 1, 'same');
      const up = tf.image.resizeBilinear(b, [17, 13], false, true);
      return tf.sum(tf.mul(up, weights));
    };
    return tf.grad(f)(x);
  });
  try {
    return (await g.data()) as Float32Array;
  } finally {
    g.dispose();
  }
}

/**
 * Compares the probe gradient on the backend `name` with the cpu backend's, both with the gradients the app uses
 * (our fixes included); returns the relative error. Leaves `name` active.
 */
export async function gradientCheck(name: string): Promise<number> {
  registerGradientFixes();
  await load('cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not start');
  const reference = await probeGradient();
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not start`);
  await tf.ready();
  const actual = await probeGradient();
  let scale = 1;
  for (const v of reference) scale = Math.max(scale, Math.abs(v));
  let error = 0;
  for (let i = 0; i < reference.length; i++) {
    const d = Math.abs((actual[i] ?? NaN) - (reference[i] ?? NaN));
    error = Math.max(error, Number.isNaN(d) ? Infinity : d);
  }
  return error / scale;
}

export interface ActiveBackend {
  backend: BackendName;
  fallbackReason?: string;
  /** set when WebGL was passed over because it runs on a software renderer */
  softwareRenderer?: string;
}

/**
 * Activates a backend.
 *
 * Asked for explicitly, `wanted` is used if it starts, else the next of webgpu → webgl → wasm → cpu that does, with the
 * reasons in `fallbackReason`.
 *
 * Automatic (`auto`, `wanted` ignored): WebGPU when the browser has a hardware adapter and the backend passes a
 * startup gradient check against the cpu backend; otherwise WebGL, unless WebGL runs on a software renderer, where
 * wasm is much faster. Whenever WebGPU was there but passed over, `fallbackReason` says why.
 */
export async function activateBackend(wanted: BackendName, auto = false): Promise<ActiveBackend> {
  if (!auto) return activateInOrder(FALLBACK_ORDER.slice(Math.max(0, FALLBACK_ORDER.indexOf(wanted))));

  const passedOver: string[] = [];
  const adapter = await webgpuAdapter();
  if (adapter.ok && adapter.software) {
    // WebGPU emulated on the CPU (SwiftShader): slower than wasm, like a software WebGL.
    passedOver.push(`WebGPU here is a software adapter (${adapter.name})`);
  } else if (adapter.ok) {
    const reason = await tryWebgpuChecked();
    if (!reason) return { backend: 'webgpu' };
    passedOver.push(reason);
  }

  await gpuSettled();
  const renderer = webglRenderer();
  if (renderer && SOFTWARE_RENDERER.test(renderer)) {
    const picked = await activateInOrder(['wasm', 'cpu']);
    const why = [...passedOver, `WebGL here is a software renderer (${renderer}), much slower than WebAssembly`];
    if (picked.fallbackReason) why.push(picked.fallbackReason);
    return { backend: picked.backend, softwareRenderer: renderer, fallbackReason: why.join('; ') };
  }
  const picked = await activateInOrder(['webgl', 'wasm', 'cpu']);
  const why = [...passedOver, ...(picked.fallbackReason ? [picked.fallbackReason] : [])];
  return why.length ? { backend: picked.backend, fallbackReason: why.join('; ') } : { backend: picked.backend };
}

/**
 * Starts WebGPU and checks its gradients against cpu: null when it can be used, else why not (and WebGPU is dropped).
 */
async function tryWebgpuChecked(): Promise<string | null> {
  const failure = await start('webgpu');
  if (failure) return failure;
  let error: number;
  try {
    error = await gradientCheck('webgpu');
  } catch (e) {
    dropBackend('webgpu');
    return `WebGPU failed its startup gradient check: ${(e as Error).message}`;
  }
  if (error <= GRADIENT_TOLERANCE) return null;
  dropBackend('webgpu');
  return (
    `WebGPU failed its startup gradient check (relative error ` +
    `${error.toExponential(1)} against the CPU backend, tolerance ${GRADIENT_TOLERANCE})`
  );
}

/** Set when a started WebGPU backend was dropped: its device may have been lost, taking the GPU process with it. */
let gpuMayBeRestarting = false;

/** Releases a backend that will not be used (its device or context), so that it is never picked by tfjs either. */
function dropBackend(name: BackendName): void {
  if (name === 'webgpu' && tf.engine().registry.webgpu) gpuMayBeRestarting = true;
  try {
    tf.removeBackend(name);
  } catch {
    // already gone
  }
}

/**
 * After a lost WebGPU device Chromium restarts its GPU process, and for a moment refuses WebGL contexts (measured
 * here: null right after, fine 100 ms later). tfjs-backend-webgl decides its WebGL version once, at its first start,
 * so that start must wait until a context can be made again (up to `ms`; without WebGL at all, it then goes on).
 */
async function gpuSettled(ms = 2000): Promise<void> {
  if (!gpuMayBeRestarting) return;
  gpuMayBeRestarting = false;
  const until = Date.now() + ms;
  while (webglRenderer() === null && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The first backend of `order` that starts; `fallbackReason` lists why each one before it did not. */
async function activateInOrder(order: readonly BackendName[]): Promise<ActiveBackend> {
  const reasons: string[] = [];
  for (const name of order) {
    const failure = await start(name);
    if (!failure) return reasons.length ? { backend: name, fallbackReason: reasons.join('; ') } : { backend: name };
    reasons.push(failure);
  }
  throw new Error(`No TensorFlow.js backend could start (${reasons.join('; ')}).`);
}

/** Loads, activates and probes one backend: null when it runs, else why not. */
async function start(name: BackendName): Promise<string | null> {
  const label = LABELS[name];
  if (name === 'webgpu') {
    const adapter = await webgpuAdapter();
    if (!adapter.ok) return adapter.reason;
  }
  if (name === 'webgl') await gpuSettled();
  try {
    await load(name);
    const set = () => tf.setBackend(name);
    if (!(await (name === 'wasm' ? withUncappedThreads(set) : set())))
      return `${label} could not be initialised in this browser`;
    await tf.ready();
    if (name === 'webgl' || name === 'webgpu') await probe();
    return null;
  } catch (e) {
    if (name === 'webgpu' || name === 'webgl') dropBackend(name);
    return `${label} failed: ${(e as Error).message}`;
  }
}

/**
 * A GPU context can exist and still fail on first use: run one op and read it back both ways the app reads results,
 * asynchronously (data) and synchronously (dataSync). tfjs-backend-webgpu reads synchronously through a canvas, which
 * some browsers cannot do: headless Chromium 156 with SwiftShader's WebGPU returns zeros there and loses the device.
 * The tensors have 4096 elements so that tfjs-backend-webgpu computes them on the GPU (it hands small ones to the CPU).
 */
async function probe(): Promise<void> {
  const forAsync = tf.tidy(() => tf.add(tf.ones([64, 64]), 1));
  const forSync = tf.tidy(() => tf.add(tf.ones([64, 64]), 2));
  try {
    const a = await forAsync.data();
    if (a.some((v) => v !== 2)) throw new Error(`1 + 1 read back as ${a.find((v) => v !== 2)}`);
    const s = forSync.dataSync();
    if (s.some((v) => v !== 3)) throw new Error(`a synchronous read-back gave ${s.find((v) => v !== 3)} for 3`);
  } finally {
    forAsync.dispose();
    forSync.dispose();
  }
}
