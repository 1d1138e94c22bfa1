import { createStore, type StoreApi } from 'zustand/vanilla';
import { isUnanswered } from '../core/abort';
import { anyMeta, type MethodId } from '../methods/registry';
import type { ViewParams } from '../state/params';
import type { AppState, AppStore } from '../state/store';
import type { EngineClient } from '../client/client';
import type { MethodCall, SanityStep } from '../engine/protocol';
import { message } from './message';
import { targetChanged } from './targetChanged';

/** What the sanity-check section shows: its steps so far, for the target, layer and methods it was run on. */
export interface SanityView {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  /** the original (step 0), then one entry per randomisation step, as they arrive */
  steps: SanityStep[];
  /** steps expected in all (the original included); 0 before the first arrives */
  total: number;
  error: string | null;
  /** the gradient methods checked, in screen order */
  methods: MethodId[];
  layer: string | null;
  seed: number;
  /** wall time of the finished check (ms) */
  ms: number | null;
}

export const IDLE_SANITY: SanityView = {
  status: 'idle',
  steps: [],
  total: 0,
  error: null,
  methods: [],
  layer: null,
  seed: 1,
  ms: null,
};

/**
 * Runs the sanity check (cascading weight randomisation) for the current region, class and layer, for every gradient
 * method on screen. A new region, class, layer, image or model, or a setting of a checked method, supersedes it: the
 * run is aborted (the worker stops between steps and puts the weights back) and the section is cleared.
 */
export class SanityRunner {
  readonly view: StoreApi<SanityView> = createStore<SanityView>()(() => IDLE_SANITY);
  private ctrl: AbortController | null = null;

  constructor(
    private readonly engine: EngineClient,
    private readonly store: AppStore,
    private readonly layerOf: (p: ViewParams) => string,
  ) {
    store.subscribe((s, prev) => {
      if (this.view.getState().status !== 'idle' && this.stale(s, prev)) this.reset();
    });
  }

  private stale(s: AppState, prev: AppState): boolean {
    return s.params.layer !== prev.params.layer || targetChanged(s, prev, this.view.getState().methods);
  }

  /** The gradient methods on screen: the ones the check can recompute from a forward + backward pass. */
  methods(): MethodId[] {
    return this.store.getState().params.methods.filter((id) => anyMeta(id).needs === 'gradients');
  }

  async run(seed = this.view.getState().seed): Promise<void> {
    const s = this.store.getState();
    const p = s.params;
    const methods = this.methods();
    if (!p.region || !s.image || !methods.length) return;
    this.ctrl?.abort();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    const layer = this.layerOf(p);
    this.view.setState({ ...IDLE_SANITY, status: 'running', methods, layer, seed });
    try {
      const calls = methods.map((id) => ({ id, settings: p.settings[id] }) as MethodCall);
      const r = await this.engine.sanityCheck(
        { region: p.region, classIndex: p.classIndex, layer, methods: calls, seed },
        (prog) =>
          this.view.setState((v) => ({
            steps: [...v.steps.filter((x) => x.step !== prog.step.step), prog.step],
            total: prog.total,
          })),
        ctrl.signal,
      );
      this.view.setState({ status: 'done', steps: r.steps, total: r.steps.length, ms: r.ms });
    } catch (e) {
      if (ctrl.signal.aborted) return;
      this.view.setState(isUnanswered(e) ? { ...IDLE_SANITY, seed } : { status: 'error', error: message(e) });
    } finally {
      if (this.ctrl === ctrl) this.ctrl = null;
    }
  }

  /** The user's Cancel: the steps so far stay on screen. */
  cancel(): void {
    if (!this.ctrl) return;
    this.ctrl.abort();
    this.ctrl = null;
    this.view.setState({ status: 'cancelled' });
  }

  /** The seed of the next run (the same seed gives the same random weights, hence the same maps). */
  setSeed(seed: number): void {
    this.view.setState({ seed });
  }

  reset(): void {
    this.ctrl?.abort();
    this.ctrl = null;
    this.view.setState({ ...IDLE_SANITY, seed: this.view.getState().seed }, true);
  }
}
