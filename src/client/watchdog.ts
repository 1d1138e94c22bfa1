/** How long a silent worker is given, by what it is doing (ms). */
export interface WatchdogTimes {
  /** idle, or between job batches: a ping is answered at once and a job beats between batches */
  timeout: number;
  /** a job's batches may be long on a slow backend: it is given this many times its longest batch so far */
  batchFactor: number;
  /**
   * a call in one long synchronous op of unknown length (a model's first forward pass, a backward pass, a job's first
   * batch): a hang there is noticed after this; a crash is noticed at once by the death notice (deathNotice.ts)
   */
  longOp: number;
  /** how often the worker is pinged */
  interval: number;
}

// A dead worker is noticed within timeout + two intervals: 4.5 s.
export const WATCHDOG_TIMES: WatchdogTimes = { timeout: 3500, batchFactor: 3, longOp: 45_000, interval: 500 };

/** What kind of call the worker is running: a batched job (it beats between batches) or a single op. */
export type CallKind = 'job' | 'op';

/**
 * Tells a worker that is busy from one that is dead or hung. Every message from the worker is a sign of life: a ping's
 * answer, a result, a progress paint, a job's heartbeat between batches (which says how long its batch took). Idle,
 * the worker answers a ping at once, so silence beyond `timeout` means it is gone; while a job runs, its heartbeats
 * are expected within `timeout` (or a few times its longest batch); only while a single long op runs is it given
 * `longOp`.
 */
export class Watchdog {
  private lastLife: number;
  /** when the ping still unanswered was sent; null when none is out */
  private pingSentAt: number | null = null;
  private readonly running: Record<CallKind, number> = { job: 0, op: 0 };
  /** the longest batch a job has reported since jobs started running (ms); null before the first report */
  private longestBatch: number | null = null;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly onSilent: (silentMs: number) => void,
    private readonly times: WatchdogTimes = WATCHDOG_TIMES,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastLife = now();
    this.timer = setInterval(() => this.tick(), times.interval);
  }

  /**
   * A message came from the worker; batchMs when it is a job's heartbeat; longer when the job's next batch may be far
   * longer than its batches so far: until the next heartbeat it is given a long op's time.
   */
  alive(batchMs: number | null = null, longer = false): void {
    this.lastLife = this.now();
    if (batchMs !== null && this.running.job > 0) this.longestBatch = Math.max(this.longestBatch ?? 0, batchMs);
    if (longer && this.running.job > 0) this.longestBatch = null;
  }

  /** A call started; the returned function ends it. */
  busy(kind: CallKind): () => void {
    this.running[kind]++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running[kind]--;
      if (this.running.job === 0) this.longestBatch = null;
    };
  }

  /** The silence allowed now. */
  allowed(): number {
    const { timeout, batchFactor, longOp } = this.times;
    if (this.running.op > 0) return longOp;
    if (this.running.job > 0)
      return this.longestBatch === null ? longOp : Math.max(timeout, batchFactor * this.longestBatch);
    return timeout;
  }

  private tick(): void {
    if (this.pingSentAt === null) {
      // Nothing is judged before a ping is out: a page whose timers were throttled (a hidden tab) asks first.
      this.pingSentAt = this.now();
      this.ping().then(
        () => {
          this.pingSentAt = null;
          this.alive();
        },
        () => undefined, // a failed ping is the worker's error event's business
      );
      return;
    }
    const silent = this.now() - Math.max(this.lastLife, this.pingSentAt);
    if (silent > this.allowed()) {
      this.stop();
      this.onSilent(silent);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
