import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { createToyModel, toyPixels, toyRiseJob } from '../../scripts/testing/toyModel';
import { Engine } from './engine';

const rise = toyRiseJob();

beforeAll(useCpuBackend);

describe('the heartbeat between job batches', () => {
  it('beats at every checkpoint: no batch time before the first batch, then how long each batch took', async () => {
    const beats: (number | null)[] = [];
    const engine = new Engine({ get: async () => 8, set: async () => undefined }, undefined, (ms) => beats.push(ms));
    engine.setModel(createToyModel());
    await engine.setImage(toyPixels());
    expect(beats).toEqual([]); // only jobs beat
    await engine.runJob(rise, () => undefined, new AbortController().signal);
    expect(engine.counters.jobBatches).toBe(beats.length);
    expect(beats.length).toBeGreaterThanOrEqual(64 / 8);
    expect(beats[0]).toBeNull();
    for (const ms of beats.slice(1)) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
