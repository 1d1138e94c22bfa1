import { isUnanswered } from '../core/abort';
import { isJob, usesLayer } from '../core/method';
import { anyMeta, type MethodId } from '../methods/registry';
import type { ViewParams } from '../state/params';
import type { AppStore } from '../state/store';
import { CLEARED_CURVES, NO_CONTROLS, type FaithfulnessState } from '../state/faithfulnessSlice';
import type { EngineClient } from '../client/client';
import type { MethodCall } from '../engine/protocol';
import { gradientRequest, newGradientPass } from './gradientRequest';
import { Lanes } from './lanes';
import { refreshMetrics } from './metrics';
import { message } from './message';
import { jobFindings, type MapRuntime } from '../state/resultsSlice';

const GRADIENTS = 'gradients';
const CLEARED = { sufficiency: null, metrics: null, error: null } as const; // a new map's read-outs are recomputed
const jobLane = (id: MethodId) => `job:${id}`;
const sufficiencyLane = (id: MethodId) => `sufficiency:${id}`;
/** the Faithfulness view's curves job */
const CURVES = 'curves';
const needsOf = (id: MethodId) => anyMeta(id).needs;
/** Drags (threshold, window) settle for this long before their sufficiency passes run (ms): not one pass per step. */
const SETTLE_MS = 120;

/**
 * Decides what a change of the view needs and asks the engine for exactly that: a region change explains everything,
 * a gradient method's setting recombines cached tensors, a job's setting reruns that job only, the threshold reruns
 * the sufficiency passes. It never runs a job (RISE, Score-CAM) for a change that job does not depend on.
 */
