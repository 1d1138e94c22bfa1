import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { anyMeta, type MethodId } from '../../methods/registry';
import type { SanityStep } from '../../engine/protocol';
import { Marker as Shape } from '../faithfulness/Series';
import { seriesStyle, type SeriesStyle } from '../faithfulness/series';
import { formatRho, linePath, stepLabel } from './sanityText';
import { RhoControlLegend, RhoControlLines, rhoControlColumns } from './RhoControls';

/** The plot is drawn at its box's own width (300…560 px), so its text stays at 11 px on a phone as on a desktop. */
const MIN_W = 300;
const MAX_W = 560;
const H = 240;

function useBoxWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [width, setWidth] = useState(MAX_W);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.round(Math.max(MIN_W, Math.min(MAX_W, el.clientWidth || MAX_W))));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
const M = { left: 52, right: 14, top: 12, bottom: 46 };
const Y_TICKS = [-1, -0.5, 0, 0.5, 1];

type Series = SeriesStyle;

/** The method's marker (its meta's plot style, as on the faithfulness plots). */
function Marker({ x, y, s }: { x: number; y: number; s: Series }) {
  return <Shape shape={s.marker} x={x} y={y} r={3.5} color={s.color} />;
}

/** A short line with the series' dash and marker, for the legend. */
function Swatch({ s }: { s: Series }) {
  return (
    <svg width="30" height="12" aria-hidden="true" className="sanity-swatch">
      <line x1="1" y1="6" x2="29" y2="6" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
      <Marker x={15} y={6} s={s} />
    </svg>
  );
}

/**
 * Spearman's ρ between each step's map and the original, against the step, one line per method: SVG with axes (in
 * currentColor, so it reads in light and dark themes), tick labels, axis titles and a legend; the numbers as a
 * table under a <details> for screen readers and copying.
 */
export function RhoPlot({
  steps,
  methods,
  total,
}: {
  steps: readonly SanityStep[];
  methods: readonly MethodId[];
  total: number;
}) {
  const [box, W] = useBoxWidth();
  const last = Math.max(1, total - 1);
  const x = (s: number) => M.left + ((W - M.left - M.right) * s) / last;
  const y = (v: number) => M.top + ((H - M.top - M.bottom) * (1 - v)) / 2;
  const ordered = [...steps].sort((a, b) => a.step - b.step);
  const xTicks = Array.from({ length: last + 1 }, (_, i) => i);
  const controlColumns = rhoControlColumns(methods);
  const summary = methods
    .map((id) => `${anyMeta(id).title}: ${ordered.map((s) => formatRho(s.spearman[id])).join(', ')}`)
    .join('; ');
  return (
    <figure className="sanity-plot" ref={box}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Spearman correlation with the original map at each step. ${summary}`}
      >
        <g className="axes" stroke="currentColor" fill="currentColor" fontSize="11">
          {Y_TICKS.map((v) => (
            <g key={v}>
              <line
                x1={M.left}
                x2={W - M.right}
                y1={y(v)}
                y2={y(v)}
                strokeOpacity={v === 0 ? 0.45 : 0.15}
                strokeDasharray={v === 0 ? '' : '3 3'}
              />
              <text x={M.left - 6} y={y(v) + 4} textAnchor="end" stroke="none">
                {formatRho(v)}
              </text>
            </g>
          ))}
          <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
          <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
          {xTicks.map((s) => (
            <g key={s}>
              <line x1={x(s)} x2={x(s)} y1={H - M.bottom} y2={H - M.bottom + 4} />
              <text x={x(s)} y={H - M.bottom + 16} textAnchor="middle" stroke="none">
                {s}
              </text>
            </g>
          ))}
          <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" stroke="none">
            {W < 460
              ? 'step (0 = original; then more layers random)'
              : 'step (0 = original; each step randomises more layers, from the output down)'}
          </text>
          <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" stroke="none">
            Spearman ρ with the original
          </text>
        </g>
        <RhoControlLines steps={ordered} methods={methods} x={x} y={y} />
        {methods.map((id) => {
          const s = seriesStyle(id);
          const pts = ordered.map((st) => ({
            x: x(st.step),
            y: Number.isFinite(st.spearman[id]) ? y(st.spearman[id] as number) : null,
          }));
          return (
            <g key={id} data-method={id}>
              <path d={linePath(pts)} fill="none" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
              {pts.map((p, k) => p.y !== null && <Marker key={k} x={p.x} y={p.y} s={s} />)}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="sanity-legend" aria-label="Legend">
          {methods.map((id) => (
            <li key={id}>
              <Swatch s={seriesStyle(id)} />
              {anyMeta(id).title}
            </li>
          ))}
          <RhoControlLegend />
        </ul>
      </figcaption>
      <details className="sanity-table">
        <summary>ρ as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">step</th>
              <th scope="col">random so far</th>
              {methods.map((id) => (
                <th scope="col" key={id}>
                  {anyMeta(id).title}
                </th>
              ))}
              {controlColumns.heads.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ordered.map((st) => (
              <tr key={st.step}>
                <th scope="row">{st.step}</th>
                <td>{stepLabel(ordered, st.step)}</td>
                {methods.map((id) => (
                  <td key={id}>{formatRho(st.spearman[id])}</td>
                ))}
                {controlColumns.cells(st).map((v, k) => (
                  <td key={`c${k}`}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
