import { decodeParams, encodeParams } from '../state/urlCodec';
import { DEFAULT_PARAMS, type ViewParams } from '../state/params';
import { MODEL_IDS, MODELS, SAMPLES } from '../state/samples';
import { useAppStore } from '../state/store';
import type { Method } from '../state/resultsSlice';
import { startEngine, type EngineClient } from '../worker/client';
import { CANCELLED, type CamResult, type CustomModelOptions, type MethodId, type ModelSource } from '../worker/protocol';
import { fetchImage, type DecodedImage } from './imageLoading';

const store = useAppStore;
/** Options for a model opened from a share link (the link holds its address, not the form's answers). */
export const DEFAULT_CUSTOM_OPTIONS: CustomModelOptions = { inputRange: '0,1', outputKind: 'auto', outputIs: 'auto', classNames: [] };
const isCancel = (e: unknown) => (e as Error)?.message === CANCELLED || (e as Error)?.name === 'AbortError';
/** The user-facing text of an error; a lost WebGL context gets advice, not a stack of shader errors. */
export function message(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/context (was )?lost|CONTEXT_LOST/i.test(text)) {
    return 'The WebGL context was lost (GPU reset or memory pressure). Nothing is lost: reload, or switch Backend to WebAssembly.';
  }
  return text;
}

/**
 * Wires the store to the engine worker: decides which calls a parameter change needs (recombine vs recompute),
 * tags each call with a job id and drops any result that is not the latest of its kind.
 */
export class Controller {
  private nextJob = 1;
  private readonly latest = new Map<string, number>();
  private thresholdTimer: ReturnType<typeof setTimeout> | undefined;
  /** the image on screen, re-sent to the engine when the model changes in place */
  private lastImage: DecodedImage | null = null;
  /** set while a custom model is being put in place, so the model change does not reload the page */
  private swappingModel = false;

  constructor(readonly engine: EngineClient = startEngine()) {}

  private job(kind: string): number {
    const id = this.nextJob++;
    this.latest.set(kind, id);
    return id;
  }
  private isLatest(kind: string, id: number): boolean {
    return this.latest.get(kind) === id;
  }

  async boot(search: string): Promise<void> {
    const { params, warnings } = decodeParams(search, { models: MODEL_IDS, images: SAMPLES.map((s) => s.id) });
    if (new URLSearchParams(search).get('model') === 'files') {
      store.getState().notify('info', 'This link was made with a model loaded from files: open the same files (Your own model) to reproduce it.');
    }
    if (warnings.length) store.getState().notify('info', `Share link: ${warnings.join(' ')}`);
    // A link naming only a model opens on that model's own sample.
    if (!new URLSearchParams(search).has('img')) params.image = MODELS.find((m) => m.id === params.model)?.defaultImage ?? params.image;
    store.getState().setParams(params);
    store.subscribe((s, prev) => {
      if (s.params !== prev.params) this.onParamsChange(s.params, prev.params);
    });
    this.syncUrl(params);
    try {
      const init = await this.engine.api.init(params.backend);
      store.getState().setEngine({ status: 'ready', backend: init.backend, fallbackReason: init.fallbackReason ?? null });
      if (init.fallbackReason) store.getState().notify('info', `Running on ${init.backend}: ${init.fallbackReason}.`);
      const source: ModelSource = params.model === 'url' && params.modelUrl
        ? { kind: 'url', url: params.modelUrl, options: DEFAULT_CUSTOM_OPTIONS }
        : { kind: 'bundled', id: params.model };
      const model = await this.engine.api.loadModel(source).catch(async (e: unknown) => {
        if (source.kind === 'bundled') throw e;
        // A link to a model that no longer loads still opens the app, on the default model.
        store.getState().notify('error', `${message(e)} Opened the default model instead.`);
        this.swappingModel = true;
        store.getState().setParams({ model: DEFAULT_PARAMS.model, modelUrl: null, layer: null });
        this.swappingModel = false;
        return this.engine.api.loadModel({ kind: 'bundled', id: DEFAULT_PARAMS.model });
      });
      store.getState().setModel(model);
      if (params.layer && !model.layers.some((l) => l.name === params.layer)) {
        store.getState().notify('info', `Share link: layer "${params.layer}" is not in this model; using its default layer.`);
        store.getState().setParams({ layer: null });
      }
    } catch (e) {
      store.getState().setEngine({ status: 'error', error: message(e) });
      store.getState().notify('error', message(e));
      return;
    }
    await this.loadSample(store.getState().params.image);
  }

