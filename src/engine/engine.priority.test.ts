import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { createToyModel, toyPixels, toyRiseJob } from '../../scripts/testing/toyModel';
import { labelsOf } from '../model/labels';
import { Engine } from './engine';
import { MAX_JOB_HOLD_MS, type GradientRequest } from './protocol';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = () => new AbortController().signal;

const rise = toyRiseJob({ count: 2000 });
const cams = (x: number): GradientRequest => ({
  region: { kind: 'point', x, y: 0.5 },
  classIndex: 1,
  layer: 'grey',
  methods: [{ id: 'gradcam', settings: {} }],
});

let engine: Engine;

beforeAll(async () => {
  await useCpuBackend();
  // Label passes wait on macrotasks as a WebGL read-back does; a single image (the sufficiency pass) waits long, so
  // that without priority many RISE batches (8 images, the size known from an earlier visit) would slip in meanwhile.
  const labels = async (x: tf.Tensor4D) => {
    await sleep(x.shape[0] === 1 ? 300 : 2);
    const s = model.forward(x);
    return labelsOf(s).finally(() => s.dispose());
  };
  const model = createToyModel({ labels });
  engine = new Engine({ get: async () => 8, set: async () => undefined });
  engine.setModel(model);
  await engine.setImage(toyPixels());
});

describe('Engine priority', () => {
  it("a click's CAMs wait for at most the job batch already running, even behind a sufficiency pass", async () => {
    await engine.explainGradients(cams(0.5), live());
    const job = new AbortController();
    let during: Promise<number> | null = null;
    const run = engine.runJob(
      rise,
      () => {
        if (during) return;
        // The lock is busy with a sufficiency pass (many macrotasks); the CAMs queue behind it, and RISE must not.
        void engine.sufficiency({ method: 'gradcam', threshold: 0.2, baseline: 'mean' }, live());
        const before = engine.counters.jobBatches ?? 0;
        during = engine.explainGradients(cams(0.55), live()).then(() => (engine.counters.jobBatches ?? 0) - before);
      },
      job.signal,
    );
    while (!during) await sleep(5);
    const batchesMeanwhile = await (during as Promise<number>);
    job.abort();
    await run.catch(() => undefined);
    expect(batchesMeanwhile).toBeLessThanOrEqual(1);
  });

  it('a hold (a slider moving on the UI thread) stops job batches for its time, then the job goes on', async () => {
    const job = new AbortController();
    let held: Promise<[number, number]> | null = null;
    const batches = () => engine.counters.jobBatches ?? 0;
    const run = engine.runJob(
      rise,
      () => {
        if (held) return;
        // The longest hold, looked at 250 ms in: a late timer on a busy machine still finds it holding.
        engine.holdJobs(MAX_JOB_HOLD_MS);
        const before = batches();
        held = sleep(250).then(async () => {
          const during = batches() - before;
          // Unheld, a batch takes ~2 ms here: the job is moving again well within a few seconds.
          for (let i = 0; i < 600 && batches() - before <= during + 2; i++) await sleep(10);
          return [during, batches() - before - during];
        });
      },
      job.signal,
    );
    while (!held) await sleep(5);
    const [during, after] = await (held as Promise<[number, number]>);
    job.abort();
    await run.catch(() => undefined);
    expect(during).toBeLessThanOrEqual(1); // the batch already past its checkpoint
    expect(after).toBeGreaterThan(2);
  });

  it('one hold lasts at most MAX_JOB_HOLD_MS, whatever it asks', async () => {
    engine.holdJobs(1e9);
    const started = performance.now();
    await engine.runJob(toyRiseJob({ count: 16 }), () => undefined, live());
    expect(performance.now() - started).toBeLessThan(MAX_JOB_HOLD_MS + 5000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(MAX_JOB_HOLD_MS - 50);
  });
});

describe('Engine batch size', () => {
  it('measures the batch size on the first RISE run, keeps it for the model and backend, and reuses it', async () => {
    const saved = new Map<string, number>();
    const store = { get: async (k: string) => saved.get(k), set: async (k: string, v: number) => void saved.set(k, v) };
    const first = new Engine(store);
    first.setModel(createToyModel());
    await first.setImage(toyPixels());
    expect(await first.batchSize()).toEqual({ size: 1, settled: false });
    await first.runJob(toyRiseJob({ seed: 1, count: 160 }), () => undefined, live());
    const measured = await first.batchSize();
    expect(measured.settled).toBe(true);
    expect([...saved.entries()]).toEqual([[`batch|v4|cpu|toy|1,2,4,8`, measured.size]]);
    // A later visit (a fresh engine) starts with the kept size.
    const later = new Engine(store);
    later.setModel(createToyModel());
    await later.setImage(toyPixels());
    expect(await later.batchSize()).toEqual({ size: measured.size, settled: true });
  });
});
