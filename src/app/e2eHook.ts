import type { Async, EngineApi } from '../engine/protocol';
import type { AppState } from '../state/store';

/**
 * The test and automation hook, `window.segexplain`: the engine's read-only calls as the client makes them (mapped
 * from the engine's interface), the store's state, and a way to kill the worker as a crash would. Typed once, here:
 * main.tsx sets it, e2e/fixtures.ts reads it.
 */
export type SegexplainHook = Async<Pick<EngineApi, 'stats' | 'checkGradients' | 'activeBackend'>> & {
  state(): AppState;
  /** terminates the engine worker without telling the client, as a crash would */
  killWorker(): void;
};

declare global {
  interface Window {
    segexplain: SegexplainHook;
  }
}
