/// <reference lib="webworker" />
// The engine's helper (passSharing.ts): the same model on the wasm backend in a worker of its own, which runs batches
// of a job's forward passes beside the engine. Started by the engine worker, answers only it.
import * as Comlink from 'comlink';
import '@tensorflow/tfjs-core';
import type { SegmentationModel } from '../model/types';
import { activateBackend, askWasmThreads } from './backend';
import { predictLabels } from './maskedPass';
import type { HelperApi } from './helperSharer';
import { buildModel } from './modelSource';
import * as tf from '@tensorflow/tfjs-core';

let model: SegmentationModel | null = null;

const api: HelperApi = {
  async start(threads) {
    askWasmThreads(threads);
    const active = await activateBackend('wasm', false);
    if (active.backend !== 'wasm') throw new Error(`the helper needs wasm, got ${active.backend}`);
  },
  async load(source) {
    model?.dispose();
    model = null;
    model = await buildModel(source);
  },
  async labels(data, shape) {
    if (!model) throw new Error('the helper has no model');
    const x = tf.tensor4d(data, shape);
    try {
      const labels = await predictLabels(model, x);
      return Comlink.transfer({ labels, data }, [
        ...labels.map((l) => l.buffer as ArrayBuffer),
        data.buffer as ArrayBuffer,
      ]);
    } finally {
      x.dispose();
    }
  },
};

Comlink.expose(api);
