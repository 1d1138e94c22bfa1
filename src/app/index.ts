import type { MethodId } from '../methods/registry';
import type { AppStore } from '../state/store';
import type { EngineClient } from '../client/client';
import type { MethodCall, ModelSource, SweepSufficiencyRequest, SweepThumb } from '../engine/protocol';
import type { DecodedImage } from './imageLoading';
import { Explainer } from './explainer';
import { SanityRunner } from './sanity';
import { RobustnessRunner } from './robustness';
import { LayerSweepRunner } from './layerSweep';
import { Session, type PageEnv } from './session';

export { message } from './message';

/** The UI's one handle on the engine: a Session (model, image, link) and an Explainer (what to compute). */
export class Controller {
  readonly session: Session;
  readonly explainer: Explainer;
  /** the sanity check (cascading weight randomisation), superseded by a new region, class, layer or image */
  readonly sanity: SanityRunner;
  /** the layer sweep (the gradient methods at several layers), superseded by a new region, class or image */
  readonly layerSweep: LayerSweepRunner;
  /** the gradient maps' robustness to input noise, on demand, cleared by a new region, class, layer or image */
  readonly robustness: RobustnessRunner;

  constructor(
    readonly engine: EngineClient,
    store: AppStore,
    env: PageEnv,
  ) {
    this.session = new Session(engine, store, env, (ready) =>
      ready ? this.explainer.explainAll() : this.explainer.abortAll(),
    );
    this.explainer = new Explainer(engine, store, (p) => this.session.layerOf(p));
    this.sanity = new SanityRunner(engine, store, (p) => this.session.layerOf(p));
    this.layerSweep = new LayerSweepRunner(engine, store, (p) => this.session.layerOf(p));
    this.robustness = new RobustnessRunner(engine, store, (p) => this.session.layerOf(p));
    engine.onLost((reason, detail) => void this.session.recover(reason, detail));
    store.subscribe((s, prev) => {
      if (s.params === prev.params) return;
      if (!this.session.onParamsChange(s.params, prev.params)) this.explainer.onParamsChange(s.params, prev.params);
    });
  }

  boot(search: string): Promise<void> {
    return this.session.boot(search);
  }
  openImage(decoded: DecodedImage): Promise<void> {
    return this.session.showImage(decoded, null);
  }
  loadCustomModel(source: Exclude<ModelSource, { kind: 'bundled' }>): Promise<boolean> {
    return this.session.loadCustomModel(source);
  }
  cancelJob(id: MethodId): void {
    this.explainer.cancelJob(id);
  }
  /** The window sweep: a method at every value of its window setting from cached A and G (then sufficiencyBatch). */
  sweepWindows(call: MethodCall, key: string): Promise<SweepThumb[]> {
    return this.engine.sweepWindows(call, key);
  }
  sweepSufficiency(req: SweepSufficiencyRequest, signal: AbortSignal) {
    return this.engine.sweepSufficiency(req, signal);
  }
}
