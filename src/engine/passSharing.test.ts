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

  it('lends remakeable host images whole: the buffer transferred, handed back as the batch’s data', async () => {
    const batch = batchOf(3);
    const values = Float32Array.from(await batch.data());
    const want = await localLabels(batch);
    // A pooled buffer larger than the batch: the view's offset and length come back as they went.
    const pool = new Float32Array(values.length + 7);
    const poolBytes = pool.byteLength;
    const data = pool.subarray(2, 2 + values.length);
    data.set(values);
    const remakes: number[] = [];
    const host = { data, shape: batch.shape, remake: () => (remakes.push(1), Float32Array.from(values)) };
    const { sharer, sent } = fakeSharer();
    const detached: number[] = [];
    sharer.lend = async (lent, shape) => {
      // What postMessage with a transfer list does: the sender's buffer is detached.
      const moved = structuredClone(lent, { transfer: [lent.buffer] });
      detached.push(data.buffer.byteLength);
      const labels = await sharer.labels(moved, shape);
      return { labels, data: structuredClone(moved, { transfer: [moved.buffer] }) };
    };
    expect(await sharedLabels(host, localLabels, sharer, 3)).toEqual(want);
    expect(sent).toEqual([3]);
    expect(detached).toEqual([0]);
    expect(host.data === data).toBe(false);
    expect([host.data.byteOffset, host.data.length, host.data.buffer.byteLength]).toEqual([
      8,
      values.length,
      poolBytes,
    ]);
    expect(Array.from(host.data)).toEqual(Array.from(values));
    expect(remakes).toEqual([]);
    batch.dispose();
  });

  it('draws a lent batch again and runs it here when the helper fails with it', async () => {
    const batch = batchOf(4);
    const values = Float32Array.from(await batch.data());
    const host = { data: Float32Array.from(values), shape: batch.shape, remake: () => Float32Array.from(values) };
    const { sharer, broken } = fakeSharer();
    sharer.lend = async (lent) => {
      structuredClone(lent, { transfer: [lent.buffer] });
      throw new Error('helper gone with the buffer');
    };
    const before = tf.memory().numTensors;
    expect(await sharedLabels(host, localLabels, sharer, 4)).toEqual(await localLabels(batch));
    expect(tf.memory().numTensors).toBe(before);
    expect(broken).toHaveLength(1);
    expect(Array.from(host.data)).toEqual(Array.from(values));
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
