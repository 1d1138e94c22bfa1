import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { sharedLabels, type PassSharer } from './passSharing';

/** A toy "model": per-pixel argmax over channel sums with fixed mixing, so that every image has its own labels. */
const mixing = () => tf.tensor2d([0.3, -1, 2, 1, 0.5, -0.7, -2, 1.5, 0.1], [3, 3]);
async function localLabels(batch: tf.Tensor4D): Promise<Uint8Array[]> {
  const arg = tf.tidy(() => {
    const m = mixing();
    const [n, h, w, c] = batch.shape;
    return tf.argMax(tf.reshape(tf.matMul(tf.reshape(batch, [n * h * w, c]), m), [n, h * w, 3]), -1);
  });
  const flat = (await arg.data()) as Int32Array;
  arg.dispose();
  const per = flat.length / batch.shape[0];
  return Array.from({ length: batch.shape[0] }, (_, i) => Uint8Array.from(flat.subarray(i * per, (i + 1) * per)));
}

/** A helper stand-in: the same computation on a tensor rebuilt from the data it is sent, as the worker does. */
function fakeSharer(options: { ready?: boolean; fails?: boolean; queued?: number } = {}) {
  const sent: number[] = [];
  const broken: unknown[] = [];
  const sharer: PassSharer = {
    ready: () => options.ready ?? true,
    labels: async (data, shape) => {
      sent.push(shape[0]);
      // a copy, as the helper sharer makes before it returns: the caller may write `data` again
      const x = tf.tensor4d(Float32Array.from(data), shape);
      if (options.fails) throw (x.dispose(), new Error('helper gone'));
      try {
        return await localLabels(x);
      } finally {
        x.dispose();
      }
    },
    queued: () => options.queued ?? 0,
    broken: (reason) => broken.push(reason),
  };
  return { sharer, sent, broken };
}

const batchOf = (n: number) => tf.randomUniform([n, 4, 5, 3], -1, 1, 'float32', 7) as tf.Tensor4D;

describe('sharedLabels', () => {
  beforeAll(useCpuBackend);

  it('gives the labels of one local pass, with the last ⌊n/2⌋ images sent to the helper', async () => {
    for (const n of [2, 3, 5, 8]) {
      const batch = batchOf(n);
      const { sharer, sent } = fakeSharer();
      const before = tf.memory().numTensors;
      const shared = await sharedLabels(batch, localLabels, sharer, Math.ceil(n / 2));
      expect(tf.memory().numTensors).toBe(before);
      expect(shared).toEqual(await localLabels(batch));
      expect(sent).toEqual([Math.floor(n / 2)]);
      // the images differ, so an order mix-up between the halves would show
      expect(new Set(shared.map((l) => l.join())).size).toBeGreaterThan(1);
      batch.dispose();
    }
  });

  it('sends a one-worker batch whole while the helper has under two queued, else runs it here', async () => {
    const batch = batchOf(3);
    const idle = fakeSharer({ queued: 1 });
    expect(await sharedLabels(batch, localLabels, idle.sharer, 3)).toEqual(await localLabels(batch));
    expect(idle.sent).toEqual([3]);
    const busy = fakeSharer({ queued: 2 });
    expect(await sharedLabels(batch, localLabels, busy.sharer, 3)).toEqual(await localLabels(batch));
    expect(busy.sent).toEqual([]);
    const loading = fakeSharer({ ready: false });
    expect(await sharedLabels(batch, localLabels, loading.sharer, 2)).toEqual(await localLabels(batch));
    expect(loading.sent).toEqual([]);
    batch.dispose();
  });

  it('takes host images as they are and leaves the caller’s buffer whole (the helper gets a copy)', async () => {
    const batch = batchOf(4);
    const data = Float32Array.from(await batch.data());
    const copy = Float32Array.from(data);
    const host = { data, shape: batch.shape };
    for (const perWorker of [2, 4]) {
      const { sharer, sent } = fakeSharer();
      const before = tf.memory().numTensors;
      expect(await sharedLabels(host, localLabels, sharer, perWorker)).toEqual(await localLabels(batch));
      expect(tf.memory().numTensors).toBe(before);
      expect(sent).toEqual([perWorker === 2 ? 2 : 4]);
      expect(data).toEqual(copy);
    }
    batch.dispose();
  });

  it('runs the helper’s part here when the helper fails, and says it is broken', async () => {
    for (const perWorker of [3, 6]) {
      const batch = batchOf(6);
      const { sharer, broken } = fakeSharer({ fails: true });
      const before = tf.memory().numTensors;
      expect(await sharedLabels(batch, localLabels, sharer, perWorker)).toEqual(await localLabels(batch));
      expect(tf.memory().numTensors).toBe(before);
      expect(broken).toHaveLength(1);
      batch.dispose();
    }
  });
});
