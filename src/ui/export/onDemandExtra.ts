import type { Emprt } from '../../core/results';
import type { MethodId } from '../../methods/registry';
import type { RobustnessView } from '../../app/robustness';
import type { SanityView } from '../../app/sanity';
import type { Metric, ReportCurve } from './report';

type Extra = Partial<Record<MethodId, { metrics?: Record<string, Metric>; curves?: Record<string, ReportCurve> }>>;

/** A number as the report writes it: null where undefined (JSON has no NaN). */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The read-outs measured on demand, where measured for the view on screen: robustness to input noise (mean Pearson r
 * over the draws) and eMPRT (from a finished sanity check). A runner that was not run adds nothing.
 */
export function onDemandExtra(robustness: RobustnessView, sanity: SanityView): Extra {
  const out: Extra = {};
  const add = (id: MethodId, name: string, metric: Metric) => {
    out[id] = { metrics: { ...out[id]?.metrics, [name]: metric } };
  };
  const r = robustness.status === 'done' ? robustness.result : null;
  for (const [id, m] of Object.entries(r?.methods ?? {}) as [MethodId, { mean: number }][]) {
    add(id, 'robustness', { meanPearson: finite(m.mean), draws: r?.draws ?? null, sigma: r?.sigma ?? null });
  }
  const last = sanity.status === 'done' ? sanity.steps.find((s) => s.emprt) : undefined;
  for (const [id, e] of Object.entries(last?.emprt ?? {}) as [MethodId, Emprt][]) {
    add(id, 'emprt', {
      rise: finite(e.rise),
      entropyOriginal: finite(e.original),
      entropyRandomised: finite(e.randomised),
    });
  }
  return out;
}

/** Several extras as one: per method, the metrics and curves of all (a later one wins a name both hold). */
export function mergeExtras(...extras: Extra[]): Extra {
  const out: Extra = {};
  for (const extra of extras) {
    for (const [id, e] of Object.entries(extra) as [MethodId, NonNullable<Extra[MethodId]>][]) {
      const was = out[id];
      out[id] = {
        metrics: { ...was?.metrics, ...e.metrics },
        curves: { ...was?.curves, ...e.curves },
      };
    }
  }
  return out;
}
