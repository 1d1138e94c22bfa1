import { createStore, type StoreApi } from 'zustand/vanilla';
import { isUnanswered } from '../core/abort';
import { anyMeta, type MethodId } from '../methods/registry';
import type { ViewParams } from '../state/params';
import type { AppState, AppStore } from '../state/store';
import type { EngineClient } from '../client/client';
import type { LayerSweepRow, MethodCall } from '../engine/protocol';
import { layerCandidates } from './layerCandidates';
import { message } from './message';
import { targetChanged } from './targetChanged';

/** What the layer-sweep section shows: a row per layer as they arrive, then each map's sufficiency Dice. */
export interface LayerSweepView {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  rows: LayerSweepRow[];
  /** the layers asked for, in order */
  layers: string[];
  methods: MethodId[];
  /** sufficiency Dice per layer and method, once measured (null until then) */
  dice: Record<string, Partial<Record<MethodId, number>>> | null;
  onePass: boolean | null;
  ms: number | null;
  error: string | null;
}

export const IDLE_LAYER_SWEEP: LayerSweepView = {
  status: 'idle',
  rows: [],
  layers: [],
  methods: [],
  dice: null,
  onePass: null,
  ms: null,
  error: null,
};

/**
 * Runs the layer sweep for the current region and class: every gradient method on screen at each candidate layer, then
 * the sufficiency of every map in one batch. A new region, class, image or model, or a setting of a swept method,
 * supersedes it (the layer in use does not: picking a layer from the sweep keeps the sweep on screen).
 */
export class LayerSweepRunner {
  readonly view: StoreApi<LayerSweepView> = createStore<LayerSweepView>()(() => IDLE_LAYER_SWEEP);
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
    return (
      s.params.threshold !== prev.params.threshold ||
      s.params.baseline !== prev.params.baseline ||
      targetChanged(s, prev, this.view.getState().methods)
    );
  }

  /** The gradient methods on screen: their maps are recombinations of A and G at a layer. */
  methods(): MethodId[] {
    return this.store.getState().params.methods.filter((id) => anyMeta(id).needs === 'gradients');
  }

  /** The layers a run takes: a spread of the model's layers (all when `all`), with default, bottleneck and current. */
  candidates(all = false): string[] {
    const s = this.store.getState();
    const model = s.model;
    if (!model) return [];
    const keep = [model.defaultLayer, model.bottleneck, this.layerOf(s.params)];
    return all ? model.layers.map((l) => l.name) : layerCandidates(model.layers, keep);
  }

  async run(all = false): Promise<void> {
    const s = this.store.getState();
    const p = s.params;
    const methods = this.methods();
    const layers = this.candidates(all);
    if (!p.region || !s.image || !methods.length || !layers.length) return;
    this.ctrl?.abort();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.view.setState({ ...IDLE_LAYER_SWEEP, status: 'running', methods, layers }, true);
    try {
      const calls = methods.map((id) => ({ id, settings: p.settings[id] }) as MethodCall);
      const r = await this.engine.layerSweep(
        { region: p.region, classIndex: p.classIndex, layers, methods: calls },
        (prog) =>
          this.view.setState((v) => ({ rows: [...v.rows.filter((x) => x.layer !== prog.row.layer), prog.row] })),
        ctrl.signal,
      );
      this.view.setState({ rows: r.rows, onePass: r.onePass, ms: r.ms });
      const maps = r.rows.flatMap((row) => methods.flatMap((id) => (row.maps[id] ? [row.maps[id]] : [])));
      const read = await this.engine.sweepSufficiency(
        { maps, threshold: p.threshold, baseline: p.baseline },
        ctrl.signal,
      );
      const dice: NonNullable<LayerSweepView['dice']> = {};
      let i = 0;
      for (const row of r.rows) {
        dice[row.layer] = {};
        for (const id of methods)
          if (row.maps[id]) (dice[row.layer] as Record<string, number>)[id] = read[i++]?.dice ?? NaN;
      }
      this.view.setState({ status: 'done', dice });
    } catch (e) {
      if (ctrl.signal.aborted) return;
      this.view.setState(isUnanswered(e) ? IDLE_LAYER_SWEEP : { status: 'error', error: message(e) });
    } finally {
      if (this.ctrl === ctrl) this.ctrl = null;
    }
  }

  /** The user's Cancel: the rows so far stay on screen. */
  cancel(): void {
    if (!this.ctrl) return;
    this.ctrl.abort();
    this.ctrl = null;
    this.view.setState({ status: 'cancelled' });
  }

  reset(): void {
    this.ctrl?.abort();
    this.ctrl = null;
    this.view.setState(IDLE_LAYER_SWEEP, true);
  }
}
