import { isEngineLost, type EngineLossReason } from '../core/abort';
import type { BackendName } from '../core/kinds';
import { DEFAULT_CUSTOM_OPTIONS, type ModelDescriptor } from '../core/modelInfo';
import { adaptSettings } from '../state/adaptSettings';
import { defaultParams, type ViewParams } from '../state/params';
import { bundledModelInfo, MODEL_IDS, SAMPLES } from '../core/models';
import type { AppStore } from '../state/store';
import { decodeParams, encodeParams } from '../state/urlCodec';
import type { EngineClient } from '../client/client';
import type { ModelSource } from '../engine/protocol';
import { restartNotice, startChosenBackend, startEngine } from './engineStart';
import type { DecodedImage } from './imageLoading';
import { message } from './message';

/** What the session needs from the page; tests pass fakes. */
export interface PageEnv {
  fetchImage(path: string, id: string, name: string): Promise<DecodedImage>;
}

/**
 * The model and the image: boots from a link, loads models (bundled, from a URL or files), puts images in the
 * engine, and adapts settings that do not fit the model's layer.
 */
export class Session {
  /** the image on screen, re-sent to the engine when the model changes in place */
  private lastImage: DecodedImage | null = null;
  private imageRequest = 0;
  /** the latest model switch: an older one that ends later is dropped */
  private modelRequest = 0;
  /** where the model on screen came from, to load it again into a restarted worker */
  private source: ModelSource | null = null;
  /** GPU losses so far: the first re-creates the backend, a second falls back to wasm */
  private gpuLosses = 0;
  /** restarts within the last minute: a worker that keeps dying is not restarted for ever */
  private readonly restarts: number[] = [];
  /** set while params are brought in line with what is already on screen: nothing is reloaded for it */
  private quiet = false;
  /** set while the worker is replaced on purpose (a new backend): its loss is not recovered from */
  private replacing = false;

  constructor(
    private readonly engine: EngineClient,
    private readonly store: AppStore,
    private readonly env: PageEnv,
    /** called after a new image is in the engine (or before, with null, to stop work on the old one) */
    private readonly onImage: (ready: boolean) => void,
  ) {}

  layerOf(p: ViewParams): string {
    return p.layer ?? this.store.getState().model?.defaultLayer ?? '';
  }

  async boot(search: string): Promise<void> {
    const s = this.store.getState();
    const { params, warnings } = decodeParams(search, { models: MODEL_IDS, images: SAMPLES.map((x) => x.id) });
    const query = new URLSearchParams(search);
    if (query.get('model') === 'files')
      s.notify(
        'info',
        'This link was made with a model loaded from files: open the same files (Your own model) to reproduce it.',
      );
    if (warnings.length) s.notify('info', `Share link: ${warnings.join(' ')}`, { topic: 'link' });
    // A link naming only a model opens on that model's own sample.
    if (!query.has('img')) params.image = bundledModelInfo(params.model)?.defaultImage ?? params.image;
    // The link's view is what boots: nothing reloads for it.
    this.quietly(params);
    let model: ModelDescriptor;
    try {
      await startChosenBackend(this.engine, this.store, params.backend);
      model = await this.openModel(params);
    } catch (e) {
      // A worker lost while booting is restarted by recover(), which boots again.
      if (isEngineLost(e)) return;
      s.setEngine({ status: 'error', error: message(e) });
      s.notify('error', message(e));
      return;
    }
    this.store.getState().setModel(model);
    const layer = this.store.getState().params.layer;
    if (layer && !model.layers.some((l) => l.name === layer)) {
      s.notify('info', `Share link: layer "${layer}" is not in this model; using its default layer.`, {
        topic: 'layer',
      });
      this.quietly({ layer: null });
    }
    this.fitSettings();
    await this.loadSample(this.store.getState().params.image ?? SAMPLES[0]?.id ?? '');
  }

