import { describe, expect, it } from 'vitest';
import { backendBadge, type EngineStatusLike } from './backendBadge';

const ready = (patch: Partial<EngineStatusLike>): EngineStatusLike => ({
  status: 'ready',
  backend: null,
  fallbackReason: null,
  ...patch,
});

describe('backendBadge', () => {
  it('says what each backend means for speed', () => {
    expect(backendBadge(ready({ backend: 'webgl', renderer: 'ANGLE (NVIDIA)', software: false })).text).toBe(
      'WebGL (GPU)',
    );
    expect(
      backendBadge(ready({ backend: 'webgl', renderer: 'ANGLE (Google, Vulkan (SwiftShader Device))', software: true }))
        .text,
    ).toBe('WebGL (software rendering: slow)');
    expect(backendBadge(ready({ backend: 'webgpu' })).text).toBe('WebGPU');
    expect(backendBadge(ready({ backend: 'webgpu', software: true })).text).toBe('WebGPU (software adapter: slow)');
    expect(backendBadge(ready({ backend: 'wasm' })).text).toBe('WebAssembly (CPU)');
    expect(backendBadge(ready({ backend: 'cpu' })).text).toBe('CPU (slow)');
  });
  it('explains in its tooltip, with the renderer and why this backend was used', () => {
    const { title } = backendBadge(
      ready({ backend: 'webgl', renderer: 'llvmpipe', software: true, fallbackReason: 'asked for in the link' }),
    );
    expect(title).toContain('software renderer (llvmpipe)');
    expect(title).toContain('Why this backend: asked for in the link.');
  });
  it('while starting and without a backend', () => {
    expect(backendBadge({ status: 'starting', backend: null, fallbackReason: null }).text).toBe('starting…');
    expect(backendBadge({ status: 'error', backend: null, fallbackReason: null })).toEqual({
      text: 'no backend',
      title: 'The engine could not start.',
    });
  });
  it('says how many threads wasm runs on, and why only one on a page that is not cross-origin isolated', () => {
    const two = backendBadge(ready({ backend: 'wasm', threads: { used: 2, cores: 2, isolated: true } }));
    expect(two.text).toBe('WebAssembly (CPU, 2 threads)');
    expect(two.title).toContain('It uses 2 of 2 cores.');
    const one = backendBadge(ready({ backend: 'wasm', threads: { used: 1, cores: 8, isolated: false } }));
    expect(one.text).toBe('WebAssembly (CPU, 1 thread)');
    expect(one.title).toContain('It uses 1 of 8 cores.');
    expect(one.title).toContain('not cross-origin isolated');
  });
  it('counts the helper worker: its threads add to the cores used', () => {
    const pair = backendBadge(ready({ backend: 'wasm', threads: { used: 1, cores: 2, isolated: true, workers: 2 } }));
    expect(pair.text).toBe('WebAssembly (CPU, 2 workers × 1 thread)');
    expect(pair.title).toContain('It uses 2 of 2 cores.');
    expect(pair.title).toContain('helper worker');
    expect(pair.title).not.toContain('cross-origin');
    const apart = backendBadge(ready({ backend: 'wasm', threads: { used: 1, cores: 8, isolated: false, workers: 2 } }));
    expect(apart.title).toContain('It uses 2 of 8 cores.');
    expect(apart.title).toContain('not cross-origin isolated');
  });
});
