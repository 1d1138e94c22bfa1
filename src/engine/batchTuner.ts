/** The sizes worth trying for a model that takes up to max images: 1, 2, 4, … */
export const powersOfTwo = (max: number): number[] =>
  Array.from({ length: Math.floor(Math.log2(Math.max(1, max))) + 1 }, (_, i) => 2 ** i);

/** Warm batches timed per size, their mean compared: one alone misjudged sizes when both cores were busy. */
const WARM_BATCHES = 2;

/**
 * Nor fewer warm images than this per size: two single-image passes misjudged size 1 (the selfie's RISE on wasm ran
 * 11.5 ms a mask at batch 1 and 14.6–18.5 at the 8 that two of them chose).
 */
export const MIN_WARM_IMAGES = 8;

/**
 * With the helper, the job's throughput is timed (jobPacing.ts), batch by batch as the two workers' answers come:
 * 0.1–50 ms apart for the selfie's single images, so eight of them misjudged size 1 (11.2 ms a mask, against 7.1
 * over a whole run), and the larger size won on two batches.
 */
export const MIN_WARM_IMAGES_SHARED = 48;

/** Batches timed per size: a cold one, then warm ones. */
const timedBatchesOf =
  (minWarm: number) =>
  (n: number): number =>
    1 + Math.max(WARM_BATCHES, Math.ceil(minWarm / n));

/**
 * The longest batch kept, in ms (but for the smallest size): a batch in flight cannot be interrupted, so a cancel, a
 * newer request or a slider's hold waits for it. On a software WebGL renderer a selfie batch of 8 took 1.5 s.
 */
export const MAX_BATCH_MS = 250;

/** A larger size is kept only when its time per image is below this share of the best smaller size's. */
const GAIN = 0.95;

/**
 * Finds the batch size with the best throughput for one model on one backend by timing the job's own batches: it
 * tries the candidate sizes in increasing order while images per second improve, each size timed on a cold batch
 * (new shapes: WebGL shader compiles, wasm allocations) and then warm ones; before keeping a larger size it times the
 * best smaller one again, in the same conditions. Every timed batch is real work.
 */
export class BatchTuner {
  private readonly sizes: number[];
  private at = 0;
  private readonly perImage = new Map<number, number[]>();
  private chosen: number | null;
  private readonly timedBatches: (n: number) => number;

  constructor(
    /** candidate sizes, e.g. powersOfTwo(maxBatch), or a fixed-batch graph's 1 and its batch */
    sizes: readonly number[],
    known: number | null,
    /** called once with the size chosen by measurement, to cache it */
    private readonly onChosen: (size: number) => void = () => undefined,
    /** warm images timed per size at least (MIN_WARM_IMAGES; MIN_WARM_IMAGES_SHARED for the job's throughput) */
    minWarmImages = MIN_WARM_IMAGES,
  ) {
    this.timedBatches = timedBatchesOf(minWarmImages);
    this.sizes = [...new Set(sizes)].filter((n) => n >= 1).sort((a, b) => a - b);
    if (this.sizes.length === 0) this.sizes = [1];
    this.chosen =
      known !== null && this.sizes.includes(known) ? known : this.sizes.length === 1 ? (this.sizes[0] as number) : null;
  }

  /**
   * A smaller size timed again after a larger one won: sizes are tried in increasing order, so the smaller ones ran
   * at the job's start, beside its set-up (the helper loading its model), and looked slower than they are.
   */
  private recheck: { size: number; against: number; times: number[] } | null = null;

  private get trial(): number {
    return this.recheck?.size ?? (this.sizes[this.at] as number);
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
    if (this.recheck) return this.recordRecheck(n, ms);
    const times = this.perImage.get(n) ?? [];
    times.push(ms / n);
    this.perImage.set(n, times);
    if (times.length < this.timedBatches(n)) return;
    if (this.at > 0 && warmMean(times) * n > MAX_BATCH_MS) {
      // Too long to wait for: the best of the smaller sizes, already measured.
      this.perImage.delete(n);
      return this.conclude(this.best());
    }
    const best = this.best();
    // Stop once a size is not clearly faster per image than the best so far, or after the largest.
    if (best !== this.trial || this.at + 1 >= this.sizes.length) return this.conclude(best);
    // Nor is a size tried whose batches would outlast the limit by a quarter at this size's time per image: a batch
    // this long gains little from a larger one, and each trial is three batches of new shapes (shader compiles).
    const next = this.sizes[this.at + 1] as number;
    if (warmMean(times) * next > MAX_BATCH_MS * 1.25) return this.conclude(best);
    this.at++;
  }

  /** Settles on `best`, unless a smaller size was timed: that one is timed again first (already warm). */
  private conclude(best: number): void {
    const smaller = this.best((size) => size < best);
    if (smaller === null) return this.settle(best);
    this.recheck = { size: smaller, against: best, times: [] };
  }

  /** The smaller size's new times against the larger size's: the larger is kept only if still clearly faster. */
  private recordRecheck(n: number, ms: number): void {
    const r = this.recheck as NonNullable<typeof this.recheck>;
    r.times.push(ms / n);
    if (r.times.length < this.timedBatches(n) - 1) return;
    const again = r.times.reduce((a, b) => a + b, 0) / r.times.length;
    const larger = warmMean(this.perImage.get(r.against) as number[]);
    this.recheck = null;
    this.settle(larger < again * GAIN ? r.against : n);
  }

  /** The size with the lowest time per image (the mean of its warm batches), among those `among` admits. */
  private best(): number;
  private best(among: (size: number) => boolean): number | null;
  private best(among?: (size: number) => boolean): number | null {
    let best: number | null = among ? null : 1;
    let bestMs = Infinity;
    for (const [size, times] of this.perImage) {
      if (times.length < this.timedBatches(size) || (among && !among(size))) continue;
      const warm = warmMean(times);
      if (warm < bestMs * GAIN) {
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
