// Node: a tfjs model.json and its weight files, read from disk as ModelArtifacts (the CLI, the tests, the studies).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';

/** model.json and its weight files as tfjs artifacts. */
export function readArtifacts(modelJson: string): tf.io.ModelArtifacts {
  const json = JSON.parse(readFileSync(modelJson, 'utf8'));
  const manifest = (json.weightsManifest ?? []) as { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  const buffers = manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dirname(modelJson), p))));
  const data = new Uint8Array(buffers.reduce((s, b) => s + b.byteLength, 0));
  buffers.reduce((offset, b) => (data.set(b, offset), offset + b.byteLength), 0);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs: manifest.flatMap((g) => g.weights),
    weightData: data.buffer,
  };
}
