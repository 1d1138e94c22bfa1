/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as idb from 'idb-keyval';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { ModelDescriptor } from '../core/modelInfo';
import type { HeatMap } from '../core/results';
import { artifactsFromFiles, MAX_MODEL_BYTES } from '../model/artifacts';
import { createCustomModel } from '../model/custom';
import { bundledModel } from '../model/registry';
import type { SegmentationModel } from '../model/types';
import { activateBackend } from './backend';
import { describeRenderer } from './renderer';
import { loseWebglContext, watchGpuLoss } from './gpuLoss';
import { Engine } from './engine';
import { sanityRefusal } from './sanityCheck';
import type { EngineApi, ModelSource } from './protocol';

// Measured batch sizes outlive the page (a model or backend switch reloads it): kept in IndexedDB, when there is one.
const batchSizes = {
  get: async (key: string) => (typeof indexedDB === 'undefined' ? undefined : idb.get<number>(key)),
  set: async (key: string, size: number) => (typeof indexedDB === 'undefined' ? undefined : idb.set(key, size)),
};
const engine = new Engine(batchSizes);
let backendName = 'none';
/** The AbortController of every call in flight, by the call id the client gave it. */
const calls = new Map<number, AbortController>();

async function tracked<T>(call: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctrl = new AbortController();
  calls.set(call, ctrl);
  try {
    return await run(ctrl.signal);
  } finally {
    calls.delete(call);
  }
}

async function fetchArtifacts(url: string): Promise<tf.io.ModelArtifacts> {
  try {
    const handler = tf.io.http(url);
    const artifacts = await handler.load!();
    if (((artifacts.weightData as ArrayBuffer | undefined)?.byteLength ?? 0) > MAX_MODEL_BYTES)
      throw new Error('the model is larger than 256 MB');
    return artifacts;
  } catch (e) {
    throw new Error(`Could not load the model from ${url}: ${(e as Error).message}`, { cause: e });
  }
}

async function build(source: ModelSource): Promise<SegmentationModel> {
  switch (source.kind) {
    case 'bundled': {
      const spec = bundledModel(source.id);
      const artifacts = await fetchArtifacts(new URL(import.meta.env.BASE_URL + spec.path, self.location.origin).href);
      return spec.create(artifacts);
    }
    case 'url':
      return createCustomModel(
        await fetchArtifacts(source.url),
        source.options,
        source.url.split('/').slice(-2).join('/'),
      );
    case 'files':
      return createCustomModel(
        artifactsFromFiles(source.files),
        source.options,
        source.files.map((f) => f.name).join(', '),
      );
  }
}

const describe = (m: SegmentationModel): ModelDescriptor => {
  const { id, title, inputSize, outputSize, classes, layers, defaultLayer, bottleneck, outputKind } = m;
  return {
    id,
    title,
    inputSize,
    outputSize,
    classes,
    layers,
    defaultLayer,
    bottleneck,
    outputKind,
    ...(m.randomizeWeights ? {} : { sanityUnavailable: sanityRefusal(m) }),
  };
};

const buffers = (maps: Partial<Record<string, HeatMap>>) => Object.values(maps).map((m) => (m as HeatMap).data.buffer);

const api: EngineApi = {
  async init(backend, auto, onGpuLost) {
    const active = await activateBackend(backend, auto);
    backendName = active.backend;
    watchGpuLoss(onGpuLost);
    return { ...active, ...(await describeRenderer(active.backend)) };
  },
  async loadModel(source) {
    const model = await build(source);
    engine.setModel(model);
    return describe(model);
  },
  setImage: (pixels) => engine.setImage(pixels),
  explainGradients: (call, req) =>
    tracked(call, async (signal) => {
      const r = await engine.explainGradients(req, signal);
      const layer = r.tensors ? [r.tensors.activations.buffer, r.tensors.gradients.buffer] : [];
      return Comlink.transfer(r, [...buffers(r.maps), ...layer]);
    }),
  recombine: (call, req) =>
    tracked(call, async (signal) => {
      const r = await engine.recombine(req, signal);
      return Comlink.transfer(r, buffers(r.maps));
    }),
  runJob: (call, req, onProgress) =>
    tracked(call, async (signal) => {
      const r = await engine.runJob(req, onProgress, signal);
      return Comlink.transfer(r, [r.map.data.buffer]);
    }),
  sufficiency: (call, req) =>
    tracked(call, async (signal) => {
      const r = await engine.sufficiency(req, signal);
      // The masked input's thumbnail and labels are moved, not copied.
      return Comlink.transfer(r, r.masked ? [r.masked.image.data.buffer, r.masked.labels.buffer] : []);
    }),
  adoptMaps: (maps) => engine.adoptMaps(maps),
  metrics: (methods) => engine.metrics(methods),
  sweepSufficiency: (call, req) => tracked(call, (signal) => engine.sweepSufficiency(req, signal)),
  curves: (call, req, onProgress) => tracked(call, (signal) => engine.curves(req, onProgress, signal)),
  sanityCheck: (call, req, onProgress) =>
    tracked(call, async (signal) => {
      const r = await engine.sanityCheck(req, onProgress, signal);
      return Comlink.transfer(
        r,
        r.steps.flatMap((s) => buffers(s.maps)),
      );
    }),
  abort: (call) => calls.get(call)?.abort(),
  stats: () => ({ ...engine.counters, tensors: tf.memory().numTensors, tensorBytes: tf.memory().numBytes }),
  checkGradients: () => engine.checkGradients(),
  activeBackend: () => tf.getBackend() ?? backendName,
  ping: () => true,
};

Comlink.expose(api);

// e2e hook, reached with Playwright's worker.evaluate: simulates a GPU reset.
(self as unknown as { segexplainWorker: unknown }).segexplainWorker = { loseWebglContext };
