import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activateBackend, GRADIENT_TOLERANCE, gradientCheck, threadsPerWorker } from './backend';

/**
 * Stand-ins for the browser backends, which cannot run in Node: each registers, under the browser backend's name, a
 * copy of the cpu backend (kernels included), and records that its module was imported.
 */
const fake = vi.hoisted(() => ({
  loaded: [] as string[],
  /** factor applied to the fake WebGPU's Conv2DBackpropInput (1 = correct) */
  webgpuConvGradFactor: 1,
  /** the fake WebGPU's synchronous reads return zeros, as tfjs-backend-webgpu's do in headless Chromium here */
  webgpuReadSyncBroken: false,
  setWasmPaths: [] as unknown[],
  threadsAsked: [] as number[],
  /** navigator.hardwareConcurrency as the wasm backend's factory saw it (what tfjs's thread cap reads) */
  coresSeenAtStart: [] as (number | undefined)[],
  async cpuClone(name: string, onCreate = () => {}): Promise<void> {
    const tf = await import('@tensorflow/tfjs-core');
    const { MathBackendCPU } =
      await vi.importActual<typeof import('@tensorflow/tfjs-backend-cpu')>('@tensorflow/tfjs-backend-cpu');
    if (tf.findBackendFactory(name)) return;
    class Clone extends MathBackendCPU {
      override read(id: object) {
        return Promise.resolve(super.readSync(id));
      }
      override readSync(id: object) {
        const values = super.readSync(id);
        return name === 'webgpu' && fake.webgpuReadSyncBroken ? new Float32Array(values.length) : values;
      }
    }
    tf.registerBackend(name, () => {
      onCreate();
      return new Clone();
    });
    for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: name });
  },
}));

vi.mock('@tensorflow/tfjs-backend-webgpu', async () => {
  fake.loaded.push('webgpu');
  await registerFakeWebgpu();
  return {};
});
vi.mock('@tensorflow/tfjs-backend-webgl', async () => {
  fake.loaded.push('webgl');
  const tf = await import('@tensorflow/tfjs-core');
  tf.registerBackend('webgl', () => {
    throw new Error('no WebGL in Node');
  });
  return {};
});
vi.mock('@tensorflow/tfjs-backend-wasm', async () => {
  fake.loaded.push('wasm');
  const tf = await import('@tensorflow/tfjs-core');
  tf.env().registerFlag('WASM_HAS_MULTITHREAD_SUPPORT', () => true);
  await fake.cpuClone('wasm', () => fake.coresSeenAtStart.push(globalThis.navigator?.hardwareConcurrency));
  return {
    setWasmPaths: (paths: unknown) => fake.setWasmPaths.push(paths),
    setThreadsCount: (n: number) => fake.threadsAsked.push(n),
  };
});

/** The fake WebGPU: the cpu backend, with its input gradient of conv2d scaled by `webgpuConvGradFactor`. */
async function registerFakeWebgpu(): Promise<void> {
  if (tf.findBackendFactory('webgpu')) return;
  await fake.cpuClone('webgpu');
  const real = tf.getKernel('Conv2DBackpropInput', 'cpu')!;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropInput',
    backendName: 'webgpu',
    kernelFunc: (args) => {
      const out = real.kernelFunc(args) as tf.TensorInfo;
      if (fake.webgpuConvGradFactor === 1) return out;
      const backend = args.backend as tf.KernelBackend & {
        makeTensorInfo(s: number[], d: string, v: Float32Array): tf.TensorInfo;
        disposeIntermediateTensorInfo(t: tf.TensorInfo): void;
      };
      const values = (backend.readSync(out.dataId) as Float32Array).map((v) => v * fake.webgpuConvGradFactor);
      backend.disposeIntermediateTensorInfo(out);
      return backend.makeTensorInfo(out.shape, out.dtype, values);
    },
  });
}

