/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as idb from 'idb-keyval';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { ModelDescriptor } from '../core/modelInfo';
import { artifactsFromFiles, MAX_MODEL_BYTES } from '../model/artifacts';
import { createCustomModel, createOnnxModel } from '../model/custom';
import { bundledModel } from '../model/registry';
import type { SegmentationModel } from '../model/types';
import { activateBackend, logicalCores, wasmThreads } from './backend';
import { describeRenderer } from './renderer';
import { loseWebglContext, watchGpuLoss } from './gpuLoss';
import { Engine } from './engine';
import { sanityRefusal } from './sanityCheck';
import { CANCELLABLE_CALLS, WORKER_EVENT, type EngineApi, type ModelSource, type WorkerEvent } from './protocol';
import { wire } from './wire';

// Measured batch sizes outlive the worker and the page: kept in IndexedDB, when there is one.
const batchSizes = {
  get: async (key: string) => (typeof indexedDB === 'undefined' ? undefined : idb.get<number>(key)),
  set: async (key: string, size: number) => (typeof indexedDB === 'undefined' ? undefined : idb.set(key, size)),
};
/** Events outside the RPC: a job's heartbeat between batches, the loss of the GPU context, the life lock's name. */
const post = (event: WorkerEvent) => self.postMessage({ [WORKER_EVENT]: event });
/** Heartbeats go at most every 100 ms (a tiny model's batches take far less), with the longest batch since the last. */
const BEAT_INTERVAL = 100;
let lastBeat = -Infinity;
let longestBatch: number | null = null;
const beat = (batchMs: number | null, longer = false) => {
  if (batchMs !== null) longestBatch = Math.max(longestBatch ?? 0, batchMs);
  // "the next batch may be longer" goes at once: the watchdog must know before the batch starts.
  if (!longer && performance.now() - lastBeat < BEAT_INTERVAL) return;
  lastBeat = performance.now();
  post({ kind: 'beat', batchMs: longestBatch, ...(longer ? { longer } : {}) });
  longestBatch = null;
};
const engine = new Engine(batchSizes, undefined, beat);
let backendName = 'none';

// A crash or a terminate raises no event on the page: the worker holds a Web Lock for its whole life, and the client,
// queued behind it, is granted it the moment the worker dies (client/deathNotice.ts).
const lifeLock = `segexplain-engine-${Date.now()}-${Math.random().toString(36).slice(2)}`;
if ('locks' in navigator)
  void navigator.locks.request(lifeLock, () => {
    post({ kind: 'holding', lock: lifeLock });
    return new Promise<void>(() => undefined);
  });

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

/** The byte count itself, not only a Content-Length the server may leave out (chunked or compressed). */
function capped(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength > MAX_MODEL_BYTES) throw new Error('the model is larger than 256 MB');
  return bytes;
}

const isOnnx = (name: string) => /\.onnx$/i.test(name.split(/[?#]/)[0] ?? '');

async function fetchBytes(url: string): Promise<Uint8Array> {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`);
    if (Number(res.headers.get('content-length') ?? 0) > MAX_MODEL_BYTES)
      throw new Error('the model is larger than 256 MB');
    return capped(new Uint8Array(await res.arrayBuffer()));
  } catch (e) {
    throw new Error(`Could not load the model from ${url}: ${(e as Error).message}`, { cause: e });
  }
}

async function build(source: ModelSource): Promise<SegmentationModel> {
  switch (source.kind) {
    case 'bundled': {
      const spec = bundledModel(source.id);
      const url = new URL(import.meta.env.BASE_URL + spec.path, self.location.origin).href;
      return spec.create(
        spec.format === 'onnx' ? { bytes: await fetchBytes(url) } : { artifacts: await fetchArtifacts(url) },
      );
    }
    case 'url':
      if (isOnnx(source.url))
        return createOnnxModel(
          await fetchBytes(source.url),
          source.options,
          source.url.split('/').pop() ?? 'model.onnx',
        );
      return createCustomModel(
        await fetchArtifacts(source.url),
        source.options,
        source.url.split('/').slice(-2).join('/'),
      );
    case 'files': {
      const onnx = source.files.find((f) => isOnnx(f.name));
      if (onnx) return createOnnxModel(capped(new Uint8Array(onnx.bytes)), source.options, onnx.name);
      return createCustomModel(
        artifactsFromFiles(source.files),
        source.options,
        source.files.map((f) => f.name).join(', '),
      );
    }
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

const calls = ['setImage', 'adoptMaps', 'checkGradients', ...CANCELLABLE_CALLS] as const satisfies (keyof Engine)[];
const local: EngineApi = {
  ...(Object.fromEntries(calls.map((name) => [name, engine[name].bind(engine)])) as Pick<
    Engine,
    (typeof calls)[number]
  >),
  async init(backend, auto) {
    const active = await activateBackend(backend, auto);
    backendName = active.backend;
    watchGpuLoss((detail) => post({ kind: 'gpu-lost', detail }));
    const used = await wasmThreads();
    const threads =
      used === null ? {} : { threads: { used, cores: logicalCores(), isolated: self.crossOriginIsolated } };
    return { ...active, ...(await describeRenderer(active.backend)), ...threads };
  },
  async loadModel(source) {
    const model = await build(source);
    engine.setModel(model);
    return describe(model);
  },
  stats: () => ({ ...engine.counters, tensors: tf.memory().numTensors, tensorBytes: tf.memory().numBytes }),
  activeBackend: () => tf.getBackend() ?? backendName,
};

Comlink.expose(wire(local));

// e2e hook, reached with Playwright's worker.evaluate: simulates a GPU reset.
(self as unknown as { segexplainWorker: unknown }).segexplainWorker = { loseWebglContext };
