import type { MethodId } from '../../methods/registry';
import type { FaithfulnessState } from '../../state/faithfulnessSlice';
import type { Metric, ReportCurve } from '../export/report';

/**
 * The Faithfulness view's curves for the report zip (metrics.json/.csv and curves.csv): the AUCs as metrics and every
 * curve as points. Only curves of the maps on screen exist in the store (any map change clears them), so whatever
 * is there belongs to the maps the report holds.
 */
export function faithfulnessExtra(
  f: FaithfulnessState,
): Partial<Record<MethodId, { metrics: Record<string, Metric>; curves: Record<string, ReportCurve> }>> {
  const out: Partial<Record<MethodId, { metrics: Record<string, Metric>; curves: Record<string, ReportCurve> }>> = {};
  for (const [id, c] of Object.entries(f.curves) as [MethodId, NonNullable<FaithfulnessState['curves'][MethodId]>][]) {
    out[id] = {
      metrics: {
        faithfulness: {
          deletionAuc: c.deletion.auc,
          insertionAuc: c.insertion.auc,
          steps: c.deletion.points.length - 1,
        },
      },
      curves: {
        deletion: {
          x: 'fraction of pixels removed',
          y: 'mean class probability in region',
          points: c.deletion.points.map((p) => [p.fraction, p.score]),
        },
        insertion: {
          x: 'fraction of pixels inserted',
          y: 'mean class probability in region',
          points: c.insertion.points.map((p) => [p.fraction, p.score]),
        },
        ...(c.sufficiency.length
          ? {
              sufficiency: {
                x: 'share of the image kept',
                y: 'Dice in region',
                points: c.sufficiency.map((p) => [p.retained, p.dice] as [number, number]),
              },
            }
          : {}),
      },
    };
  }
  return out;
}