type Adapter = { info: { vendor: string; architecture: string; isFallbackAdapter: boolean } } | null;
const gpu = (adapter: Adapter) => ({ gpu: { requestAdapter: () => Promise.resolve(adapter) } });
const HARDWARE: Adapter = { info: { vendor: 'acme', architecture: 'rdna9', isFallbackAdapter: false } };
const SOFTWARE: Adapter = { info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } };
/** A WebGL2 context reporting this renderer string; refused for the first `refusals` contexts asked for. */
const webgl = (renderer: string, refusals = 0) => {
  const asked = { count: 0 };
  return Object.assign(
    class {
      getContext() {
        return ++asked.count <= refusals
          ? null
          : { RENDERER: 1, getExtension: () => null, getParameter: () => renderer };
      }
    },
    { asked },
  );
};

beforeEach(() => {
  tf.env().set('IS_TEST', true);
  fake.webgpuConvGradFactor = 1;
  fake.webgpuReadSyncBroken = false;
  // Node has neither a GPU nor a canvas: each test states the browser it stands for (no WebGPU, no WebGL by default;
  // a hardware or a software adapter where a test says so). Undone after each test.
  vi.stubGlobal('navigator', {});
  vi.stubGlobal('OffscreenCanvas', undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

// The tests share one tfjs engine and one module registry, so their order matters: the first ones prove what is NOT
// imported before later ones import everything.
describe('activateBackend', () => {
  it('asked for cpu, imports no browser backend', async () => {
    expect(await activateBackend('cpu')).toEqual({ backend: 'cpu' });
    expect(fake.loaded).toEqual([]);
    expect(fake.setWasmPaths).toEqual([]);
  });

  it('asked for wasm, imports wasm alone and sets it up (every core, bundled .wasm files)', async () => {
    // A browser worker's navigator with 3 logical cores (Node 20 has none).
    const nav = { hardwareConcurrency: 3 };
    vi.stubGlobal('navigator', nav);
    expect(await activateBackend('wasm')).toEqual({ backend: 'wasm' });
    // tfjs caps its threads at half the cores it is shown: while it starts it sees twice the real count …
    expect(fake.coresSeenAtStart).toEqual([6]);
    // … and afterwards the real one again; it is asked for every core.
    expect(nav.hardwareConcurrency).toBe(3);
    expect(Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency')?.value).toBe(3);
    expect(fake.threadsAsked).toEqual([3]);
    expect(tf.getBackend()).toBe('wasm');
    expect(fake.loaded).toEqual(['wasm']);
    expect(fake.setWasmPaths).toHaveLength(1);
    expect(Object.keys(fake.setWasmPaths[0] as object).sort()).toEqual([
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
      'tfjs-backend-wasm.wasm',
    ]);
    // threads are left to tfjs's own check (a cross-origin isolated page); the flag is not forced off
    expect(tf.env().get('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(true);
  });

  it(
    'automatic, without WebGPU, keeps the old choice (WebGL, else wasm) ' + 'without mentioning WebGPU or importing it',
    async () => {
      vi.stubGlobal('navigator', gpu(null));
      const picked = await activateBackend('webgl', true);
      expect(picked.backend).toBe('wasm');
      expect(picked.fallbackReason).toMatch(/WebGL could not be initialised/);
      expect(picked.fallbackReason).not.toMatch(/WebGPU/);
      expect(fake.loaded).not.toContain('webgpu');
    },
  );

  it('automatic, with a software WebGPU adapter and a software WebGL, picks wasm and says why for both', async () => {
    vi.stubGlobal('navigator', gpu(SOFTWARE));
    vi.stubGlobal(
      'OffscreenCanvas',
      webgl('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'),
    );
    const picked = await activateBackend('webgl', true);
    expect(picked.backend).toBe('wasm');
    expect(picked.softwareRenderer).toMatch(/SwiftShader/);
    expect(picked.fallbackReason).toMatch(
      /WebGPU here is a software adapter \(google swiftshader\).*WebGL here is a software renderer/,
    );
    expect(fake.loaded).not.toContain('webgpu');
  });

  it(
    'asked for WebGPU in a browser without it, falls back along webgpu → ' + 'webgl → wasm and names each reason',
    async () => {
      const picked = await activateBackend('webgpu');
      expect(picked.backend).toBe('wasm');
      expect(picked.fallbackReason).toBe(
        'WebGPU is not available in this browser; WebGL could not be initialised in this browser',
      );
      expect(fake.loaded).not.toContain('webgpu'); // no adapter: its code is not even downloaded
    },
  );

  it('asked for WebGPU with an adapter, uses it as asked', async () => {
    vi.stubGlobal('navigator', gpu(SOFTWARE));
    expect(await activateBackend('webgpu')).toEqual({ backend: 'webgpu' });
    expect(tf.getBackend()).toBe('webgpu');
  });

  it(
    'asked for WebGPU whose synchronous read-back fails (headless Chromium ' +
      'here), drops it and falls back, saying why',
    async () => {
      fake.webgpuReadSyncBroken = true;
      vi.stubGlobal('navigator', gpu(SOFTWARE));
      // As in Chromium here, the lost device takes the GPU process along: WebGL contexts are refused for a moment.
      const canvas = webgl('ANGLE (NVIDIA GeForce)', 3);
      vi.stubGlobal('OffscreenCanvas', canvas);
      await tf.setBackend('cpu'); // a fresh start of WebGPU
      tf.removeBackend('webgpu');
      await registerFakeWebgpu();
      const picked = await activateBackend('webgpu');
      expect(picked).toEqual({
        backend: 'wasm',
        fallbackReason:
          'WebGPU failed: a synchronous read-back gave 0 for 3; WebGL could not be initialised in this browser',
      });
      expect(tf.findBackendFactory('webgpu')).toBeNull();
      expect(canvas.asked.count).toBe(4); // WebGL was tried only once a context could be made again
      await registerFakeWebgpu();
    },
  );

  it('automatic, with a hardware WebGPU adapter whose gradients match cpu, picks WebGPU', async () => {
    vi.stubGlobal('navigator', gpu(HARDWARE));
    vi.stubGlobal('OffscreenCanvas', webgl('ANGLE (NVIDIA GeForce)'));
    expect(await activateBackend('webgl', true)).toEqual({ backend: 'webgpu' });
    expect(tf.getBackend()).toBe('webgpu');
  });

  it(
    'automatic, with a WebGPU whose conv2d input gradient is 1% off, fails ' + 'the check, drops WebGPU and falls back',
    async () => {
      fake.webgpuConvGradFactor = 1.01;
      vi.stubGlobal('navigator', gpu(HARDWARE));
      vi.stubGlobal('OffscreenCanvas', webgl('ANGLE (NVIDIA GeForce)'));
      const picked = await activateBackend('webgl', true);
      expect(picked.backend).toBe('wasm');
      expect(picked.fallbackReason).toMatch(
        new RegExp(
          '^WebGPU failed its startup gradient check \\(relative error 1\\.\\de-2 against the CPU backend, ' +
            'tolerance 0\\.001\\); WebGL could not be initialised',
        ),
      );
      expect(tf.findBackendFactory('webgpu')).toBeNull(); // released, never picked by tfjs either
    },
  );
});

describe('gradientCheck', () => {
  beforeEach(registerFakeWebgpu);

  it('passes a backend equal to cpu and an error far below the tolerance, fails one 1% off', async () => {
    expect(await gradientCheck('cpu')).toBe(0);
    expect(await gradientCheck('webgpu')).toBe(0);
    fake.webgpuConvGradFactor = 1 + 1e-5;
    expect(await gradientCheck('webgpu')).toBeLessThan(GRADIENT_TOLERANCE);
    fake.webgpuConvGradFactor = 1.01;
    expect(await gradientCheck('webgpu')).toBeGreaterThan(GRADIENT_TOLERANCE);
  });

  it('leaks no tensor', async () => {
    await gradientCheck('webgpu');
    const before = tf.memory().numTensors;
    await gradientCheck('webgpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('threadsPerWorker', () => {
  it('halves the cores between the engine and its helper, and gives one worker all of them without a helper', () => {
    expect([2, 3, 8, 16].map((cores) => threadsPerWorker(cores, true))).toEqual([1, 1, 4, 8]);
    expect(threadsPerWorker(1, true)).toBeNull();
    expect(threadsPerWorker(8, false)).toBeNull();
  });
});
