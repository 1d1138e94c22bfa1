import { describe, expect, it } from 'vitest';
import type { SegmentationModel } from '../model/types';
import { memoryStore, Tuners } from './tuners';

const model = { id: 'toy', maxBatch: 8 } as SegmentationModel;

describe('Tuners', () => {
  it('measures the size again with the helper worker; each arrangement’s size is kept under its own key', async () => {
    const store = memoryStore();
    const tuners = new Tuners(store, () => 'wasm');
    const alone = await tuners.of(model);
    // one worker alone: 8 is best (1, 2, 4, 8 each timed three times, time per image falling)
    for (const n of [1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8]) alone.record(n, 100 + n);
    expect(alone.settled && alone.size).toBe(8);
    const shared = await tuners.of(model, true);
    expect(shared).not.toBe(alone);
    expect(shared.settled).toBe(false);
    // with the helper: 1 is best (larger batches slow down per image)
    for (const n of [1, 1, 1, 2, 2, 2]) shared.record(n, 10 * n * n);
    expect(shared.settled && shared.size).toBe(1);
    expect(await tuners.of(model)).toBe(alone);
    // a later visit starts from both sizes
    const later = new Tuners(store, () => 'wasm');
    expect((await later.of(model)).size).toBe(8);
    expect((await later.of(model, true)).size).toBe(1);
    expect((await new Tuners(store, () => 'webgl').of(model)).settled).toBe(false);
  });
});
