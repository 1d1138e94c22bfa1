import type { MethodCurves } from '../../core/faithfulness';
import type { MethodId } from '../../methods/registry';
import type { FaithfulnessState } from '../../state/faithfulnessSlice';
import type { Metric, MetricValue, ReportCurve } from '../export/report';
import { notBetterThanRandom } from './controlStyle';

/** A map's deletion, insertion and (if measured) sufficiency curves, each key suffixed (a control's name). */
function reportCurvesOf(c: MethodCurves, suffix = ''): Record<string, ReportCurve> {
  const y = 'mean class probability in region';
  return {
    [`deletion${suffix}`]: {
      x: 'fraction of pixels removed',
      y,
      points: c.deletion.points.map((p) => [p.fraction, p.score]),
    },
    [`insertion${suffix}`]: {
      x: 'fraction of pixels inserted',
      y,
      points: c.insertion.points.map((p) => [p.fraction, p.score]),
    },
    ...(c.sufficiency.length
      ? {
          [`sufficiency${suffix}`]: {
            x: 'share of the image kept',
            y: 'Dice in region',
            points: c.sufficiency.map((p) => [p.retained, p.dice] as [number, number]),
          },
        }
      : {}),
  };
}

/**
 * The controls beside one method (docs/METHOD.md, "Controls"): their AUCs and whether the method beats the random
 * map, as one metric group, and their curves (the shared random and edge maps repeated under every method, so each
 * method's rows stand alone in curves.csv).
 */
function controlsOf(f: FaithfulnessState, id: MethodId, c: MethodCurves) {
  const metrics: Record<string, MetricValue> = {};
  let curves: Record<string, ReportCurve> = {};
  const named: [string, MethodCurves | undefined][] = [
    ['random', f.controls.random],
    ['edge', f.controls.edge],
    ['blurred', f.controls.blurred[id]],
  ];
  for (const [name, k] of named) {
    if (!k) continue;
    metrics[`${name}DeletionAuc`] = k.deletion.auc;
    metrics[`${name}InsertionAuc`] = k.insertion.auc;
    curves = { ...curves, ...reportCurvesOf(k, ` (${name} control)`) };
  }
  if (f.controls.random) {
    const weak = notBetterThanRandom(c, f.controls.random);
    metrics.deletionBeatsRandom = !weak.deletion;
    metrics.insertionBeatsRandom = !weak.insertion;
  }
  return { metrics, curves };
}

/**
 * The Faithfulness view's curves for the report zip (metrics.json/.csv and curves.csv): the AUCs as metrics and every
 * curve as points, with the controls' beside each method. Only curves of the maps on screen exist in the store (any
 * map change clears them), so whatever is there belongs to the maps the report holds.
 */
export function faithfulnessExtra(
  f: FaithfulnessState,
): Partial<Record<MethodId, { metrics: Record<string, Metric>; curves: Record<string, ReportCurve> }>> {
  const out: Partial<Record<MethodId, { metrics: Record<string, Metric>; curves: Record<string, ReportCurve> }>> = {};
  for (const [id, c] of Object.entries(f.curves) as [MethodId, MethodCurves][]) {
    const controls = controlsOf(f, id, c);
    out[id] = {
      metrics: {
        faithfulness: {
          deletionAuc: c.deletion.auc,
          insertionAuc: c.insertion.auc,
          steps: c.deletion.points.length - 1,
        },
        ...(Object.keys(controls.metrics).length ? { controls: controls.metrics } : {}),
      },
      curves: { ...reportCurvesOf(c), ...controls.curves },
    };
  }
  return out;
}
