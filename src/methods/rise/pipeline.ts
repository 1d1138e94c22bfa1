import { AbortError } from '../../core/abort';

/** What the pipeline runs: batches made in order, run up to `inFlight()` at once, their results taken in order. */
export interface PipelineSteps<B, R> {
  /**
   * the next batch, made in order; null when there is none to make now: asked again after the oldest result is
   * taken, and the pipeline ends when it says null with nothing out
   */
  next(): B | null;
  /** the batch's result; may run on another worker while the pipeline makes and runs the next ones */
  run(batch: B): Promise<R>;
  /** the batch's result, in batch order; false stops the pipeline (nothing more is made, what runs is dropped) */
  take(batch: B, result: R): boolean;
  /** batches that may run at once (read before each is made): 1 runs them one after another */
  inFlight(): number;
  /** awaited before each batch is made: lets messages in, holds batches while a click's CAMs run, throws on abort */
  checkpoint(): Promise<void>;
  signal?: AbortSignal;
}

/**
 * Runs batches while earlier ones are still out (on a helper worker), and takes every result in batch order, so what
 * is built from the results does not depend on which worker ran a batch nor on when it came back. Returns false when
 * `take` stopped it. On an error or abort, the batches still out are awaited (and dropped) before it throws.
 */
export async function runPipelined<B, R>(steps: PipelineSteps<B, R>): Promise<boolean> {
  const out: { batch: B; result: Promise<R> }[] = [];
  try {
    for (;;) {
      let more = true;
      while (more && out.length < Math.max(1, steps.inFlight())) {
        await steps.checkpoint();
        if (steps.signal?.aborted) throw new AbortError();
        const batch = steps.next();
        if (batch === null) more = false;
        else {
          const result = steps.run(batch);
          // A batch may fail while an earlier one is awaited: its error is thrown when its turn comes, not unhandled.
          result.catch(() => undefined);
          out.push({ batch, result });
        }
      }
      const first = out.shift();
      if (!first) return true;
      if (!steps.take(first.batch, await first.result)) return false;
    }
  } finally {
    // Dropped results (a stop, an error): nothing is left running against buffers the caller reuses.
    await Promise.allSettled(out.map((o) => o.result));
  }
}