  private async openModel(params: ViewParams): Promise<ModelDescriptor> {
    const source: ModelSource =
      params.model === 'url' && params.modelUrl
        ? { kind: 'url', url: params.modelUrl, options: DEFAULT_CUSTOM_OPTIONS }
        : { kind: 'bundled', id: params.model === 'files' ? defaultParams().model : params.model };
    this.source = source;
    return this.engine.loadModel(source).catch(async (e: unknown) => {
      if (source.kind === 'bundled' || isEngineLost(e)) throw e;
      // A link to a model that no longer loads still opens the app, on the default model.
      this.store.getState().notify('error', `${message(e)} Opened the default model instead.`);
      this.quietly({ model: defaultParams().model, modelUrl: null, layer: null });
      this.source = { kind: 'bundled', id: defaultParams().model };
      return this.engine.loadModel(this.source);
    });
  }

  /** Changes params that describe what is already on screen, without reloading. */
  private quietly(patch: Partial<ViewParams>): void {
    this.quiet = true;
    try {
      this.store.getState().setParams(patch);
    } finally {
      this.quiet = false;
    }
  }

  /** Adapts settings that do not fit the current layer's grid, with a notice. */
  private fitSettings(): void {
    const s = this.store.getState();
    const layer = s.model?.layers.find((l) => l.name === this.layerOf(s.params));
    if (!layer) return;
    const { settings, notes } = adaptSettings(s.params.settings, [layer.shape[0], layer.shape[1]], layer.name);
    if (!notes.length) return;
    s.setParams({ settings });
    s.notify('info', notes.join(' '), { topic: 'settings' });
  }

  /** Returns true when the change was handled here and nothing else should react to it. */
  onParamsChange(p: ViewParams, prev: ViewParams): boolean {
    if (this.quiet) return false;
    if (p.backend !== prev.backend) {
      void this.switchBackend(p.backend);
      return true;
    }
    if (p.model !== prev.model) {
      void this.switchModel(p, prev);
      return true;
    }
    if (p.image !== prev.image && p.image !== null) {
      void this.loadSample(p.image);
      return true;
    }
    if (p.layer !== prev.layer) this.fitSettings();
    return false;
  }

  /**
   * Another bundled model, in place: the worker disposes the old one and loads the new (no page reload), and the
   * image on screen is segmented again when it is the user's own (a sample gives way to the one the params name).
   * If the model does not load, the old one stays, and so does the link.
   */
  private async switchModel(p: ViewParams, prev: ViewParams): Promise<void> {
    const s = this.store.getState();
    const request = ++this.modelRequest;
    this.onImage(false);
    let model: ModelDescriptor;
    try {
      model = await this.openModel(p);
    } catch (e) {
      if (isEngineLost(e) || request !== this.modelRequest) return;
      s.notify('error', message(e));
      this.quietly(prev);
      this.onImage(true);
      return;
    }
    if (request !== this.modelRequest) return;
    s.resetResults();
    s.setModel(model);
    if (p.layer && !model.layers.some((l) => l.name === p.layer)) this.quietly({ layer: null });
    this.fitSettings();
    const image = this.store.getState().params.image;
    if (image !== null) await this.loadSample(image);
    else if (this.lastImage) await this.showImage(this.lastImage, null);
  }

  async loadSample(id: string): Promise<void> {
    const sample = SAMPLES.find((x) => x.id === id) ?? SAMPLES[0];
    if (!sample) return;
    try {
      await this.showImage(await this.env.fetchImage(sample.path, sample.id, sample.name), sample.id);
    } catch (e) {
      this.store.getState().notify('error', message(e));
    }
  }

  /** Hands a decoded image to the engine; on failure the previous image stays. sampleId null = the user's own. */
  async showImage(decoded: DecodedImage, sampleId: string | null): Promise<void> {
    const request = ++this.imageRequest;
    this.onImage(false);
    const prediction = await this.engine.setImage(decoded.pixels);
    if (request !== this.imageRequest) return;
    this.lastImage = decoded;
    const s = this.store.getState();
    s.resetResults();
    s.setImage(decoded.image, prediction);
    if (s.params.image !== sampleId) this.quietly({ image: sampleId });
    this.onImage(true);
  }

