/**
 * One AbortController per lane of work (the gradients, each job, each sufficiency read-out): starting work in a lane
 * aborts what ran there, so a newer request supersedes an older one and the older result is never painted.
 */
export class Lanes {
  private readonly running = new Map<string, AbortController>();
  private readonly started = new Map<string, number>();

  start(lane: string): AbortSignal {
    this.running.get(lane)?.abort();
    const ctrl = new AbortController();
    this.running.set(lane, ctrl);
    this.started.set(lane, performance.now());
    return ctrl.signal;
  }

  /** Milliseconds since the lane's latest work started (a map's time to compute). */
  elapsed(lane: string): number {
    return performance.now() - (this.started.get(lane) ?? performance.now());
  }

  /** Marks a lane's work as finished (if that work is still the lane's latest). */
  finish(lane: string, signal: AbortSignal): void {
    if (this.running.get(lane)?.signal === signal) this.running.delete(lane);
  }

  isRunning(lane: string): boolean {
    return this.running.has(lane);
  }

  abort(lane: string): boolean {
    const ctrl = this.running.get(lane);
    ctrl?.abort();
    this.running.delete(lane);
    return ctrl !== undefined;
  }

  abortAll(filter: (lane: string) => boolean = () => true): void {
    for (const lane of [...this.running.keys()]) if (filter(lane)) this.abort(lane);
  }
}
