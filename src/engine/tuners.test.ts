import { describe, expect, it } from 'vitest';
import type { SegmentationModel } from '../model/types';
import { MIN_WARM_IMAGES_SHARED } from './batchTuner';
import { memoryStore, Tuners } from './tuners';

const model = { id: 'toy', maxBatch: 8 } as SegmentationModel;

describe('Tuners', () => {
  it('measures the size again with the helper worker; each arrangement’s size is kept under its own key', async () => {
    const store = memoryStore();
    const tuners = new Tuners(store, () => 'wasm');
    const alone = await tuners.of(model);
    // one worker alone: 8 is best (1, 2, 4, 8 each timed in turn, time per image falling)
    for (let i = 0; i < 60 && !alone.settled; i++) alone.record(alone.size, 100 + alone.size);
    expect(alone.settled && alone.size).toBe(8);
    const shared = await tuners.of(model, true);
    expect(shared).not.toBe(alone);
    expect(shared.settled).toBe(false);
    // with the helper: 1 is best (larger batches slow down per image)
    let batches = 0;
    for (; batches < 400 && !shared.settled; batches++) shared.record(shared.size, 10 * shared.size ** 2);
    expect(shared.settled && shared.size).toBe(1);
    // the job's throughput is timed on more images (MIN_WARM_IMAGES_SHARED): 1 + 48 single images, then size 2
    expect(batches).toBeGreaterThan(1 + MIN_WARM_IMAGES_SHARED);
    expect(await tuners.of(model)).toBe(alone);
    // a later visit starts from both sizes
    const later = new Tuners(store, () => 'wasm');
    expect((await later.of(model)).size).toBe(8);
    expect((await later.of(model, true)).size).toBe(1);
    expect((await new Tuners(store, () => 'webgl').of(model)).settled).toBe(false);
  });
});
