// One scene of a dataset run: every region, every method, through the app's own Engine (the same calls the app
// makes: one gradient pass for all gradient methods, recombination for their variants, jobs for RISE and Score-CAM,
// RISE's per-mask predictions re-weighted for every further region of the scene).
import type { ExplainedTarget, HeatMap, SufficiencyReading } from '../core/results';
import type { Engine } from '../engine/engine';
import type { MethodCall, PredictionResult } from '../engine/protocol';
import { methodMeta, REFERENCE_METHOD } from '../methods/registry';
import type { SegmentationModel } from '../model/types';
import { shareLink } from '../state/shareLink';
import type { MethodRun, RunSpec } from './methodSpec';
import { recordKey, type EvalRecord } from './records';
import { readoutsOf } from './readouts';
import { regionCode, type RegionItem } from './regions';
import type { Scene } from './scenes/scene';
import type { MetricValue } from './summary/values';

export interface SceneJob {
  engine: Engine;
  model: SegmentationModel;
  /** the model's name in records (a bundled id, or the user's file name) */
  modelName: string;
  /** the model as a link names it: a bundled id, or 'files' (a link cannot carry a user's files) */
  linkModel: string;
  scene: Scene;
  regions: (prediction: PredictionResult) => RegionItem[];
  spec: RunSpec;
  /** keys already written: skipped */
  done: ReadonlySet<string>;
  /** the base of the app's links */
  appUrl: string;
  signal: AbortSignal;
  write(record: EvalRecord): void;
}

interface Made {
  map: HeatMap;
  suff: SufficiencyReading | null;
  ms: number;
  kind: string;
  /** a job that may stop early (RISE): masks used of N and the stability reached */
  extent?: Record<string, MetricValue>;
}

const call = (r: MethodRun) => ({ id: r.id, settings: r.settings }) as MethodCall;
const isJob = (r: MethodRun) => methodMeta(r.id).needs !== 'gradients';

/** Explains every region of the scene with every method, writing one record per pair not yet done. */
export async function evaluateScene(job: SceneJob): Promise<number> {
  const { engine, scene, spec, signal } = job;
  const prediction = await engine.setImage(scene.pixels);
  const layer = spec.layer ?? job.model.defaultLayer;
  let written = 0;
  for (const item of job.regions(prediction)) {
    const key = (m: MethodRun) => recordKey(job.modelName, scene.id, item.key, m.label);
    const todo = spec.methods.filter((m) => !job.done.has(key(m)));
    if (!todo.length) continue;
    const request = { region: item.region, classIndex: item.classIndex, layer };
    const suff = async (m: MethodRun) =>
      engine.sufficiency({ method: m.id, threshold: spec.threshold, baseline: spec.baseline }, signal);
    const made = new Map<string, Made>();
    let skipped: string | null = null;
    let target: ExplainedTarget | null = null;
    try {
      // Jobs first (RISE is the reference the others are correlated with); each map's sufficiency right after it,
      // while the engine holds that map.
      const jobs = spec.methods
        .filter(isJob)
        .sort((a, b) => +(b.id === REFERENCE_METHOD) - +(a.id === REFERENCE_METHOD));
      for (const m of jobs) {
        const t0 = performance.now();
        const r = await engine.runJob(
          { ...request, method: call(m), baseline: spec.baseline },
          () => undefined,
          signal,
        );
        const ms = performance.now() - t0;
        target = r.target;
        const extent = r.extent && { used: r.extent.used, usedOf: r.extent.total, stability: r.extent.stability };
        made.set(m.label, { map: r.map, suff: await suff(m), ms, kind: r.reused ? 'job, re-weighted' : 'job', extent });
      }
      const grads = spec.methods.filter((m) => !isJob(m));
      const first = grads.filter((m, i) => grads.findIndex((g) => g.id === m.id) === i);
      if (first.length) {
        const t0 = performance.now();
        const r = await engine.explainGradients({ ...request, methods: first.map(call) }, signal);
        const ms = performance.now() - t0;
        target = r.target;
        for (const m of first)
          made.set(m.label, { map: r.maps[m.id] as HeatMap, suff: await suff(m), ms, kind: 'gradients' });
      }
      for (const m of grads.filter((g) => !first.includes(g))) {
        const t0 = performance.now();
        const r = await engine.recombine({ methods: [call(m)] }, signal);
        const ms = performance.now() - t0;
        made.set(m.label, { map: r.maps[m.id] as HeatMap, suff: await suff(m), ms, kind: 'recombine' });
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      skipped = (e as Error).message;
    }
    const ref = spec.methods.find((m) => m.id === REFERENCE_METHOD);
    const reference = ref ? (made.get(ref.label)?.map.data ?? null) : null;
    for (const m of todo) {
      const got = made.get(m.label);
      const readouts =
        got && target && got.suff
          ? readoutsOf(
              got.map,
              got.suff,
              {
                target,
                labels: prediction.labels,
                reference: m.id === REFERENCE_METHOD ? null : reference,
                itemBox: item.itemBox ? { mask: item.itemBox, size: [scene.pixels.height, scene.pixels.width] } : null,
              },
              spec.threshold,
            )
          : {};
      const view = { ...m.params, model: job.linkModel, region: item.region, classIndex: item.classIndex, image: null };
      const link = shareLink({ ...view, layer: spec.layer }, job.appUrl);
      if (got?.extent && Object.keys(readouts).length) Object.assign(readouts, got.extent);
      job.write({
        key: key(m),
        model: job.modelName,
        scene: scene.id,
        region: { key: item.key, kind: item.kind, code: regionCode(item.region), classIndex: item.classIndex },
        method: { label: m.label, id: m.id, settings: m.settings as Record<string, MetricValue> },
        link: link.url,
        linkMissing: link.missing,
        readouts,
        runtimeMs: Math.round((got?.ms ?? 0) * 10) / 10,
        runtimeKind: got?.kind ?? 'none',
        ...(skipped ? { skipped } : {}),
      });
      written++;
    }
  }
  return written;
}
