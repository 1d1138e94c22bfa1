// A bundled model (by id, read from public/) or a user's model file (model.json with its shards, or .onnx).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundledModelInfo, MODEL_IDS } from '../core/models';
import { DEFAULT_CUSTOM_OPTIONS, type CustomModelOptions } from '../core/modelInfo';
import { createCustomModel, createOnnxModel } from '../model/custom';
import { bundledModel } from '../model/registry';
import type { SegmentationModel } from '../model/types';
import { readArtifacts } from './artifacts';
import { UsageError } from './usageError';

export interface LoadedModel {
  model: SegmentationModel;
  /** in records: the bundled id or the file's name */
  name: string;
  /** in links: the bundled id, or 'files' */
  linkModel: string;
}

async function bundled(id: string, root: string): Promise<SegmentationModel> {
  const info = bundledModelInfo(id);
  if (!info) throw new UsageError(`Unknown model ${id}`);
  const file = join(root, 'public', info.path);
  if (!existsSync(file)) throw new UsageError(`${file} is missing: run "node scripts/fetch-models.mjs" first.`);
  return bundledModel(id).create(
    info.format === 'onnx' ? { bytes: new Uint8Array(readFileSync(file)) } : { artifacts: readArtifacts(file) },
  );
}

/** Loads --model: a bundled id, a model.json path or an .onnx path; a model it cannot explain is refused with why. */
export async function loadModel(
  spec: string,
  root: string,
  options: CustomModelOptions = DEFAULT_CUSTOM_OPTIONS,
): Promise<LoadedModel> {
  if ((MODEL_IDS as readonly string[]).includes(spec))
    return { model: await bundled(spec, root), name: spec, linkModel: spec };
  if (!existsSync(spec))
    throw new UsageError(`--model ${spec}: neither a bundled model (${MODEL_IDS.join(', ')}) nor an existing file.`);
  const name = basename(spec);
  try {
    const model = spec.toLowerCase().endsWith('.onnx')
      ? await createOnnxModel(new Uint8Array(readFileSync(spec)), options, name)
      : await createCustomModel(readArtifacts(spec), options, name);
    return { model, name, linkModel: 'files' };
  } catch (e) {
    throw new UsageError(`--model ${spec} cannot be explained: ${(e as Error).message}`);
  }
}
