/**
 * Lets urgent requests (a click's CAMs, a slider's recombination) jump ahead of job batches (RISE, Score-CAM):
 * while any urgent request is in flight, jobs wait at their next batch boundary, so a click waits for at most the
 * one batch already running.
 */
export class PriorityGate {
  private urgent = 0;
  private waiters: (() => void)[] = [];

  /** Runs an urgent request; jobs hold their next batch until every urgent request has finished. */
  async urgently<T>(run: () => Promise<T>): Promise<T> {
    this.urgent++;
    try {
      return await run();
    } finally {
      this.urgent--;
      if (this.urgent === 0) this.release();
    }
  }

  /** Resolves at once when nothing urgent is running, else when the last urgent request finishes. */
  clear(): Promise<void> {
    if (this.urgent === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get busy(): boolean {
    return this.urgent > 0;
  }

  private release(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((resolve) => resolve());
  }
}
