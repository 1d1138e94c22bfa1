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
