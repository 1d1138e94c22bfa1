// Node-only helper for tests and benchmarks: reads a tfjs model.json + shards from disk as ModelArtifacts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { bundledModelInfo, type BundledModelId } from '../../src/core/models';
import type { BundledFiles } from '../../src/model/registry';
import { readArtifacts } from '../../src/cli/artifacts';

// The one reader of model.json files on disk lives with the command line (src/cli/artifacts.ts).
export { readArtifacts };

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
