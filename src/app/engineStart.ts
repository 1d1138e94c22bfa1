import type { EngineLossReason } from '../core/abort';
import type { BackendName } from '../core/kinds';
import type { EngineClient } from '../client/client';
import type { InitResult } from '../engine/protocol';
import type { AppStore } from '../state/store';

/** Starts the backend in the worker and records what it runs on. */
export async function startEngine(
  engine: EngineClient,
  store: AppStore,
  backend: BackendName,
  auto: boolean,
): Promise<InitResult> {
  const init = await engine.init(backend, auto);
  store.getState().setEngine({
    status: 'ready',
    backend: init.backend,
    fallbackReason: init.fallbackReason ?? null,
    renderer: init.renderer ?? null,
    software: init.software === true,
    threads: init.threads ?? null,
  });
  return init;
}

/**
 * Starts the backend the params name, and says when it fell back. A named backend is used as asked; automatic (null)
 * may pass over a software WebGL, with a way back to it.
 */
export async function startChosenBackend(
  engine: EngineClient,
  store: AppStore,
  chosen: BackendName | null,
): Promise<InitResult> {
  const init = await startEngine(engine, store, chosen ?? 'webgl', chosen === null);
  const s = store.getState();
  if (init.softwareRenderer) {
    s.notify('info', `Running on ${init.backend}: ${init.fallbackReason}.`, {
      topic: 'backend',
      action: { label: 'Use WebGL anyway', run: () => store.getState().setParams({ backend: 'webgl' }) },
    });
  } else if (init.fallbackReason)
    s.notify('info', `Running on ${init.backend}: ${init.fallbackReason}.`, { topic: 'backend' });
  return init;
}

/** What a restart after a lost worker says: why it was lost, and the backend the fresh worker runs on. */
export function restartNotice(
  reason: EngineLossReason,
  detail: string,
  backend: BackendName,
  was: BackendName | null,
): string {
  const what =
    reason === 'gpu-lost'
      ? `The GPU context was lost (${detail})`
      : reason === 'hung'
        ? `The engine stopped answering (${detail})`
        : `The engine crashed (${detail})`;
  return (
    `${what}. Restarted it on ` +
    `${backend}${backend !== was ? ' (WebGL lost its context twice)' : ''}; ` +
    `your view is being recomputed.`
  );
}
