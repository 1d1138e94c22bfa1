/**
 * Pings the worker now and then; when a ping stays unanswered for longer than the timeout, the worker is taken for
 * hung (or dead: a terminated worker answers nothing and raises no event). A long synchronous op delays the answer,
 * so the timeout must exceed the longest one.
 */
export class Watchdog {
  private waitingSince: number | null = null;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly timeout: number,
    private readonly onSilent: (silentMs: number) => void,
    interval = Math.min(2000, timeout / 4),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.timer = setInterval(() => this.tick(), interval);
  }

  private tick(): void {
    if (this.waitingSince !== null) {
      const silent = this.now() - this.waitingSince;
      if (silent > this.timeout) {
        this.stop();
        this.onSilent(silent);
      }
      return;
    }
    this.waitingSince = this.now();
    this.ping().then(
      () => (this.waitingSince = null),
      () => undefined, // a failed ping is the worker's error event's business
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
