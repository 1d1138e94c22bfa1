import { createStore, type StoreApi } from 'zustand/vanilla';
import { isUnanswered } from '../core/abort';
import { anyMeta, type MethodId } from '../methods/registry';
import type { ViewParams } from '../state/params';
import type { AppState, AppStore } from '../state/store';
import type { EngineClient } from '../client/client';
import { ROBUSTNESS_DRAWS, ROBUSTNESS_SIGMA } from '../core/robustness';
import type { MethodCall, RobustnessResult } from '../engine/protocol';
import { message } from './message';
import { targetChanged } from './targetChanged';

const SEED = 1;

/** What the robustness read-outs show: one run for every gradient method on screen. */
export interface RobustnessView {
  status: 'idle' | 'running' | 'done' | 'error';
  /** passes done of total, while running */
  done: number;
  total: number;
  result: RobustnessResult | null;
  error: string | null;
  methods: MethodId[];
}

export const IDLE_ROBUSTNESS: RobustnessView = {
  status: 'idle',
  done: 0,
  total: 0,
  result: null,
  error: null,
  methods: [],
};

/**
 * Runs the robustness read-out on demand (never on the first view: it costs 1 + 8 forward + backward passes) for the
 * current region, class and layer and every gradient method on screen. A new region, class, layer, image or model,
 * or a setting of a measured method, clears it (aborting a run).
 */
export class RobustnessRunner {
  readonly view: StoreApi<RobustnessView> = createStore<RobustnessView>()(() => IDLE_ROBUSTNESS);
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

  async run(): Promise<void> {
    const s = this.store.getState();
    const p = s.params;
    const methods = p.methods.filter((id) => anyMeta(id).needs === 'gradients');
    if (!p.region || !s.image || !methods.length) return;
    this.ctrl?.abort();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.view.setState({ ...IDLE_ROBUSTNESS, status: 'running', methods, total: ROBUSTNESS_DRAWS + 1 });
    try {
      const calls = methods.map((id) => ({ id, settings: p.settings[id] }) as MethodCall);
      const req = {
        region: p.region,
        classIndex: p.classIndex,
        layer: this.layerOf(p),
        methods: calls,
        sigma: ROBUSTNESS_SIGMA,
        draws: ROBUSTNESS_DRAWS,
        seed: SEED,
      };
      const r = await this.engine.robustness(req, (prog) => this.view.setState({ done: prog.done }), ctrl.signal);
      this.view.setState({ status: 'done', result: r, done: r.draws + 1 });
    } catch (e) {
      if (ctrl.signal.aborted) return;
      this.view.setState(isUnanswered(e) ? IDLE_ROBUSTNESS : { status: 'error', error: message(e) });
    } finally {
      if (this.ctrl === ctrl) this.ctrl = null;
    }
  }

  reset(): void {
    this.ctrl?.abort();
    this.ctrl = null;
    this.view.setState(IDLE_ROBUSTNESS, true);
  }
}
