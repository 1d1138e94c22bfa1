/** What the GPU backends would run on: the WebGL renderer and the WebGPU adapter, and whether either is software. */
import type { BackendName } from '../core/kinds';

/** Renderer strings of WebGL implementations that run on the CPU: there WebGL is 7–30× slower than wasm. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The WebGL renderer string, read from a throwaway context (null when WebGL is unavailable or hides it). */
export function webglRenderer(): string | null {
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

/** What the active GPU backend renders on, for the badge: software (SwiftShader, llvmpipe…) runs on the CPU, slowly. */
export async function describeRenderer(backend: BackendName): Promise<{ renderer?: string; software?: boolean }> {
  if (backend === 'webgl') {
    const renderer = webglRenderer();
    return renderer ? { renderer, software: SOFTWARE_RENDERER.test(renderer) } : {};
  }
  if (backend !== 'webgpu') return {};
  const adapter = await webgpuAdapter();
  return adapter.ok ? { renderer: adapter.name, software: adapter.software } : {};
}

/** The little of WebGPU's API read here (the DOM lib of this TypeScript has no WebGPU types). */
interface GpuAdapterLike {
  readonly info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  readonly isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null>;
}

export type WebgpuAdapter = { ok: true; name: string; software: boolean } | { ok: false; reason: string };

/** Whether this browser offers a WebGPU adapter (asked the way tfjs-backend-webgpu asks), and what it is. */
export async function webgpuAdapter(): Promise<WebgpuAdapter> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, reason: 'WebGPU is not available in this browser' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, reason: `WebGPU refused an adapter: ${(e as Error).message}` };
  }
  if (!adapter) return { ok: false, reason: 'WebGPU is not available here (no adapter)' };
  const info = adapter.info ?? {};
  const name =
    [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE_RENDERER.test(name);
  return { ok: true, name, software };
}