  async loadSample(id: string): Promise<void> {
    const sample = SAMPLES.find((s) => s.id === id) ?? SAMPLES[0];
    if (!sample) return;
    try {
      await this.showImage(await fetchImage(import.meta.env.BASE_URL + sample.path, sample.id, sample.name));
    } catch (e) {
      store.getState().notify('error', message(e));
    }
  }

  /**
   * Replaces the model with the user's own (from a URL or files). On failure the message is shown and the current
   * model stays; on success the current image is segmented again.
   */
  async loadCustomModel(source: Exclude<ModelSource, { kind: 'bundled' }>): Promise<boolean> {
    try {
      const model = await this.engine.api.loadModel(source);
      this.swappingModel = true;
      store.getState().setModel(model);
      store.getState().setParams({
        model: source.kind === 'url' ? 'url' : 'files', modelUrl: source.kind === 'url' ? source.url : null,
        layer: null, region: null, classIndex: null,
      });
      this.swappingModel = false;
      store.getState().resetResults();
      if (this.lastImage) await this.showImage(this.lastImage);
      store.getState().notify('info', `Loaded ${model.title}: ${model.classes.length} classes, ${model.layers.length} layers, input ${model.inputSize.join('×')}.`);
      return true;
    } catch (e) {
      this.swappingModel = false;
      store.getState().notify('error', message(e));
      return false;
    }
  }

  /** Hands a decoded image to the engine; on failure the previous image stays. */
  async showImage(decoded: DecodedImage): Promise<void> {
    const id = this.job('image');
    const prediction = await this.engine.api.setImage(decoded.pixels);
    if (!this.isLatest('image', id)) return;
    this.lastImage = decoded;
    store.getState().resetResults();
    store.getState().setImage(decoded.image, prediction);
    if (store.getState().params.region) this.explainAll();
  }

  private syncUrl(params: ViewParams): void {
    const url = `${location.pathname}?${encodeParams(params).toString()}`;
    history.replaceState(null, '', url);
  }

  private onParamsChange(p: ViewParams, prev: ViewParams): void {
    this.syncUrl(p);
    if (p.backend !== prev.backend || (p.model !== prev.model && !this.swappingModel)) {
      // A new model or backend starts a fresh worker: simplest and leak-proof.
      location.assign(`${location.pathname}?${encodeParams(p).toString()}`);
      return;
    }
    if (p.image !== prev.image) return void this.loadSample(p.image);
    if (!store.getState().image) return;
    if (p.region !== prev.region || p.classIndex !== prev.classIndex) return this.explainAll();
    // RISE does not depend on the layer: only the CAMs are recomputed.
    if (p.layer !== prev.layer) return void this.explainCams();
    if (p.pool !== prev.pool || p.window !== prev.window || p.edges !== prev.edges) void this.recombine();
    if (p.rise !== prev.rise) void this.runRise();
    if (p.threshold !== prev.threshold) {
      clearTimeout(this.thresholdTimer);
      this.thresholdTimer = setTimeout(() => (['gradcam', 'xres', 'rise'] as const).forEach((m) => void this.sufficiency(m)), 120);
    }
  }

  explainAll(): void {
    void this.explainCams();
    void this.runRise();
  }

  private layerOf(p: ViewParams): string {
    return p.layer ?? store.getState().model?.defaultLayer ?? '';
  }

