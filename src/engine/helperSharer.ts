/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { Lent, PassSharer } from './passSharing';
import type { ModelSource } from './protocol';

/** What the helper worker answers (helper.worker.ts). */
export interface HelperApi {
  /** the wasm backend with this many threads */
  start(threads: number): Promise<void>;
  /** the engine's model, from the same source */
  load(source: ModelSource): Promise<void>;
  /** the labels, and the images' buffer handed back to be filled again */
  labels(data: Float32Array, shape: [number, number, number, number]): Promise<Lent>;
}

/** Buffers kept for the next batches: as many as may be out at once, and one more. */
const SPARE_BUFFERS = 3;

/**
 * The engine worker's side of its helper: starts it, gives it each model the engine loads, and shares batches with
 * it once it holds the current one. A helper that fails to start or dies is dropped: the engine runs alone again.
 */
export class HelperSharer implements PassSharer {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<HelperApi>;
  private readonly started: Promise<void>;
  /** the load the helper finished last, and the one the engine asked for last: ready when they are the same */
  private loaded = -1;
  private wanted = -1;
  private failed = false;
  /** rejects when the helper fails, so that a batch waiting on it runs here instead of waiting forever */
  private readonly death: Promise<never>;
  private die: (reason: unknown) => void = () => undefined;
  /** images the helper has run */
  sent = 0;
  private outstanding = 0;
  /** buffers the helper handed back: a batch is copied into one, not into a new allocation (slow at 256² × 8) */
  private readonly spare: ArrayBuffer[] = [];

  constructor(threads: number) {
    this.death = new Promise<never>((_, reject) => (this.die = reject));
    this.death.catch(() => undefined);
    this.worker = new Worker(new URL('./helper.worker.ts', import.meta.url), { type: 'module', name: 'helper' });
    this.worker.addEventListener('error', (e) => this.broken(e.message));
    this.remote = Comlink.wrap<HelperApi>(this.worker);
    this.started = this.remote.start(threads);
    this.started.catch((e: unknown) => this.broken(e));
  }

  /** Gives the helper the engine's new model; batches stay here until it has loaded it. */
  load(source: ModelSource): void {
    const load = ++this.wanted;
    void this.started
      .then(() => this.remote.load(source))
      .then(
        () => {
          if (load === this.wanted) this.loaded = load;
        },
        (e: unknown) => this.broken(e),
      );
  }

  /** true once the helper failed: it will never be ready again */
  get stopped(): boolean {
    return this.failed;
  }

  ready(): boolean {
    return !this.failed && this.wanted >= 0 && this.loaded === this.wanted;
  }

  labels(data: Float32Array, shape: [number, number, number, number]): Promise<Uint8Array[]> {
    const found = this.spare.findIndex((b) => b.byteLength >= data.byteLength);
    const buffer = found >= 0 ? (this.spare.splice(found, 1)[0] as ArrayBuffer) : new ArrayBuffer(data.byteLength);
    const copy = new Float32Array(buffer, 0, data.length);
    copy.set(data);
    return this.lend(copy, shape).then((r) => {
      if (this.spare.length < SPARE_BUFFERS) this.spare.push(r.data.buffer as ArrayBuffer);
      return r.labels;
    });
  }

  lend(data: Float32Array, shape: [number, number, number, number]): Promise<Lent> {
    this.sent += shape[0];
    this.outstanding++;
    // Transferred, not copied, and handed back with the answer (a view of the same offset and length).
    const answer = this.remote.labels(Comlink.transfer(data, [data.buffer as ArrayBuffer]), shape);
    return Promise.race([answer, this.death]).finally(() => this.outstanding--);
  }

  queued(): number {
    return this.outstanding;
  }

  broken(reason: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.die(reason);
    console.warn('segexplain: the helper worker stopped; batches run in the engine worker only', reason);
    this.worker.terminate();
  }
}
