import type { SegmentationModel } from '../model/types';
import { BatchTuner, MIN_WARM_IMAGES, MIN_WARM_IMAGES_SHARED, powersOfTwo } from './batchTuner';

/** Where measured batch sizes are kept between page loads (the worker passes IndexedDB; tests a Map). */
export interface BatchSizeStore {
  get(key: string): Promise<number | undefined>;
  set(key: string, size: number): Promise<void>;
}

export const memoryStore = (): BatchSizeStore => {
  const sizes = new Map<string, number>();
  return { get: async (k) => sizes.get(k), set: async (k, v) => void sizes.set(k, v) };
};

/** The batch size of job passes, per model and backend: measured on the first RISE run, then kept. */
export class Tuners {
  private readonly tuners = new Map<string, BatchTuner>();

  constructor(
    private readonly store: BatchSizeStore,
    private readonly backendName: () => string,
  ) {}

  /**
   * The tuner of this model on this backend, seeded with a size measured before (even in an earlier visit). With the
   * helper worker (`shared`) both cores run passes at once: the best size is measured again under that load.
   */
  async of(model: SegmentationModel, shared = false): Promise<BatchTuner> {
    const sizes = model.batchSizes ?? powersOfTwo(model.maxBatch);
    // v2: sizes chosen under MAX_BATCH_MS (a size cached before may block for seconds); v3: small sizes timed again;
    // v4: with the helper, the job's throughput timed.
    const key = `batch|v4|${this.backendName()}|${model.id}|${sizes.join(',')}${shared ? '|with helper' : ''}`;
    let tuner = this.tuners.get(key);
    if (!tuner) {
      const known = await this.store.get(key).catch(() => undefined);
      tuner =
        this.tuners.get(key) ??
        new BatchTuner(
          sizes,
          known ?? null,
          (size) => void this.store.set(key, size).catch(() => undefined),
          shared ? MIN_WARM_IMAGES_SHARED : MIN_WARM_IMAGES,
        );
      this.tuners.set(key, tuner);
    }
    return tuner;
  }
}