export class Explainer {
  private readonly lanes = new Lanes();
  /** true once A and G are cached in the engine for the current image, region, class and layer */
  private gradientsReady = false;
  private thresholdTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly engine: EngineClient,
    private readonly store: AppStore,
    private readonly layerOf: (p: ViewParams) => string,
  ) {}

  onParamsChange(p: ViewParams, prev: ViewParams): void {
    if (!this.store.getState().image || !p.region) return;
    if (p.region !== prev.region || p.classIndex !== prev.classIndex) return this.explainAll();
    const layerChanged = p.layer !== prev.layer;
    const newPass = newGradientPass(p, prev);
    if (newPass) {
      this.gradientsReady = false;
      void this.explainGradients();
    }
    for (const id of prev.methods) if (!p.methods.includes(id)) this.hide(id);
    const touched = (id: MethodId) => !prev.methods.includes(id) || p.settings[id] !== prev.settings[id];
    // Each job runs at most once per change: shown, its settings, the baseline, or (if it has one) its layer changed.
    const jobs = p.methods.filter((id) => {
      const needs = needsOf(id);
      return isJob(needs) && (touched(id) || p.baseline !== prev.baseline || (layerChanged && usesLayer(needs)));
    });
    // A new gradient pass already recomputes every gradient method with the current settings.
    const recombine = newPass ? [] : p.methods.filter((id) => !isJob(needsOf(id)) && touched(id));
    if (recombine.length) void this.recombine(recombine);
    jobs.forEach((id) => void this.runJob(id));
    if (p.threshold !== prev.threshold || p.baseline !== prev.baseline) {
      // The curves mark the threshold and use the baseline: they are measured again once the value settles.
      this.invalidateCurves();
      // The read-outs show "computing" at once: a new t never stands next to the old Dice.
      const s = this.store.getState();
      p.methods.forEach((id) => s.results[id].sufficiency && s.setResult(id, { sufficiency: null }));
      clearTimeout(this.thresholdTimer);
      this.thresholdTimer = setTimeout(() => {
        p.methods.forEach((id) => void this.sufficiency(id));
        this.curvesWhenReady();
      }, SETTLE_MS);
    }
  }

  /** A new image or region: everything on screen is computed again. */
  explainAll(): void {
    this.lanes.abortAll();
    this.gradientsReady = false;
    this.invalidateCurves();
    const p = this.store.getState().params;
    if (!p.region) return;
    this.store.getState().resetResults();
    void this.explainGradients();
    p.methods.filter((id) => isJob(needsOf(id))).forEach((id) => void this.runJob(id));
  }

  /** Stops everything (the image is being replaced). */
  abortAll(): void {
    this.lanes.abortAll();
    this.gradientsReady = false;
    this.invalidateCurves();
  }

  private calls(ids: readonly MethodId[]): MethodCall[] {
    return ids.map((id) => ({ id, settings: this.store.getState().params.settings[id] }) as MethodCall);
  }

  private gradientMethods(): MethodId[] {
    return this.store.getState().params.methods.filter((id) => needsOf(id) === 'gradients');
  }

  /** One backward pass at the layer, shared by every gradient method on screen. */
  private async explainGradients(): Promise<void> {
    const p = this.store.getState().params;
    const ids = this.gradientMethods();
    if (!p.region || ids.length === 0) return;
    const signal = this.lanes.start(GRADIENTS);
    const s = this.store.getState();
    ids.forEach((id) => s.setResult(id, { status: 'running', error: null, sufficiency: null, runtime: null }));
    this.invalidateCurves();
    try {
      const req = gradientRequest(p, p.region, this.layerOf(p), this.calls(ids));
      const r = await this.engine.explainGradients(req, signal);
      this.gradientsReady = true;
      s.setTarget(r.target);
      const runtime: MapRuntime = { ms: this.lanes.elapsed(GRADIENTS), kind: 'pass' };
      ids.forEach((id) => s.setResult(id, { status: 'done', map: r.maps[id] ?? null, metrics: null, runtime }));
      ids.forEach((id) => void this.sufficiency(id));
      refreshMetrics(this.store);
      this.curvesWhenReady();
    } catch (e) {
      if (isUnanswered(e)) return;
      ids.forEach((id) => s.setResult(id, { status: 'error', error: message(e), map: null }));
      this.curvesWhenReady();
    } finally {
      this.lanes.finish(GRADIENTS, signal);
    }
  }

  /** Settings of gradient methods: recombine the cached A and G; while they are still computing, restart only that. */
  private async recombine(ids: MethodId[]): Promise<void> {
    if (!this.gradientsReady) return this.explainGradients();
    const signal = this.lanes.start(GRADIENTS);
    const s = this.store.getState();
    this.invalidateCurves();
    try {
      const req = { methods: this.calls(ids) };
      // At once where the UI thread can recombine: the settings change and its new maps then render as one.
      const r = this.engine.recombineNow?.(req) ?? (await this.engine.recombine(req, signal));
      const runtime: MapRuntime = { ms: this.lanes.elapsed(GRADIENTS), kind: 'recombined' };
      ids.forEach((id) => s.setResult(id, { ...CLEARED, status: 'done', map: r.maps[id] ?? null, runtime }));
      // What follows asks the worker for passes: once the slider settles (a newer step aborts this one), not per step.
      await new Promise((settled) => setTimeout(settled, SETTLE_MS));
      if (signal.aborted) return;
      ids.forEach((id) => void this.sufficiency(id));
      refreshMetrics(this.store);
      this.curvesWhenReady();
    } catch (e) {
      if (!isUnanswered(e)) ids.forEach((id) => s.setResult(id, { status: 'error', error: message(e) }));
      if (!isUnanswered(e)) this.curvesWhenReady();
    } finally {
      this.lanes.finish(GRADIENTS, signal);
    }
  }

  /** A method with its own forward passes (Score-CAM, RISE): progressive, cancellable, superseded by a newer run. */
  async runJob(id: MethodId): Promise<void> {
    const p = this.store.getState().params;
    if (!p.region) return;
    const signal = this.lanes.start(jobLane(id));
    this.lanes.abort(sufficiencyLane(id));
    const s = this.store.getState();
    s.setResult(id, {
      status: 'running',
      error: null,
      sufficiency: null,
      metrics: null,
      ...jobFindings({}),
      runtime: null,
      progress: { done: 0, total: 1 },
    });
    this.invalidateCurves();
    try {
      const r = await this.engine.runJob(
        {
          region: p.region,
          classIndex: p.classIndex,
          layer: this.layerOf(p),
          baseline: p.baseline,
          method: this.calls([id])[0] as MethodCall,
        },
        ({ map, ...progress }) => s.setResult(id, { map, progress }),
        signal,
      );
      if (!this.store.getState().target) s.setTarget(r.target);
      const runtime: MapRuntime = { ms: this.lanes.elapsed(jobLane(id)), kind: 'job' };
      s.setResult(id, { status: 'done', map: r.map, progress: null, ...jobFindings(r), runtime });
      void this.sufficiency(id);
      // A new RISE map changes every other map's correlation with it.
      refreshMetrics(this.store);
      this.curvesWhenReady();
    } catch (e) {
      if (isUnanswered(e)) return;
      s.setResult(id, { status: 'error', error: message(e), progress: null });
      this.curvesWhenReady();
    } finally {
      this.lanes.finish(jobLane(id), signal);
    }
  }

  /** The user's Cancel: the job stops and says so. */
  cancelJob(id: MethodId): void {
    if (this.lanes.abort(jobLane(id))) this.store.getState().setResult(id, { status: 'cancelled', progress: null });
    this.curvesWhenReady();
  }

  private hide(id: MethodId): void {
    this.lanes.abort(jobLane(id));
    this.lanes.abort(sufficiencyLane(id));
    this.store.getState().setResult(id, { status: 'idle', map: null, error: null, sufficiency: null, progress: null });
    this.invalidateCurves();
    this.curvesWhenReady();
  }

  /** The Faithfulness view opened or closed: opening measures the curves of the maps on screen once they are done. */
  openCurves(open: boolean): void {
    const f = this.store.getState().faithfulness;
    if (open === f.open) return;
    if (!open) {
      // Closing stops a running job; finished curves stay for when it opens again.
      const running = this.lanes.abort(CURVES);
      this.store.getState().setFaithfulness({
        open,
        ...(running || f.status !== 'done'
          ? { status: 'idle', progress: null, curves: {}, controls: NO_CONTROLS }
          : {}),
      });
      return;
    }
    this.store.getState().setFaithfulness({ open });
    if (f.status !== 'done') this.curvesWhenReady();
  }

  /** The user's Cancel of the curves job: curves of the methods already measured stay. */
  cancelCurves(): void {
    if (this.lanes.abort(CURVES)) this.store.getState().setFaithfulness({ status: 'cancelled', progress: null });
  }

  /** Measures the curves again (after a cancel or an error). */
  rerunCurves(): void {
    this.invalidateCurves();
    this.curvesWhenReady();
  }

  /** A map is about to change: the curves of the old maps are stopped and cleared, never shown next to new maps. */
  private invalidateCurves(): void {
    this.lanes.abort(CURVES);
    const f = this.store.getState().faithfulness;
    this.store.getState().setFaithfulness({ status: f.open ? 'waiting' : 'idle', ...CLEARED_CURVES });
  }

  /** Starts the curves job when the view is open and no map on screen is still computing (for the finished ones). */
  private curvesWhenReady(): void {
    const s = this.store.getState();
    if (!s.faithfulness.open || !s.params.region || this.lanes.isRunning(CURVES)) return;
    if (s.faithfulness.status === 'done' || s.faithfulness.status === 'cancelled') return;
    const methods = s.params.methods;
    if (methods.some((id) => s.results[id].status === 'running')) return;
    const ids = methods.filter((id) => s.results[id].status === 'done');
    if (ids.length === 0) return s.setFaithfulness({ status: 'waiting' });
    void this.runCurves(ids);
  }

  /** Deletion, insertion and sufficiency curves of the finished maps: one cancellable job, superseded like others. */
  private async runCurves(ids: MethodId[]): Promise<void> {
    const p = this.store.getState().params;
    const signal = this.lanes.start(CURVES);
    // Nothing of a superseded or cancelled job reaches the store.
    const set = (patch: Partial<FaithfulnessState>) => !signal.aborted && this.store.getState().setFaithfulness(patch);
    set({ status: 'running', ...CLEARED_CURVES, progress: { done: 0, total: 1 }, threshold: p.threshold });
    try {
      const r = await this.engine.curves(
        { methods: ids, threshold: p.threshold, baseline: p.baseline },
        ({ done, total, curves, controls }) => set({ progress: { done, total }, curves, controls }),
        signal,
      );
      set({ status: 'done', progress: null, curves: r.curves, controls: r.controls, threshold: r.threshold });
    } catch (e) {
      if (!isUnanswered(e)) set({ status: 'error', progress: null, error: message(e) });
    } finally {
      this.lanes.finish(CURVES, signal);
    }
  }

  private async sufficiency(id: MethodId): Promise<void> {
    const s = this.store.getState();
    if (s.results[id].status !== 'done') return;
    const signal = this.lanes.start(sufficiencyLane(id));
    const p = s.params;
    try {
      const r = await this.engine.sufficiency({ method: id, threshold: p.threshold, baseline: p.baseline }, signal);
      this.store.getState().setResult(id, { sufficiency: r });
    } catch (e) {
      if (!isUnanswered(e)) this.store.getState().notify('error', `Sufficiency (${anyMeta(id).title}): ${message(e)}`);
    } finally {
      this.lanes.finish(sufficiencyLane(id), signal);
    }
  }
}
