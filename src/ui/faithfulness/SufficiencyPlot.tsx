import { useId } from 'react';
import type { ControlCurves } from '../../core/controls';
import type { MethodCurves } from '../../core/faithfulness';
import { anyMeta, type MethodId } from '../../methods/registry';
import { DataTable, fmt, pct } from './DataTable';
import { PlotFrame, SCALE } from './PlotFrame';
import { PlotLegend } from './PlotLegend';
import { SeriesLine } from './Series';
import { seriesStyle } from './series';
import { ControlLegend, ControlSeries } from './ControlLines';

/**
 * The sufficiency curve of every measured method: Dice against the share of the image kept, one point per threshold
 * (0.05 … 0.95), the view's threshold ringed on each line (the panel's read-out), over the controls' dashed lines.
 */
export function SufficiencyPlot({
  entries,
  threshold,
  controls,
}: {
  entries: [MethodId, MethodCurves][];
  threshold: number | null;
  controls: ControlCurves<MethodId>;
}) {
  const id = useId();
  const shown = entries.filter(([, c]) => c.sufficiency.length > 0);
  const methods = shown.map(([m]) => m);
  const t = threshold === null ? '' : threshold.toFixed(2);
  const thresholds = shown[0]?.[1].sufficiency.map((p) => p.threshold) ?? [];
  return (
    <figure className="plot-figure" aria-labelledby={id} data-plot="sufficiency">
      <figcaption id={id}>Sufficiency curves</figcaption>
      <PlotFrame
        title="Sufficiency curves: Dice of the region's prediction against the share of the image kept"
        description={
          'Keep only the pixels where the map exceeds a threshold (0.05 to 0.95), run the model again, and compare ' +
          'its prediction in the region: up and to the left is better (the region survives on fewer pixels). ' +
          shown
            .map(([m, c]) => {
              const here = c.sufficiency.find((p) => p.current);
              const at = here ? ` at t = ${t}: Dice ${fmt(here.dice)}, ${pct(here.retained)} kept` : '';
              return `${anyMeta(m).title}${at}`;
            })
            .join('; ') +
          '.'
        }
        xLabel="share of the image kept"
        yLabel="Dice in region"
        xFormat={pct}
      >
        <ControlSeries
          controls={controls}
          methods={methods}
          points={(c) => c.sufficiency.map((p) => ({ x: p.retained, y: p.dice }))}
        />
        {shown.map(([m, c]) => (
          <SeriesLine key={m} id={m} points={c.sufficiency.map((p) => ({ x: p.retained, y: p.dice }))} markEvery={1} />
        ))}
        {shown.map(([m, c]) => {
          const here = c.sufficiency.find((p) => p.current);
          if (!here) return null;
          const s = seriesStyle(m);
          return (
            <g key={m} className="current-threshold" data-method={m}>
              <circle
                cx={SCALE.x(here.retained)}
                cy={SCALE.y(here.dice)}
                r={7}
                fill="none"
                stroke="currentColor"
                strokeWidth={2.5}
              />
              <circle
                cx={SCALE.x(here.retained)}
                cy={SCALE.y(here.dice)}
                r={7}
                fill="none"
                stroke={s.color}
                strokeWidth={1.5}
              />
            </g>
          );
        })}
      </PlotFrame>
      <PlotLegend
        methods={methods}
        extra={
          <>
            <ControlLegend controls={controls} />
            {t && (
              <li>
                <svg width="18" height="16" viewBox="0 0 18 16" aria-hidden="true">
                  <circle cx="9" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
                </svg>
                t = {t} (the panels’ read-out)
              </li>
            )}
          </>
        }
      />
      <DataTable
        summary="Sufficiency curves as a table"
        caption="Sufficiency: Dice in the region and share of the image kept at each threshold"
        columns={['threshold', ...methods.flatMap((m) => [`${anyMeta(m).title} Dice`, `${anyMeta(m).title} kept`])]}
        rows={thresholds.map((th, i) => [
          `${th.toFixed(2)}${shown[0]?.[1].sufficiency[i]?.current ? ' (current)' : ''}`,
          ...shown.flatMap(([, c]) => {
            const p = c.sufficiency[i];
            return p ? [fmt(p.dice), `${(p.retained * 100).toFixed(1)}%`] : ['—', '—'];
          }),
        ])}
      />
    </figure>
  );
}
