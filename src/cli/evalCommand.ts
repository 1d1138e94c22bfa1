// `segexplain eval`: scenes × regions × methods through the app's Engine, one JSON line per record, resumable, safe
// to stop with Ctrl-C (the region in flight is dropped, every line written stays whole).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { DEFAULT_CUSTOM_OPTIONS } from '../core/modelInfo';
import { Engine } from '../engine/engine';
import { memoryStore } from '../engine/tuners';
import { chooseBackend } from './backend';
import { evaluateScene } from './evaluateScene';
import type { EvalOptions } from './evalOptions';
import { loadModel } from './loadModel';
import { runSpec } from './methodSpec';
import { readRecords, RecordWriter } from './records';
import { listedRegions, regionsFromMask } from './regions';
import { folderScenes } from './scenes/folder';
import { heldOutScenes } from './scenes/heldOut';
import type { Scene } from './scenes/scene';
import { recordsFile, shardOf } from './shard';
import { writeOutputs } from './outputs';
import { UsageError } from './usageError';

export interface EvalOutcome {
  written: number;
  /** records found from an earlier run and skipped */
  resumed: number;
  stopped: boolean;
  backend: string;
  seconds: number;
}

/** A batch-size store that answers one fixed size (--batch): job batches then never depend on a timing. */
const fixedBatch = (size: number) => ({ get: async () => size, set: async () => undefined });

function scenesOf(o: EvalOptions, root: string): Scene[] {
  if (o.scenes === 'heldout') return heldOutScenes(root, o.count, o.seed);
  return folderScenes(o.images as string, o.masks);
}

export async function runEval(
  o: EvalOptions,
  root: string,
  signal: AbortSignal,
  log = console.error,
  /** after each scene of each model (a shard tells its parent: report/parallel.ts) */
  onScene: () => void = () => undefined,
): Promise<EvalOutcome> {
  const started = performance.now();
  const modelOptions = { ...DEFAULT_CUSTOM_OPTIONS, inputRange: o.inputRange };
  const spec = runSpec(o.link, o.methods);
  const listed = o.regions ? listedRegions(o.regions) : null;
  const all = scenesOf(o, root);
  if (listed) {
    const unknown = [...listed.keys()].find((id) => !all.some((s) => s.id === id));
    if (unknown) throw new UsageError(`${o.regions} names image "${unknown}", which is not among the inputs.`);
  }
  const scenes = shardOf(all, o.shard);
  mkdirSync(o.out, { recursive: true });
  const file = join(o.out, recordsFile(o.shard));
  const done = new Set(readRecords(file).map((r) => r.key));
  const { backend, note } = await chooseBackend(o.backend, async () => {
    // the run's first model, loaded on the backend being probed: forward passes, as its jobs run
    const { model } = await loadModel(o.models[0] as string, root, modelOptions);
    const [h, w] = model.inputSize;
    // one image, not a batch: on the cpu backend a batch of a trained model costs seconds of CPU
    const x = model.preprocess({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(128) });
    return {
      pass: async () => {
        const y = model.forward(x);
        await y.data();
        y.dispose();
      },
      dispose: () => {
        x.dispose();
        model.dispose();
      },
    };
  });

  log(`backend: ${note}`);
  const writer = new RecordWriter(file);
  let written = 0;
  const bar = new SingleBar({
    format: 'scenes {bar} {value}/{total} | {records} records | ETA {eta_formatted} | {model}',
    noTTYOutput: false,
  });
  try {
    for (const spec0 of o.models) {
      const loaded = await loadModel(spec0, root, modelOptions);
      const engine = new Engine(o.batch ? fixedBatch(o.batch) : memoryStore());
      engine.setModel(loaded.model);
      if (!o.quiet) bar.start(scenes.length, 0, { records: written, model: loaded.name });
      try {
        for (const scene of scenes) {
          if (signal.aborted) break;
          written += await evaluateScene({
            engine,
            model: loaded.model,
            modelName: loaded.name,
            linkModel: loaded.linkModel,
            scene,
            regions: (p) =>
              listed ? (listed.get(scene.id) ?? []) : regionsFromMask(scene, p, { kinds: o.kinds, items: o.items }),
            spec,
            done,
            appUrl: o.appUrl,
            signal,
            write: (r) => writer.write(r),
          });
          if (!o.quiet) bar.increment(1, { records: written });
          onScene();
        }
      } finally {
        if (!o.quiet) bar.stop();
        loaded.model.dispose();
      }
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    writer.close();
  }
  const outcome = {
    written,
    resumed: done.size,
    stopped: signal.aborted,
    backend,
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(
    join(o.out, o.shard ? `run.${o.shard.index}-of-${o.shard.count}.json` : 'run.json'),
    JSON.stringify({ options: o, ...outcome, backendNote: note, finished: new Date().toISOString() }, null, 1) + '\n',
  );
  if (!o.shard && !signal.aborted) writeOutputs(o.out, readRecords(file));
  return outcome;
}
