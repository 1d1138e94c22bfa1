// The read-outs of one map, as the app's panel shows them (README, "Judging a map"), with n/a as null and its reason.
import { sufficiencyNotApplicable } from '../core/readouts';
import type { ExplainedTarget, HeatMap, SufficiencyReading } from '../core/results';
import { mapMetrics } from '../explain/metrics/mapMetrics';
import { relevanceMass } from '../explain/metrics/relevanceMass';
import { resizeMaskNearest } from '../explain/metrics/region';
import type { MetricValue } from './summary/values';

export interface MapContext {
  target: ExplainedTarget;
  /** the prediction on the output grid, for leakage out of the class */
  labels: Uint8Array;
  /** the RISE map the others are correlated with (null for RISE itself or without RISE) */
  reference: Float32Array | null;
  /** the ground-truth item's box on the image grid [h, w] (null without a label mask) */
  itemBox: { mask: Uint8Array; size: [number, number] } | null;
}

/** Every read-out of a map: the panel's metrics, its sufficiency, and the mass in the ground-truth item's box. */
export function readoutsOf(map: HeatMap, suff: SufficiencyReading, ctx: MapContext, threshold: number) {
  const { target } = ctx;
  const classMask = ctx.labels.map((l) => (l === target.classIndex ? 1 : 0));
  const m = mapMetrics(map, target.mask, target.maskSize, ctx.reference, classMask);
  const na = sufficiencyNotApplicable(suff, map.positive === false);
  const out: Record<string, MetricValue> = {
    dice: na.dice ? null : suff.dice,
    retained: suff.retained,
    confidenceKept: na.confidence ? null : suff.confidenceKept,
    threshold,
    relevanceMass: m.relevanceMass,
    chance: m.chance,
    leakRegion: m.leakRegion,
    leakClass: m.leakClass,
    relevanceRank: m.relevanceRank,
    pointingHit: m.pointingHit ? 1 : 0,
    pearson: finite(m.pearson),
    spearman: finite(m.spearman),
    positive: map.positive,
    regionPixels: target.regionPixels,
    classIndex: target.classIndex,
  };
  if (na.dice) out.diceNotApplicable = na.dice.reason;
  if (na.confidence) out.confidenceKeptNotApplicable = na.confidence.reason;
  if (ctx.itemBox) {
    const box = resizeMaskNearest(ctx.itemBox.mask, ctx.itemBox.size, map.size);
    out.itemMass = relevanceMass(map.data, box, map.size).mass;
  }
  return out;
}

/** NaN (a constant map's correlation) is written as null: JSON has no NaN. */
const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);
