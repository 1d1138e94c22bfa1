// The paper's three claims (Hasany et al. 2023), each measured as a paired difference over the same regions, with a
// 95% bootstrap interval over scenes and a verdict in words.
import type { Interval } from '../summary/bootstrap';
import type { EvalRecord } from '../records';
import { pairedDifference, intervalOf } from '../summary/summarize';

export interface Claim {
  id: 'a' | 'b' | 'c';
  statement: string;
  /** what is compared: method − baseline on a read-out */
  method: string;
  baseline: string;
  readout: string;
  readoutWords: string;
}

export const CLAIMS: readonly Claim[] = [
  {
    id: 'a',
    statement: 'Seg-XRes-CAM concentrates more of its mass on the object than Seg-Grad-CAM.',
    method: 'xres',
    baseline: 'gradcam',
    readout: 'itemMass',
    readoutWords: "share of the map's mass in the item's ground-truth box",
  },
  {
    id: 'b',
    statement: 'Seg-XRes-CAM agrees more with RISE (a black-box reference) than Seg-Grad-CAM.',
    method: 'xres',
    baseline: 'gradcam',
    readout: 'spearman',
    readoutWords: 'Spearman ρ with the RISE map',
  },
  {
    id: 'c',
    statement: 'Max pooling keeps more of the image than mean pooling (Seg-XRes-CAM, sufficiency at t).',
    method: 'xres',
    baseline: 'xres[pool=mean]',
    readout: 'retained',
    readoutWords: 'share of the image kept at the threshold',
  },
];

/** A claim's comparison cannot say which way it goes unless the interval excludes 0. */
export type Verdict = 'holds' | 'fails' | 'not shown';

export interface ClaimRow {
  model: string;
  kind: string;
  method: Interval | null;
  baseline: Interval | null;
  difference: Interval | null;
  verdict: Verdict;
}

export const verdictOf = (d: Interval | null): Verdict =>
  !d || !(d.scenes > 1) ? 'not shown' : d.lo > 0 ? 'holds' : d.hi < 0 ? 'fails' : 'not shown';

/** One row per model and region kind, in the records' order of models and the kinds point, box, item. */
export function claimRows(records: readonly EvalRecord[], claim: Claim, extraReadout?: string): ClaimRow[] {
  const readout = extraReadout ?? claim.readout;
  const models = [...new Set(records.map((r) => r.model))];
  const kinds = ['point', 'box', 'item'].filter((k) => records.some((r) => r.region.kind === k));
  return models.flatMap((model) =>
    kinds.map((kind) => {
      const recs = records.filter((r) => r.model === model && r.region.kind === kind);
      const seed = `claim-${claim.id}|${model}|${kind}|${readout}`;
      const of = (label: string) =>
        intervalOf(
          recs.filter((r) => r.method.label === label),
          readout,
          `${seed}|${label}`,
        );
      const difference = pairedDifference(recs, claim.method, claim.baseline, readout, seed);
      return {
        model,
        kind,
        method: of(claim.method),
        baseline: of(claim.baseline),
        difference,
        verdict: verdictOf(difference),
      };
    }),
  );
}
