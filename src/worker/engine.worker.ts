/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { bundledModel } from '../model/registry';
import { activateBackend } from './backend';
import { Engine } from './engine';
import type { EngineApi } from './protocol';

const engine = new Engine();
let backendName = 'none';

async function loadArtifacts(path: string): Promise<tf.io.ModelArtifacts> {
  const url = new URL(import.meta.env.BASE_URL + path, self.location.origin).href;
  try {
    const handler = tf.io.http(url);
    return await handler.load!();
  } catch (e) {
    throw new Error(`Could not load the model from ${url}: ${(e as Error).message}`, { cause: e });
  }
}

const api: EngineApi = {
  async init(backend, modelId) {
    const active = await activateBackend(backend);
    backendName = active.backend;
    const spec = bundledModel(modelId);
    const model = await spec.create(await loadArtifacts(spec.path)).catch((e: Error) => {
      throw new Error(`The model "${modelId}" could not be built: ${e.message}`);
    });
    engine.setModel(model);
    const { id, title, inputSize, outputSize, classes, layers, defaultLayer } = model;
    return { ...active, model: { id, title, inputSize, outputSize, classes, layers, defaultLayer } };
  },
  setImage: (pixels) => engine.setImage(pixels),
  explainCams: async (req) => {
    const r = await engine.explainCams(req);
    return Comlink.transfer(r, [r.gradCam.data.buffer, r.xresCam.data.buffer]);
  },
  recombine: async (req) => {
    const map = await engine.recombine(req);
    return Comlink.transfer(map, [map.data.buffer]);
  },
  sufficiency: (req) => engine.sufficiency(req),
  rise: async (req, onProgress) => {
    const r = await engine.rise(req, onProgress);
    return Comlink.transfer(r, [r.map.data.buffer]);
  },
  cancel: (jobId) => engine.cancel(jobId),
  stats: () => ({ ...engine.counters }),
  checkGradients: () => engine.checkGradients(),
  activeBackend: () => tf.getBackend() ?? backendName,
};

Comlink.expose(api);
