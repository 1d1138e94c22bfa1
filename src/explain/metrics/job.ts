import { yieldTask } from '../../core/yieldTask';
import { throwIfAborted } from '../../core/abort';

/** Progress, cancel and the per-batch hold of a metric job, as methods/rise/rise.ts's RiseRunOptions. */
export interface JobOptions<P> {
  /** called after every batch */
  onProgress?: (p: P) => void;
  /** stops the job with AbortError before the next batch, and discards a batch that comes back after it fired */
  signal?: AbortSignal;
  /** awaited before every batch (default: yield one macrotask, so that cancel messages get through on cpu/wasm) */
  checkpoint?: () => Promise<void>;
}

export const yieldToEventLoop = yieldTask;

/** The hold before a batch: the caller's checkpoint (or a macrotask), then the abort check. */
export async function beforeBatch(options: Pick<JobOptions<never>, 'signal' | 'checkpoint'>): Promise<void> {
  await (options.checkpoint ?? yieldToEventLoop)();
  throwIfAborted(options.signal);
}

/** A batch size read from settings before each batch (callers may tune it mid-run): a whole number ≥ 1. */
export function batchSizeOf(settings: { batchSize?: number }, fallback: number): number {
  const b = Math.floor(settings.batchSize ?? fallback);
  return Number.isFinite(b) && b >= 1 ? b : fallback;
}

export const DEFAULT_BATCH_SIZE = 8;