  /**
   * Replaces the model with the user's own (from a URL or files). On failure the message is shown and the current
   * model stays; on success the current image is segmented again.
   */
  async loadCustomModel(source: Exclude<ModelSource, { kind: 'bundled' }>): Promise<boolean> {
    const s = this.store.getState();
    try {
      const model = await this.engine.loadModel(source);
      this.source = source;
      s.setModel(model);
      this.quietly({
        model: source.kind === 'url' ? 'url' : 'files',
        modelUrl: source.kind === 'url' ? source.url : null,
        layer: null,
        region: null,
        classIndex: null,
      });
      s.resetResults();
      this.fitSettings();
      if (this.lastImage) await this.showImage(this.lastImage, this.store.getState().params.image);
      s.notify(
        'info',
        `Loaded ${model.title}: ${model.classes.length} classes, ` +
          `${model.layers.length} layers, input ${model.inputSize.join('×')}.`,
      );
      return true;
    } catch (e) {
      if (!isEngineLost(e)) s.notify('error', message(e));
      return false;
    }
  }

  /**
   * The worker was lost (crash, hang, GPU reset) and every call in flight rejected. Starts a fresh worker with the
   * same backend (after a second GPU loss: wasm), loads the same model and image, and re-runs what was on screen;
   * the view (region, settings, link) is untouched.
   */
  async recover(reason: EngineLossReason, detail: string): Promise<void> {
    if (this.replacing) return;
    const s = this.store.getState();
    const now = Date.now();
    this.restarts.push(now);
    while ((this.restarts[0] ?? now) < now - 60_000) this.restarts.shift();
    if (this.restarts.length > 3) {
      s.setEngine({ status: 'error', error: 'The engine keeps stopping.' });
      s.notify(
        'error',
        `The engine stopped again (${detail}); it was restarted ` +
          `${this.restarts.length - 1} times in a minute, so it stays stopped. ` +
          `Reload the page to try again.`,
      );
      return;
    }
    if (reason === 'gpu-lost') this.gpuLosses++;
    const was = s.engine.backend;
    const backend: BackendName = reason === 'gpu-lost' && this.gpuLosses > 1 ? 'wasm' : (was ?? 'wasm');
    s.notify('info', restartNotice(reason, detail, backend, was));
    await this.restartOn(() => startEngine(this.engine, this.store, backend, false));
  }

  /**
   * Another backend, in place (no page reload): a fresh worker on it gets the same model and image, and the view
   * (region, settings) is recomputed; the link follows the params.
   */
  private async switchBackend(chosen: BackendName | null): Promise<void> {
    this.gpuLosses = 0; // a backend the user picks starts with a clean record
    await this.restartOn(() => startChosenBackend(this.engine, this.store, chosen));
  }

  /** Starts a fresh worker (with `start`), loads the model on screen into it and shows the image on screen again. */
  private async restartOn(start: () => Promise<unknown>): Promise<void> {
    const s = this.store.getState();
    this.onImage(false);
    // The old worker's loss, heard while it is replaced on purpose, is not a crash to recover from.
    this.replacing = true;
    try {
      this.engine.restart();
    } finally {
      this.replacing = false;
    }
    if (!this.source || !this.lastImage) return this.boot(`?${encodeParams(s.params).toString()}`);
    try {
      await start();
      await this.engine.loadModel(this.source);
      await this.showImage(this.lastImage, this.store.getState().params.image);
    } catch (e) {
      if (isEngineLost(e)) return; // lost again: its own recover() call takes over
      s.setEngine({ status: 'error', error: message(e) });
      s.notify('error', `Could not restart the engine: ${message(e)}`);
    }
  }
}
