import { useId } from 'react';
import type { ControlCurves } from '../../core/controls';
import type { CurveKind, MethodCurves } from '../../core/faithfulness';
import { anyMeta, type MethodId } from '../../methods/registry';
import { DataTable, fmt, pct } from './DataTable';
import { PlotFrame } from './PlotFrame';
import { PlotLegend } from './PlotLegend';
import { SeriesLine } from './Series';
import { ControlLegend, ControlSeries } from './ControlLines';
import { CONTROL_TITLE } from './controlStyle';

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

/**
 * Deletion or insertion curves of every measured method on one plot: f (mean class probability over M) against i/n,
 * over the controls' dashed lines.
 */
export function CurvePlot({
  kind,
  entries,
  controls,
}: {
  kind: CurveKind;
  entries: [MethodId, MethodCurves][];
  controls: ControlCurves<MethodId>;
}) {
  const id = useId();
  const t = TEXT[kind];
  const first = entries[0]?.[1][kind].points ?? [];
  const methods = entries.map(([m]) => m);
  const toPoints = (c: MethodCurves) => c[kind].points.map((p) => ({ x: p.fraction, y: p.score }));
  const shared = (['random', 'edge'] as const).flatMap((k) => {
    const c = controls[k];
    return c ? [[CONTROL_TITLE[k], c] as const] : [];
  });
  return (
    <figure className="plot-figure" aria-labelledby={id} data-plot={kind}>
      <figcaption id={id}>{t.title}</figcaption>
      <PlotFrame
        title={`${t.title}: mean class probability over the region against the fraction of pixels ${t.verb}`}
        description={
          `${entries.length} methods; ${t.what}. ` +
          `${entries.map(([m, c]) => `${anyMeta(m).title}: area ${fmt(c[kind].auc)}`).join('; ')}` +
          shared.map(([name, c]) => `; control ${name.toLowerCase()}: area ${fmt(c[kind].auc)}`).join('') +
          '.'
        }
        xLabel={t.x}
        yLabel="class probability in region"
        xFormat={pct}
      >
        <ControlSeries controls={controls} methods={methods} points={toPoints} />
        {entries.map(([m, c]) => (
          <SeriesLine key={m} id={m} points={toPoints(c)} markEvery={2} />
        ))}
      </PlotFrame>
      <PlotLegend methods={methods} extra={<ControlLegend controls={controls} />} />
      <DataTable
        summary={`${t.title} as a table`}
        caption={`${t.title}: mean class-c probability over the region after each step`}
        columns={[
          `% ${t.verb}`,
          ...methods.map((m) => anyMeta(m).title),
          ...shared.map(([name]) => `${name} (control)`),
        ]}
        rows={first.map((p, i) => [
          pct(p.fraction),
          ...entries.map(([, c]) => fmt(c[kind].points[i]?.score)),
          ...shared.map(([, c]) => fmt(c[kind].points[i]?.score)),
        ])}
      />
    </figure>
  );
}
