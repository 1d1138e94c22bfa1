/// <reference lib="webworker" />
// A model from its source (bundled, URL or the user's files), in a worker: the engine's and its helper's.
import * as tf from '@tensorflow/tfjs-core';
import { artifactsFromFiles, MAX_MODEL_BYTES } from '../model/artifacts';
import { createCustomModel, createOnnxModel } from '../model/custom';
import { bundledModel } from '../model/registry';
import type { SegmentationModel } from '../model/types';
import type { ModelSource } from './protocol';

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

/** The model a source names: fetched, read from the user's files, or bundled; refused with a clear reason. */
export async function buildModel(source: ModelSource): Promise<SegmentationModel> {
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
