import * as tf from '@tensorflow/tfjs-core';

/** The WebGL context of the active backend, if it is WebGL (tfjs keeps it on the backend's gpgpu context). */
function webglContext(): WebGL2RenderingContext | WebGLRenderingContext | null {
  const backend = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } } | null;
  return tf.getBackend() === 'webgl' ? (backend?.gpgpu?.gl ?? null) : null;
}

/**
 * Calls onLost once if the GPU context under the active backend goes away (driver reset, too many contexts, the
 * e2e's WEBGL_lose_context). Every texture, weights included, is gone then: the client restarts the worker.
 */
export function watchGpuLoss(onLost: (detail: string) => void): void {
  const gl = webglContext();
  if (gl) {
    // In a worker the context draws on an OffscreenCanvas (the worker's lib does not type gl.canvas).
    const canvas = (gl as unknown as { canvas: OffscreenCanvas }).canvas;
    canvas.addEventListener('webglcontextlost', () => onLost('the WebGL context was lost'), { once: true });
  }
  const device = (tf.findBackend('webgpu') as unknown as { device?: { lost?: Promise<{ message?: string }> } } | null)
    ?.device;
  if (tf.getBackend() === 'webgpu' && device?.lost) {
    void device.lost.then((info) => onLost(`the WebGPU device was lost${info.message ? `: ${info.message}` : ''}`));
  }
}

/** Test hook (reached by e2e through the worker's global): loses the WebGL context as a driver reset would. */
export function loseWebglContext(): boolean {
  const ext = webglContext()?.getExtension('WEBGL_lose_context');
  ext?.loseContext();
  return Boolean(ext);
}