  private async explainCams(): Promise<void> {
    const p = store.getState().params;
    if (!p.region) return;
    const id = this.job('cams');
    const s = store.getState();
    s.setResult('gradcam', { status: 'running', error: null, sufficiency: null });
    s.setResult('xres', { status: 'running', error: null, sufficiency: null });
    try {
      const r: CamResult = await this.engine.api.explainCams({
        jobId: id, region: p.region, classIndex: p.classIndex, layer: this.layerOf(p), pool: p.pool, window: p.window, edges: p.edges,
      });
      if (!this.isLatest('cams', id)) return;
      s.setTarget({ classIndex: r.classIndex, regionPixels: r.regionPixels, layerShape: r.layerShape, window: r.window });
      s.setResult('gradcam', { status: 'done', map: r.gradCam });
      s.setResult('xres', { status: 'done', map: r.xresCam });
      void this.sufficiency('gradcam');
      void this.sufficiency('xres');
    } catch (e) {
      if (isCancel(e) || !this.isLatest('cams', id)) return;
      s.setResult('gradcam', { status: 'error', error: message(e), map: null });
      s.setResult('xres', { status: 'error', error: message(e), map: null });
    }
  }

  private async recombine(): Promise<void> {
    const p = store.getState().params;
    if (store.getState().results.xres.status !== 'done') return this.explainAll();
    const id = this.job('cams');
    try {
      const { map, window } = await this.engine.api.recombine({ pool: p.pool, window: p.window, edges: p.edges });
      if (!this.isLatest('cams', id)) return;
      const t = store.getState().target;
      if (t) store.getState().setTarget({ ...t, window });
      store.getState().setResult('xres', { status: 'done', map, sufficiency: null });
      void this.sufficiency('xres');
    } catch (e) {
      if (!isCancel(e)) store.getState().setResult('xres', { status: 'error', error: message(e) });
    }
  }

  async runRise(): Promise<void> {
    const p = store.getState().params;
    if (!p.region) return;
    const id = this.job('rise');
    const s = store.getState();
    s.setResult('rise', { status: 'running', error: null, sufficiency: null, progress: { done: 0, total: p.rise.count } });
    try {
      const r = await this.engine.rise({ jobId: id, region: p.region, classIndex: p.classIndex, ...p.rise }, (prog) => {
        if (this.isLatest('rise', prog.jobId)) s.setResult('rise', { map: prog.map, progress: { done: prog.done, total: prog.total } });
      });
      if (!this.isLatest('rise', id)) return;
      s.setResult('rise', { status: 'done', map: r.map, progress: { done: p.rise.count, total: p.rise.count } });
      void this.sufficiency('rise');
    } catch (e) {
      if (!this.isLatest('rise', id)) return;
      if (isCancel(e)) s.setResult('rise', { status: 'cancelled', progress: null });
      else s.setResult('rise', { status: 'error', error: message(e), progress: null });
    }
  }

  cancelRise(): void {
    const id = this.latest.get('rise');
    if (id === undefined) return;
    this.latest.delete('rise');
    void this.engine.api.cancel(id);
    store.getState().setResult('rise', { status: 'cancelled', progress: null });
  }

  private async sufficiency(method: Method): Promise<void> {
    if (store.getState().results[method].status !== 'done') return;
    const p = store.getState().params;
    const kind = `suff-${method}`;
    const id = this.job(kind);
    try {
      const r = await this.engine.api.sufficiency({ jobId: id, method: method as MethodId, threshold: p.threshold, baseline: p.rise.baseline });
      if (this.isLatest(kind, id)) store.getState().setResult(method, { sufficiency: { dice: r.dice, retained: r.retained } });
    } catch (e) {
      if (!isCancel(e) && this.isLatest(kind, id)) store.getState().notify('error', `Sufficiency (${method}): ${message(e)}`);
    }
  }
}
