// summary.json: every numeric read-out's mean over scenes with its 95% bootstrap interval, per model, region kind
// and method; and each method against the first one listed, paired by region. Runtimes are left out (they differ
// between machines and runs; the records keep them), so that one run and its shards merged give the same summary.
import { METHOD_IDS, type MethodId } from '../../methods/registry';
import type { EvalRecord } from '../records';
import { bootstrapMean, perSceneMeans, RESAMPLES, LEVEL, type Interval } from './bootstrap';

export const SUMMARY_READOUTS = [
  'dice',
  'retained',
  'confidenceKept',
  'relevanceMass',
  'chance',
  'itemMass',
  'leakRegion',
  'leakClass',
  'relevanceRank',
  'pointingHit',
  'pearson',
  'spearman',
] as const;
export type SummaryReadout = (typeof SUMMARY_READOUTS)[number];

export interface Group {
  model: string;
  kind: string;
  method: string;
  records: number;
  skipped: number;
  readouts: Partial<Record<SummaryReadout, Interval>>;
}

export interface Comparison {
  model: string;
  kind: string;
  /** method − baseline, paired by region, averaged per scene */
  method: string;
  baseline: string;
  readout: SummaryReadout;
  difference: Interval;
}

export interface Summary {
  format: 'segexplain-summary';
  version: 1;
  interval: { level: number; resamples: number; over: 'scenes'; method: 'percentile bootstrap' };
  records: number;
  groups: Group[];
  comparisons: Comparison[];
}

const num = (r: EvalRecord, k: string): number | null => {
  const v = r.readouts[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Records grouped by a key, groups in key order (so the order of the records never matters). */
function groupBy<T>(items: readonly T[], key: (t: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One read-out of some records: per-scene means, then the mean over scenes and its interval. */
export function intervalOf(records: readonly EvalRecord[], readout: string, seed: string): Interval | null {
  const rows = records.flatMap((r) => {
    const v = num(r, readout);
    return v === null ? [] : [{ scene: r.scene, value: v }];
  });
  return rows.length ? bootstrapMean(perSceneMeans(rows), seed) : null;
}

/** method − baseline on one read-out, paired by (scene, region): per-scene mean differences, bootstrapped. */
export function pairedDifference(
  records: readonly EvalRecord[],
  method: string,
  baseline: string,
  readout: string,
  seed: string,
): Interval | null {
  const base = new Map(
    records.filter((r) => r.method.label === baseline).map((r) => [`${r.scene}|${r.region.key}`, num(r, readout)]),
  );
  const rows = records.flatMap((r) => {
    if (r.method.label !== method) return [];
    const [a, b] = [num(r, readout), base.get(`${r.scene}|${r.region.key}`) ?? null];
    return a === null || b === null ? [] : [{ scene: r.scene, value: a - b }];
  });
  return rows.length ? bootstrapMean(perSceneMeans(rows), seed) : null;
}

/** The methods' labels in the registry's display order (a variant after its method), whatever the record order. */
export function methodOrder(records: readonly EvalRecord[]): string[] {
  const ids = new Map(records.map((r) => [r.method.label, r.method.id]));
  const rank = (label: string) => METHOD_IDS.indexOf(ids.get(label) as MethodId);
  return [...ids.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function summarize(records: readonly EvalRecord[]): Summary {
  const groups: Group[] = [];
  const comparisons: Comparison[] = [];
  for (const [, recs] of groupBy(records, (r) => `${r.model}|${r.region.kind}`)) {
    const { model } = recs[0] as EvalRecord;
    const kind = (recs[0] as EvalRecord).region.kind;
    const methods = methodOrder(recs);
    for (const method of methods) {
      const mine = recs.filter((r) => r.method.label === method);
      const readouts: Group['readouts'] = {};
      for (const k of SUMMARY_READOUTS) {
        const iv = intervalOf(mine, k, `${model}|${kind}|${method}|${k}`);
        if (iv) readouts[k] = iv;
      }
      const skipped = mine.filter((r) => r.skipped).length;
      groups.push({ model, kind, method, records: mine.length, skipped, readouts });
    }
    const [baseline, ...others] = methods;
    for (const method of others)
      for (const readout of SUMMARY_READOUTS) {
        const d = pairedDifference(
          recs,
          method,
          baseline as string,
          readout,
          `${model}|${kind}|${method}-${baseline}|${readout}`,
        );
        if (d) comparisons.push({ model, kind, method, baseline: baseline as string, readout, difference: d });
      }
  }
  return {
    format: 'segexplain-summary',
    version: 1,
    interval: { level: LEVEL, resamples: RESAMPLES, over: 'scenes', method: 'percentile bootstrap' },
    records: records.length,
    groups,
    comparisons,
  };
}
