import * as tf from '@tensorflow/tfjs-core';
import { onHostImages, type HostImages } from '../explain/predictLabels';

/**
 * A second worker with the same model, on its own core (helper.worker.ts): tfjs-wasm threads only its convolution
 * and matrix kernels (1.2–1.6× on 2 cores), while two single-threaded workers side by side run 1.9–2.0× the passes.
 */
export interface PassSharer {
  /** true once the helper holds the engine's current model */
  ready(): boolean;
  /**
   * argmax labels of preprocessed images [n, H, W, C] (row-major data): the sharer copies `data` before it returns,
   * so the caller may write it again at once
   */
  labels(data: Float32Array, shape: [number, number, number, number]): Promise<Uint8Array[]>;
  /**
   * the same labels, with `data`'s whole buffer transferred (no copy; detached here meanwhile) and handed back with
   * them, as a view of the same offset and length
   */
  lend?(data: Float32Array, shape: [number, number, number, number]): Promise<Lent>;
  /** batches sent and not yet answered */
  queued(): number;
  /** the helper failed: batches run here only from now on */
  broken(reason: unknown): void;
}

/** A lent batch's labels and its images' view, handed back. */
export interface Lent {
  labels: Uint8Array[];
  data: Float32Array;
}

const isTensor = (batch: tf.Tensor4D | HostImages): batch is tf.Tensor4D => batch instanceof tf.Tensor;

/** The most batches queued on the helper before the next runs here instead: one running, one waiting. */
const HELPER_QUEUE = 2;

/**
 * Labels of a batch, the same as `local(batch)` (same model, same backend kind), with a ready sharer's worker taking
 * part: a batch larger than one worker's `perWorker` is cut in two, ⌊n/2⌋ (the last images) there while the rest
 * runs here (one caller awaiting each batch); a batch of one worker's size goes whole to the helper while it has
 * fewer than HELPER_QUEUE batches, else runs here (callers with several batches out, RISE's pipeline). Either way
 * about twice the passes per second on two cores. If the sharer fails, its part runs here after all. The batch is
 * cut on the host (never with tf.split: on wasm that cost more than the pass it saved); host images that can be
 * remade are lent whole, not copied (lentWhole).
 */
export async function sharedLabels(
  batch: tf.Tensor4D | HostImages,
  local: (batch: tf.Tensor4D) => Promise<Uint8Array[]>,
  sharer: PassSharer | null,
  perWorker: number,
): Promise<Uint8Array[]> {
  const n = batch.shape[0];
  const away = !sharer?.ready() ? 0 : n > perWorker ? Math.floor(n / 2) : sharer.queued() < HELPER_QUEUE ? n : 0;
  if (!sharer || away < 1) return isTensor(batch) ? local(batch) : runHere(batch, local);
  if (away === n && !isTensor(batch) && batch.remake && sharer.lend)
    return lentWhole(batch, batch.remake, local, sharer.lend.bind(sharer), sharer);
  const [, h, w, c] = batch.shape;
  const data = isTensor(batch) ? ((await batch.data()) as Float32Array) : batch.data;
  const per = h * w * c;
  const mine = n - away;
  const remote = sharer.labels(data.subarray(mine * per, n * per), [away, h, w, c]).then(
    (labels) => ({ labels }),
    (error: unknown) => ({ error }),
  );
  const first = mine > 0 ? await runHere({ data: data.subarray(0, mine * per), shape: [mine, h, w, c] }, local) : [];
  const r = await remote;
  if ('labels' in r) return [...first, ...r.labels];
  sharer.broken(r.error);
  return [...first, ...(await runHere({ data: data.subarray(mine * per, n * per), shape: [away, h, w, c] }, local))];
}

/** Host images run here: the local pass on a tensor made for the call (onHostImages). */
const runHere = (images: HostImages, local: (batch: tf.Tensor4D) => Promise<Uint8Array[]>) =>
  onHostImages(local)(images);

/**
 * A whole batch of host images lent to the helper: its buffer comes back as `batch.data` with the labels; if the
 * helper fails, the images are drawn again (the lent buffer is gone with it) and run here.
 */
async function lentWhole(
  batch: HostImages,
  remake: () => Float32Array,
  local: (batch: tf.Tensor4D) => Promise<Uint8Array[]>,
  lend: NonNullable<PassSharer['lend']>,
  sharer: PassSharer,
): Promise<Uint8Array[]> {
  const r = await lend(batch.data, batch.shape).then(
    (lent) => ({ lent }),
    (error: unknown) => ({ error }),
  );
  if ('lent' in r) {
    batch.data = r.lent.data;
    return r.lent.labels;
  }
  sharer.broken(r.error);
  batch.data = remake();
  return runHere(batch, local);
}
