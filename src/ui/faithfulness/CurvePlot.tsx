import { useId } from 'react';
import type { CurveKind, MethodCurves } from '../../core/faithfulness';
import { anyMeta, type MethodId } from '../../methods/registry';
import { DataTable, fmt, pct } from './DataTable';
import { PlotFrame } from './PlotFrame';
import { PlotLegend } from './PlotLegend';
import { SeriesLine } from './Series';

const TEXT = {
  deletion: {
    title: 'Deletion curves',
    x: 'fraction of pixels removed (most relevant first)',
    verb: 'removed',
    what:
      'the most relevant pixels, by the map, are replaced with the baseline ' +
      'first; a faithful map makes the class probability fall fast (low area)',
  },
  insertion: {
    title: 'Insertion curves',
    x: 'fraction of pixels inserted (most relevant first)',
    verb: 'inserted',
    what:
      'starting from the baseline, the most relevant pixels are restored ' +
      'first; a faithful map makes the class probability rise fast (high ' +
      'area)',
  },
} as const;

/** Deletion or insertion curves of every measured method on one plot: f (mean class probability over M) against i/n. */
export function CurvePlot({ kind, entries }: { kind: CurveKind; entries: [MethodId, MethodCurves][] }) {
  const id = useId();
  const t = TEXT[kind];
  const first = entries[0]?.[1][kind].points ?? [];
  const methods = entries.map(([m]) => m);
  return (
    <figure className="plot-figure" aria-labelledby={id} data-plot={kind}>
      <figcaption id={id}>{t.title}</figcaption>
      <PlotFrame
        title={`${t.title}: mean class probability over the region against the fraction of pixels ${t.verb}`}
        description={
          `${entries.length} methods; ${t.what}. ` +
          `${entries.map(([m, c]) => `${anyMeta(m).title}: area ${fmt(c[kind].auc)}`).join('; ')}.`
        }
        xLabel={t.x}
        yLabel="class probability in region"
        xFormat={pct}
      >
        {entries.map(([m, c]) => (
          <SeriesLine
            key={m}
            id={m}
            points={c[kind].points.map((p) => ({ x: p.fraction, y: p.score }))}
            markEvery={2}
          />
        ))}
      </PlotFrame>
      <PlotLegend methods={methods} />
      <DataTable
        summary={`${t.title} as a table`}
        caption={`${t.title}: mean class-c probability over the region after each step`}
        columns={[`% ${t.verb}`, ...methods.map((m) => anyMeta(m).title)]}
        rows={first.map((p, i) => [pct(p.fraction), ...entries.map(([, c]) => fmt(c[kind].points[i]?.score))])}
      />
    </figure>
  );
}
