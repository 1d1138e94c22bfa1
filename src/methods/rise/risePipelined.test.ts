import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PredictHostLabels } from '../../explain/predictLabels';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { runRise, type RiseSettings } from './rise';
import { createMaskStream } from './riseMasks';

beforeAll(useCpuBackend);

const H = 16;
const W = 16;
const stable: RiseSettings = {
  count: 2000,
  batchSize: 7,
  gridSize: 4,
  keepProbability: 0.5,
  seed: 7,
  baseline: 'black',
  tolerance: 1,
};
const target = { region: new Uint8Array(H * W).fill(1), labels: new Uint8Array(H * W).fill(1), classIndex: 1 };

/** Labels of mask i: class 1 iff its top-left quadrant is mostly kept, flipped at random (seeded) one time in five. */
function maskLabels(): Uint8Array[] {
  const masks = createMaskStream(stable, H, W).next(2000);
  const quads = tf.tidy(() => tf.mean(tf.slice(masks, [0, 0, 0, 0], [-1, 4, 4, 1]), [1, 2, 3]).dataSync());
  masks.dispose();
  let noise = 1;
  return Array.from(quads, (v) => {
    noise = (noise * 48271) % 2147483647;
    return new Uint8Array(H * W).fill(v > 0.5 !== noise / 2147483647 < 0.2 ? 1 : 0);
  });
}

/**
 * A predict answering in call order (batches are made and sent in mask order) after a delay that varies from batch
 * to batch, so that with several batches out later ones come back first.
 */
function latePredict(all: Uint8Array[], log: { asked: number }): PredictHostLabels {
  let asked = 0;
  let call = 0;
  return async (batch) => {
    log.asked += batch.shape[0];
    const out = all.slice(asked, asked + batch.shape[0]);
    asked += batch.shape[0];
    await new Promise((r) => setTimeout(r, [3, 0, 2, 1][call++ % 4]));
    return out;
  };
}

describe('runRise with several batches out at once', () => {
  it('gives the same map, stop and kept labels as one batch at a time', async () => {
    const all = maskLabels();
    const runs = [];
    for (const inFlight of [1, 4]) {
      const kept: Uint8Array[] = [];
      const done: number[] = [];
      const x = tf.ones([1, H, W, 1]) as tf.Tensor4D;
      const before = tf.memory().numTensors;
      const log = { asked: 0 };
      const run = await runRise(
        x,
        latePredict(all, log),
        target,
        { ...stable, inFlight },
        {
          keepLabels: (l) => kept.push(...l),
          onProgress: (p) => done.push(p.done),
        },
      );
      expect(run.used).toBeLessThan(2000);
      expect(run.forward).toBe(run.used);
      // batches are made only up to where the run was projected to stop: this run's projection was right, so no pass
      // is wasted (without the projection, inFlight − 1 batches past the stop)
      expect(log.asked).toBe(run.used);
      // batches out past the stop are dropped: nothing of them is kept or counted
      expect(kept).toEqual(all.slice(0, run.used));
      expect(done.at(-1)).toBe(run.used);
      expect(done.every((d, i) => i === 0 || d > (done[i - 1] as number))).toBe(true);
      runs.push({ used: run.used, stability: run.stability, map: Array.from(run.map.dataSync()) });
      run.map.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    }
    expect(runs[1]).toEqual(runs[0]);
  });
});
