import * as tf from '@tensorflow/tfjs-core';

/**
 * A second worker with the same model, on its own core (helper.worker.ts): tfjs-wasm threads only its convolution
 * and matrix kernels (1.2–1.6× on 2 cores), while two single-threaded workers side by side run 1.9–2.0× the passes.
 */
export interface PassSharer {
  /** true once the helper holds the engine's current model */
  ready(): boolean;
  /** argmax labels of preprocessed images [n, H, W, C] (row-major data), one array per image */
  labels(data: Float32Array, shape: [number, number, number, number]): Promise<Uint8Array[]>;
  /** the helper failed: batches run here only from now on */
  broken(reason: unknown): void;
}

/**
 * Labels of a batch, half of it on the sharer's worker while the other half runs here: the same labels as
 * `local(batch)` (same model, same backend kind), about twice the passes per second on two cores. Without a ready
 * sharer, or for a single image, all of it runs here; if the sharer fails, its half runs here after all.
 */
export async function sharedLabels(
  batch: tf.Tensor4D,
  local: (batch: tf.Tensor4D) => Promise<Uint8Array[]>,
  sharer: PassSharer | null,
): Promise<Uint8Array[]> {
  const [n, h, w, c] = batch.shape;
  if (!sharer?.ready() || n < 2) return local(batch);
  const theirs = Math.floor(n / 2);
  const [mine, away] = tf.split(batch, [n - theirs, theirs]) as [tf.Tensor4D, tf.Tensor4D];
  try {
    const data = (await away.data()) as Float32Array;
    const remote = sharer.labels(data, [theirs, h, w, c]).then(
      (labels) => ({ labels }),
      (error: unknown) => ({ error }),
    );
    const first = await local(mine);
    const r = await remote;
    if ('labels' in r) return [...first, ...r.labels];
    sharer.broken(r.error);
    return [...first, ...(await local(away))];
  } finally {
    mine.dispose();
    away.dispose();
  }
}
