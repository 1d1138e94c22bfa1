import * as Comlink from 'comlink';
import type { EngineApi, RiseProgressMessage, RiseRequest } from './protocol';

export type EngineClient = Comlink.Remote<EngineApi> & {
  riseWithProgress(req: RiseRequest, onProgress: (p: RiseProgressMessage) => void): ReturnType<EngineApi['rise']>;
  terminate(): void;
};

/** Starts the engine worker; calls are typed by EngineApi, callbacks travel as Comlink proxies. */
export function startEngine(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<EngineApi>(worker);
  return Object.assign(remote, {
    riseWithProgress: (req: RiseRequest, onProgress: (p: RiseProgressMessage) => void) =>
      remote.rise(req, Comlink.proxy(onProgress)),
    terminate: () => worker.terminate(),
  }) as EngineClient;
}
