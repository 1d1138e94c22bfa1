import type * as tf from '@tensorflow/tfjs-core';

/** Largest model we accept: beyond this a browser tab (and WebGL textures) will not cope. */
export const MAX_MODEL_BYTES = 256 * 2 ** 20;

const BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  complex64: 8,
  string: 0,
};

/** Bytes a weight entry takes in its shard (quantised weights take their quantised size). */
export function weightBytes(spec: tf.io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const per = BYTES[dtype];
  if (per === undefined || per === 0) throw new Error(`Weight "${spec.name}" has an unsupported dtype (${dtype}).`);
  return count * per;
}

const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;

/**
 * Assembles a tfjs model from files the user picked or dropped: model.json plus its weight shards.
 * Every failure is a sentence the user can act on.
 */
export function artifactsFromFiles(
  files: readonly { name: string; bytes: ArrayBuffer }[],
  maxBytes = MAX_MODEL_BYTES,
): tf.io.ModelArtifacts {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) {
    throw new Error(
      jsons.length === 0
        ? 'No model.json among the chosen files.'
        : 'Choose exactly one model.json (plus its .bin shards).',
    );
  }
  const jsonFile = jsons[0] as { name: string; bytes: ArrayBuffer };
  let json: {
    modelTopology?: unknown;
    weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    format?: string;
  };
  try {
    json = JSON.parse(new TextDecoder().decode(jsonFile.bytes));
  } catch (e) {
    throw new Error(`${jsonFile.name} is not valid JSON (${(e as Error).message}).`, { cause: e });
  }
  if (!json || typeof json !== 'object' || !json.modelTopology)
    throw new Error(`${jsonFile.name} has no modelTopology: it is not a TensorFlow.js model.`);
  if (!Array.isArray(json.weightsManifest)) throw new Error(`${jsonFile.name} has no weightsManifest.`);
  const byName = new Map(files.map((f) => [basename(f.name), f]));
  const chunks: Uint8Array[] = [];
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const group of json.weightsManifest) {
    const expected = group.weights.reduce((s, w) => s + weightBytes(w), 0);
    let got = 0;
    for (const path of group.paths) {
      const file = byName.get(basename(path));
      if (!file)
        throw new Error(
          `Missing weight file "${basename(path)}": choose model.json together with all its .bin shards.`,
        );
      chunks.push(new Uint8Array(file.bytes));
      got += file.bytes.byteLength;
    }
    if (got !== expected) {
      throw new Error(
        `Weight files ${group.paths.map(basename).join(', ')} hold ${got} bytes ` +
          `but model.json describes ${expected}: ` +
          `${got < expected ? 'truncated' : 'wrong'} file?`,
      );
    }
    specs.push(...group.weights);
  }
  const total = chunks.reduce((s, c) => s + c.byteLength, 0);
  if (total > maxBytes)
    throw new Error(
      `The model is too large (${(total / 2 ** 20).toFixed(1)} MB; at most ${(maxBytes / 2 ** 20).toFixed(1)} MB).`,
    );
  const data = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    data.set(c, offset);
    offset += c.byteLength;
  }
  return {
    modelTopology: json.modelTopology as object,
    format: json.format,
    weightSpecs: specs,
    weightData: data.buffer,
  };
}
