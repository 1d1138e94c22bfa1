// How many batches a job keeps out at once, and how a batch's time is read when several are out.

/**
 * labels() batches a job may have out at once with a helper: two queued there, and room for the engine to run ahead
 * while the oldest is still there (results are taken in order). With 4 the engine waited on the helper 45% of the
 * time; with 6 the selfie's RISE ran 1.52× one thread, with 10 1.79×. A batch's images are freed when its pass is
 * done, so what stays out is mostly masks (8 × 256² floats, 2 MB, per selfie batch).
 */
export const LABELS_IN_FLIGHT = 10;

/**
 * labels() batches out at once on a GPU backend alone: one queued behind the one running, so the GPU does not wait
 * for the JavaScript between batches (making masks, reading labels back). On cpu or wasm alone the JavaScript and
 * the passes share one thread: nothing to overlap.
 */
export const GPU_LABELS_IN_FLIGHT = 2;

const GPU_BACKENDS = new Set(['webgl', 'webgpu']);

/** The labels() batches a job keeps out at once on this backend, with or without the helper worker. */
export const labelsInFlight = (backend: string, helper: boolean): number =>
  helper ? LABELS_IN_FLIGHT : GPU_BACKENDS.has(backend) ? GPU_LABELS_IN_FLIGHT : 1;

/**
 * A batch's time as the batch tuner should read it: from its start or the end of the batch before it, whichever is
 * later. One after another, that is its own time; queued behind another on a GPU, not the wait for that one.
 */
export function batchClock(): (start: number, end: number) => number {
  let lastEnd = -Infinity;
  return (start, end) => {
    const ms = end - Math.max(start, lastEnd);
    lastEnd = end;
    return ms;
  };
}

/**
 * With the helper, labels() batches timed as the job's throughput, both workers' (the passes run here alone misjudged
 * the size: the selfie's RISE took batch 8 on them, 8.1–8.3 ms a mask against 7.1 at batch 1): each batch from its
 * start or the last completion of any batch, whichever is later, so the times add up to the job's wall time. A batch
 * is not recorded while batches made at another size are still out (the two sizes' work mixes then); one of two
 * workers' size counts as one of each, at the same time per image.
 */
export function throughputTimed<B extends { shape: readonly number[] }>(
  run: (batch: B, size: number) => Promise<Uint8Array[]>,
  size: () => number,
  record: (size: number, ms: number) => void,
  now: () => number = () => performance.now(),
): (batch: B) => Promise<Uint8Array[]> {
  const out = new Map<number, number>();
  // every answer moves the clock, recorded or not: the times then add up to the wall time
  const clock = batchClock();
  return async (batch) => {
    const [start, perWorker, images] = [now(), size(), batch.shape[0] as number];
    out.set(perWorker, (out.get(perWorker) ?? 0) + 1);
    let labels: Uint8Array[];
    try {
      labels = await run(batch, perWorker);
    } finally {
      out.set(perWorker, (out.get(perWorker) as number) - 1);
    }
    const ms = clock(start, now());
    const mixed = [...out].some(([k, n]) => k !== perWorker && n > 0);
    if (!mixed && (images === perWorker || images === 2 * perWorker)) record(perWorker, (ms * perWorker) / images);
    return labels;
  };
}
