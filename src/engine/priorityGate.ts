/**
 * Lets urgent requests (a click's CAMs, a slider's recombination) jump ahead of job batches (RISE, Score-CAM):
 * while any urgent request is in flight, jobs wait at their next batch boundary, so a click waits for at most the
 * one batch already running. A hold does the same for a while: the user is moving a slider on the UI thread, whose
 * frames then share the cores with one worker less.
 */
export class PriorityGate {
  private urgent = 0;
  private waiters: (() => void)[] = [];
  /** jobs wait until this time (`now()`), unless it has passed */
  private heldUntil = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs an urgent request; jobs hold their next batch until every urgent request has finished. */
  async urgently<T>(run: () => Promise<T>): Promise<T> {
    this.urgent++;
    try {
      return await run();
    } finally {
      this.urgent--;
      this.release();
    }
  }

  /** Jobs hold their next batches for `ms` from now (a later hold extends it, an earlier end never shortens it). */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.now() + ms);
  }

  /** Resolves at once when nothing urgent is running and no hold is on, else when both have ended. */
  clear(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    const cleared = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.release();
    return cleared;
  }

  get busy(): boolean {
    return this.urgent > 0 || this.now() < this.heldUntil;
  }

  /** Lets the waiting jobs go once nothing is urgent and the hold is over; checks again when the hold ends. */
  private release(): void {
    if (this.urgent > 0 || this.waiters.length === 0) return;
    const holdLeft = this.heldUntil - this.now();
    if (holdLeft > 0) {
      if (this.timer === null)
        this.timer = setTimeout(() => {
          this.timer = null;
          this.release();
        }, holdLeft);
      return;
    }
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((resolve) => resolve());
  }
}
