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
});
