import * as Comlink from 'comlink';
import type { EngineApi, RiseProgressMessage, RiseRequest } from './protocol';

export interface EngineClient {
  /** typed RPC to the worker */
  api: Comlink.Remote<EngineApi>;
  /** RISE with a progress callback (travels as a Comlink proxy) */
  rise(req: RiseRequest, onProgress: (p: RiseProgressMessage) => void): ReturnType<EngineApi['rise']>;
  terminate(): void;
}

/** Starts the engine worker. */
export function startEngine(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<EngineApi>(worker);
  return {
    api,
    rise: (req, onProgress) => api.rise(req, Comlink.proxy(onProgress)),
    terminate: () => worker.terminate(),
  };
}
