// Node-only helper for tests and benchmarks: reads a tfjs model.json + shards from disk as ModelArtifacts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { bundledModelInfo, type BundledModelId } from '../../src/core/models';
import type { BundledFiles } from '../../src/model/registry';

/** Where a bundled model's model.json lies on disk (its path in src/core/models.ts, under public/). */
export function bundledModelPath(id: BundledModelId): string {
  const info = bundledModelInfo(id);
  if (!info) throw new Error(`Unknown model "${id}"`);
  return join('public', info.path);
}

/** A bundled model's files, read from disk, as the registry's create takes them. */
export function bundledFiles(id: BundledModelId): BundledFiles {
  return bundledModelInfo(id)?.format === 'onnx'
    ? { bytes: new Uint8Array(readFileSync(bundledModelPath(id))) }
    : { artifacts: bundledArtifacts(id) };
}

/** A bundled model's artifacts, read from disk. */
export function bundledArtifacts(id: BundledModelId): tf.io.ModelArtifacts {
  return readArtifacts(bundledModelPath(id));
}

export function readArtifacts(modelJsonPath: string): tf.io.ModelArtifacts {
  const json = JSON.parse(readFileSync(modelJsonPath, 'utf8'));
  const manifest = json.weightsManifest as { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  const buffers = manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dirname(modelJsonPath), p))));
  const total = buffers.reduce((s, b) => s + b.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    data.set(b, offset);
    offset += b.byteLength;
  }
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs: manifest.flatMap((g) => g.weights),
    weightData: data.buffer,
  };
}
