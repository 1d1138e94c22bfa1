import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { createToyModel, toyPixels, toyRiseJob } from '../../scripts/testing/toyModel';
import { labelsOf } from '../model/labels';
import type { SegmentationModel } from '../model/types';
import { Engine } from './engine';
import type { PassSharer } from './passSharing';

const live = () => new AbortController().signal;
const rise = (seed: number) => toyRiseJob({ count: 96, seed, weighting: 'centred' });

/**
 * A helper stand-in running the same toy model on what it is sent, recording each batch's size; `delayMs` answers
 * late (a macrotask or more), so that batches run here come back before earlier ones sent there.
 */
function sharerFor(model: SegmentationModel, ready: () => boolean, delayMs = 0) {
  const sizes: number[] = [];
  let queued = 0;
  const sharer: PassSharer = {
    ready,
    labels: async (data, shape) => {
      sizes.push(shape[0]);
      queued++;
      // a copy before the first await, as the helper sharer makes: the engine may write `data` again at once
      const x = tf.tensor4d(Float32Array.from(data), shape);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const s = model.forward(x);
      x.dispose();
      return labelsOf(s).finally(() => (s.dispose(), queued--));
    },
    queued: () => queued,
    broken: () => undefined,
  };
  return { sharer, sizes };
}

let model: SegmentationModel;
beforeAll(async () => {
  await useCpuBackend();
  model = createToyModel();
});

/** An engine whose tuned batch size is `size` (a returning visitor's), on the toy model and image. */
async function engineWith(size: number, sharer: PassSharer | null): Promise<Engine> {
  const engine = new Engine({ get: async () => size, set: async () => undefined });
  engine.setModel(model);
  engine.setPassSharer(sharer);
  await engine.setImage(toyPixels());
  return engine;
}

describe('Engine with a helper worker', () => {
  it('RISE sends the helper whole tuned batches, the next run here; the map equals the engine alone’s', async () => {
    const alone = await engineWith(4, null);
    const without = await alone.runJob(rise(3), () => undefined, live());
    for (const delayMs of [0, 15]) {
      const { sharer, sizes } = sharerFor(model, () => true, delayMs);
      const shared = await engineWith(4, sharer);
      const before = tf.memory().numTensors;
      const withHelper = await shared.runJob(rise(3), () => undefined, live());
      expect(tf.memory().numTensors).toBe(before);
      // batches of one worker's size (4), shorter only where RISE's check points cut one
      expect(Math.max(...sizes)).toBe(4);
      const sent = sizes.reduce((a, b) => a + b, 0);
      expect(sent).toBeGreaterThanOrEqual(24);
      // a slow helper leaves batches to the engine (one answering at once may take them all)
      if (delayMs > 0) expect(sent).toBeLessThan(96);
      expect(shared.counters.rise).toBe(96);
      // results taken in mask order: the same map, whichever worker answered first
      expect(Array.from(withHelper.map.data)).toEqual(Array.from(without.map.data));
    }
  });

  it('RISE lends its images to the helper (no copy): buffers come back to the pool, the same map', async () => {
    const alone = await engineWith(4, null);
    const without = await alone.runJob(rise(7), () => undefined, live());
    const { sharer, sizes } = sharerFor(model, () => true, 5);
    const handedBack = new WeakSet<ArrayBufferLike>();
    let lentAgain = 0;
    sharer.lend = async (data, shape) => {
      if (handedBack.has(data.buffer)) lentAgain++;
      // what postMessage with a transfer list does, there and back
      const there = structuredClone(data, { transfer: [data.buffer] });
      const labels = await sharer.labels(there, shape);
      const back = structuredClone(there, { transfer: [there.buffer] });
      handedBack.add(back.buffer);
      return { labels, data: back };
    };
    const shared = await engineWith(4, sharer);
    const before = tf.memory().numTensors;
    const withHelper = await shared.runJob(rise(7), () => undefined, live());
    expect(tf.memory().numTensors).toBe(before);
    expect(sizes.length).toBeGreaterThan(2);
    // buffers handed back go to the pool and are drawn into and lent again (or run here), not dropped
    expect(lentAgain).toBeGreaterThan(0);
    expect(Array.from(withHelper.map.data)).toEqual(Array.from(without.map.data));
  });

  it('with the helper, the batch size is timed on every batch, the helper’s too, not only on passes here', async () => {
    // A helper that answers at once takes nearly every batch: timing only the passes run here never settled.
    const { sharer, sizes } = sharerFor(model, () => true);
    const chosen: number[] = [];
    const engine = new Engine({ get: async () => undefined, set: async (_, size) => void chosen.push(size) });
    engine.setModel(model);
    engine.setPassSharer(sharer);
    await engine.setImage(toyPixels());
    await engine.runJob(toyRiseJob({ count: 400, seed: 2, stop: 'all' }), () => undefined, live());
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
    expect(chosen).toHaveLength(1);
    expect(await engine.batchSize()).toEqual({ size: chosen[0], settled: true });
  });

  it('a helper that is not ready yet takes nothing: batches keep one worker’s size', async () => {
    const { sharer, sizes } = sharerFor(model, () => false);
    const engine = await engineWith(4, sharer);
    await engine.runJob(rise(5), () => undefined, live());
    expect(sizes).toEqual([]);
    expect(engine.counters.rise).toBe(96);
  });
});
