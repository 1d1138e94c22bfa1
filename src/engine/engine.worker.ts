/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as idb from 'idb-keyval';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { ModelDescriptor } from '../core/modelInfo';
import type { SegmentationModel } from '../model/types';
import { activateBackend, askWasmThreads, logicalCores, threadsPerWorker, wasmThreads } from './backend';
import { HelperSharer } from './helperSharer';
import { describeRenderer } from './renderer';
import { loseWebglContext, watchGpuLoss } from './gpuLoss';
import { Engine } from './engine';
import { buildModel } from './modelSource';
import { sanityRefusal } from './sanityCheck';
import { CANCELLABLE_CALLS, WORKER_EVENT, type EngineApi, type WorkerEvent } from './protocol';
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
/** the second worker for job batches (wasm on ≥ 2 cores), from init on */
let helper: HelperSharer | null = null;

// A crash or a terminate raises no event on the page: the worker holds a Web Lock for its whole life, and the client,
// queued behind it, is granted it the moment the worker dies (client/deathNotice.ts).
const lifeLock = `segexplain-engine-${Date.now()}-${Math.random().toString(36).slice(2)}`;
if ('locks' in navigator)
  void navigator.locks.request(lifeLock, () => {
    post({ kind: 'holding', lock: lifeLock });
    return new Promise<void>(() => undefined);
  });

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

const calls = [
  'setImage',
  'adoptMaps',
  'holdJobs',
  'checkGradients',
  ...CANCELLABLE_CALLS,
] as const satisfies (keyof Engine)[];
const local: EngineApi = {
  ...(Object.fromEntries(calls.map((name) => [name, engine[name].bind(engine)])) as Pick<
    Engine,
    (typeof calls)[number]
  >),
  async init(backend, auto) {
    // On wasm, the cores are shared between this worker and a helper that runs job batches beside it.
    const cores = logicalCores();
    const perWorker = threadsPerWorker(cores, typeof Worker !== 'undefined');
    if (perWorker !== null) askWasmThreads(perWorker);
    const active = await activateBackend(backend, auto);
    backendName = active.backend;
    watchGpuLoss((detail) => post({ kind: 'gpu-lost', detail }));
    const used = await wasmThreads();
    if (used !== null && perWorker !== null) {
      helper = new HelperSharer(perWorker);
      engine.setPassSharer(helper);
    }
    const workers = helper ? 2 : 1;
    const threads = used === null ? {} : { threads: { used, cores, isolated: self.crossOriginIsolated, workers } };
    return { ...active, ...(await describeRenderer(active.backend)), ...threads };
  },
  async loadModel(source) {
    const model = await buildModel(source);
    engine.setModel(model);
    helper?.load(source);
    return describe(model);
  },
  stats: () => ({
    ...engine.counters,
    tensors: tf.memory().numTensors,
    tensorBytes: tf.memory().numBytes,
    ...(helper ? { helper: helper.sent } : {}),
  }),
  activeBackend: () => tf.getBackend() ?? backendName,
};

Comlink.expose(wire(local));

// e2e hook, reached with Playwright's worker.evaluate: simulates a GPU reset.
(self as unknown as { segexplainWorker: unknown }).segexplainWorker = { loseWebglContext };
