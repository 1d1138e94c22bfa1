/**
 * Finds the batch size with the best throughput for one model on one backend by timing the job's own batches: it
 * doubles the size from 1 while images per second improve, each size timed on its second batch (the first pays for
 * new shapes: WebGL shader compiles, wasm allocations), then keeps the best. Every timed batch is real work.
 */
export class BatchTuner {
  private trial = 1;
  private readonly perImage = new Map<number, number[]>();
  private chosen: number | null;

  constructor(
    private readonly max: number,
    known: number | null,
    /** called once with the size chosen by measurement, to cache it */
    private readonly onChosen: (size: number) => void = () => undefined,
  ) {
    this.chosen = known !== null && known >= 1 && known <= max ? known : max <= 1 ? 1 : null;
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
    if (times.length < 2) return;
    const best = this.best();
    const next = this.trial * 2;
    // Stop doubling once a size is not clearly faster per image than the best so far, or at the model's limit.
    if (best !== this.trial || next > this.max) return this.settle(best);
    this.trial = next;
  }

  /** The size with the lowest time per image (its second, warm batch). */
  private best(): number {
    let best = 1;
    let bestMs = Infinity;
    for (const [size, times] of this.perImage) {
      const warm = times[1];
      if (warm !== undefined && warm < bestMs * 0.95) {
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
