/// <reference lib="webworker" />
// Runs scripts/bench/measure.ts on every bundled model inside a worker, on the backend the page asks for, with the
// app's own backend set-up, model adapters and engine.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { BackendName } from '../../src/core/kinds';
import type { Pixels } from '../../src/core/modelInfo';
import { bundledModelInfo, SAMPLES } from '../../src/core/models';
import { bundledModel } from '../../src/model/registry';
import { activateBackend, askWasmThreads, logicalCores, threadsPerWorker, wasmThreads } from '../../src/engine/backend';
import { Engine } from '../../src/engine/engine';
import { HelperSharer } from '../../src/engine/helperSharer';
import type { ModelSource } from '../../src/engine/protocol';
import { benchModel, forwardThroughput, type BenchRow } from '../bench/measure';
import { riseThroughput } from '../bench/riseThroughput';

async function pixelsOf(path: string): Promise<Pixels> {
  const bitmap = await createImageBitmap(await (await fetch(`/${path}`)).blob());
  const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d') as OffscreenCanvasRenderingContext2D;
  ctx.drawImage(bitmap, 0, 0);
  return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
}

let helper: HelperSharer | null = null;

/** The helper worker with the engine's model, once it is ready to take batches. */
async function withHelper(engine: Engine, source: ModelSource, threads: number): Promise<void> {
  helper ??= new HelperSharer(threads);
  engine.setPassSharer(helper);
  helper.load(source);
  for (let i = 0; !helper.ready(); i++) {
    if (helper.stopped) throw new Error('the helper worker failed: see the console');
    if (i > 600) throw new Error('the helper worker did not load the model within a minute');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

self.onmessage = async (e: MessageEvent<Record<string, string>>) => {
  const q = e.data;
  const log = (line: string) => self.postMessage({ type: 'log', line });
  try {
    // threads=k for the thread comparisons; else the app's engine worker's own share of the cores
    const threads = q.threads ? Number(q.threads) : threadsPerWorker(logicalCores(), true);
    if (threads !== null) askWasmThreads(threads);
    const active = await activateBackend((q.backend ?? 'wasm') as BackendName, false);
    if (active.backend !== q.backend)
      throw new Error(`asked for ${q.backend}, got ${active.backend}: ${active.fallbackReason}`);
    const used = await wasmThreads();
    log(`backend ${active.backend}${used === null ? '' : `, ${used} thread${used > 1 ? 's' : ''}`}`);
    const rows: BenchRow[] = [];
    // batch=k: every job batch of k images (a size known from an earlier visit), to compare sizes; else tuned
    const engine = new Engine(q.batch ? { get: async () => Number(q.batch), set: async () => undefined } : undefined);
    for (const id of (q.models ?? 'selfie,unet,deeplab').split(',')) {
      const spec = bundledModelInfo(id) ? bundledModel(id) : null;
      const sample = SAMPLES.find((s) => s.id === spec?.defaultImage);
      if (!spec || !sample) throw new Error(`unknown model ${id}`);
      const model = await spec.create(
        spec.format === 'onnx'
          ? { bytes: new Uint8Array(await (await fetch(`/${spec.path}`)).arrayBuffer()) }
          : { artifacts: await tf.io.http(`/${spec.path}`).load!() },
      );
      if (q.part === 'throughput') {
        rows.push(await forwardThroughput(model, await pixelsOf(sample.path), log));
        continue;
      }
      if (q.part === 'rise') {
        // helper=1: the app's set-up on wasm, this worker and a helper for half of each batch (engine.worker.ts)
        if (q.helper === '1') await withHelper(engine, { kind: 'bundled', id }, Number(q.threads ?? 1));
        rows.push(await riseThroughput(engine, model, await pixelsOf(sample.path), Number(q.masks ?? 2000), log));
        continue;
      }
      // wasm: four RISE runs at N = 2000 between five bare timings (a run is 10–40 s; with two, one slow minute of
      // this machine decided the selfie's row: 0.91 and 0.79); WebGL's runs are minutes each, two of them.
      const riseRuns = active.backend === 'wasm' ? 4 : 2;
      rows.push(
        ...(await benchModel(engine, model, await pixelsOf(sample.path), {
          masks: Number(q.masks ?? 2000),
          riseRuns,
          log,
        })),
      );
    }
    self.postMessage({ type: 'done', rows, backend: active.backend });
  } catch (err) {
    self.postMessage({ type: 'error', message: (err as Error).stack ?? String(err) });
  }
};
