/** The sizes worth trying for a model that takes up to max images: 1, 2, 4, … */
export const powersOfTwo = (max: number): number[] =>
  Array.from({ length: Math.floor(Math.log2(Math.max(1, max))) + 1 }, (_, i) => 2 ** i);

/**
 * Finds the batch size with the best throughput for one model on one backend by timing the job's own batches: it
 * tries the candidate sizes in increasing order while images per second improve, each size timed on its next
 * WARM_BATCHES batches (the first pays for new shapes: WebGL shader compiles, wasm allocations), then keeps the best.
 * Every timed batch is real work.
 */
/** Warm batches timed per size, their mean compared: one alone misjudged sizes when both cores were busy. */
const WARM_BATCHES = 2;

/**
 * The longest batch kept, in ms (but for the smallest size): a batch in flight cannot be interrupted, so a cancel, a
 * newer request or a slider's hold waits for it. On a software WebGL renderer a selfie batch of 8 took 1.5 s.
 */
export const MAX_BATCH_MS = 250;

export class BatchTuner {
  private readonly sizes: number[];
  private at = 0;
  private readonly perImage = new Map<number, number[]>();
  private chosen: number | null;

  constructor(
    /** candidate sizes, e.g. powersOfTwo(maxBatch), or a fixed-batch graph's 1 and its batch */
    sizes: readonly number[],
    known: number | null,
    /** called once with the size chosen by measurement, to cache it */
    private readonly onChosen: (size: number) => void = () => undefined,
  ) {
    this.sizes = [...new Set(sizes)].filter((n) => n >= 1).sort((a, b) => a - b);
    if (this.sizes.length === 0) this.sizes = [1];
    this.chosen =
      known !== null && this.sizes.includes(known) ? known : this.sizes.length === 1 ? (this.sizes[0] as number) : null;
  }

  private get trial(): number {
    return this.sizes[this.at] as number;
  }

  /** The size of the next batch. */
  get size(): number {
    return this.chosen ?? this.trial;
  }

  /** Whether the size has been settled (known, or measured). */
  get settled(): boolean {
    return this.chosen !== null;
  }

  /** Records how long a batch of n images took (ms). */
  record(n: number, ms: number): void {
    if (this.chosen !== null || n !== this.trial) return;
    const times = this.perImage.get(n) ?? [];
    times.push(ms / n);
    this.perImage.set(n, times);
    if (times.length < 1 + WARM_BATCHES) return;
    if (this.at > 0 && warmMean(times) * n > MAX_BATCH_MS) {
      // Too long to wait for: the best of the smaller sizes, already measured.
      this.perImage.delete(n);
      return this.settle(this.best());
    }
    const best = this.best();
    // Stop once a size is not clearly faster per image than the best so far, or after the largest.
    if (best !== this.trial || this.at + 1 >= this.sizes.length) return this.settle(best);
    // Nor is a size tried whose batches would outlast the limit by a quarter at this size's time per image: a batch
    // this long gains little from a larger one, and each trial is three batches of new shapes (shader compiles).
    const next = this.sizes[this.at + 1] as number;
    if (warmMean(times) * next > MAX_BATCH_MS * 1.25) return this.settle(best);
    this.at++;
  }

  /** The size with the lowest time per image (the mean of its warm batches). */
  private best(): number {
    let best = 1;
    let bestMs = Infinity;
    for (const [size, times] of this.perImage) {
      if (times.length < 1 + WARM_BATCHES) continue;
      const warm = warmMean(times);
      if (warm < bestMs * 0.95) {
        best = size;
        bestMs = warm;
      }
    }
    return best;
  }

  private settle(size: number): void {
    this.chosen = size;
    this.onChosen(size);
  }
}

/** The mean of a size's per-image times but its first (cold) batch. */
const warmMean = (times: readonly number[]): number => times.slice(1).reduce((a, b) => a + b, 0) / (times.length - 1);
