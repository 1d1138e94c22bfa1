import type { Pixels } from '../../src/core/modelInfo';
import type { Engine } from '../../src/engine/engine';
import { defaultMethodSettings } from '../../src/methods/registry';
import type { SegmentationModel } from '../../src/model/types';
import { pickRegions, timed, type BenchRow } from './measure';

/**
 * RISE as the app runs it (the engine's job, every one of `masks` masks), in ms per mask: the bench page compares the
 * engine alone with the engine and its helper worker (bench.worker.ts, part "rise").
 */
export async function riseThroughput(
  engine: Engine,
  model: SegmentationModel,
  pixels: Pixels,
  masks: number,
  log: (line: string) => void = () => undefined,
): Promise<BenchRow> {
  engine.setModel(model);
  const { labels, size } = await engine.setImage(pixels);
  const [region] = pickRegions(labels, size);
  const rise = (count: number, seed: number) =>
    engine.runJob(
      {
        region,
        classIndex: null,
        layer: model.defaultLayer,
        baseline: 'mean',
        method: { id: 'rise', settings: { ...defaultMethodSettings().rise, count, seed, stop: 'all' } },
      },
      () => undefined,
      new AbortController().signal,
    );
  // Settles the batch size first, as a returning visitor's cached one (with the helper it is timed on ~150 images).
  let seed = 11;
  do await rise(100, seed++);
  while (seed < 21 && !(await engine.batchSize()).settled);
  const { ms } = await timed(() => rise(masks, 1));
  const batch = (await engine.batchSize()).size;
  log(`${model.id.padEnd(8)} RISE ${(ms / masks).toFixed(2)} ms per mask (N = ${masks}, batch ${batch})`);
  return {
    model: model.id,
    what: 'RISE per mask',
    value: ms / masks,
    unit: 'ms',
    goal: '',
    ok: true,
    detail: `N = ${masks}, batch ${batch}`,
  };
}
