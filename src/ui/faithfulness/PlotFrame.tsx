import { useId, type ReactNode } from 'react';

/** Plot coordinates for values in [0, 1] on both axes. */
export interface Scale {
  x(v: number): number;
  y(v: number): number;
}

const W = 360;
const H = 236;
const M = { left: 50, right: 18, top: 10, bottom: 40 };
const clamp01 = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));

export const SCALE: Scale = {
  x: (v) => M.left + clamp01(v) * (W - M.left - M.right),
  y: (v) => H - M.bottom - clamp01(v) * (H - M.top - M.bottom),
};

const TICKS = [0, 0.25, 0.5, 0.75, 1];

export interface PlotFrameProps {
  /** the plot's accessible name (also its SVG title) */
  title: string;
  /** what is drawn, for screen readers (the numbers are in the table fallback) */
  description: string;
  xLabel: string;
  yLabel: string;
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  children: ReactNode;
}

const plain = (v: number) => (v === 0 || v === 1 ? String(v) : v.toFixed(2));

/**
 * An SVG plot frame with both axes on [0, 1]: grid, ticks, tick labels and axis titles, drawn in currentColor so
 * that it reads in light and dark themes. Series go inside as children, placed with SCALE.
 */
export function PlotFrame({
  title,
  description,
  xLabel,
  yLabel,
  xFormat = plain,
  yFormat = plain,
  children,
}: PlotFrameProps) {
  const id = useId();
  const [x0, x1, y0, y1] = [SCALE.x(0), SCALE.x(1), SCALE.y(0), SCALE.y(1)];
  return (
    <svg className="plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      <g className="plot-grid" stroke="currentColor" strokeOpacity={0.14}>
        {TICKS.map((t) => (
          <line key={`x${t}`} x1={SCALE.x(t)} x2={SCALE.x(t)} y1={y0} y2={y1} />
        ))}
        {TICKS.map((t) => (
          <line key={`y${t}`} x1={x0} x2={x1} y1={SCALE.y(t)} y2={SCALE.y(t)} />
        ))}
      </g>
      <g className="plot-axes" stroke="currentColor" fill="currentColor" fontSize={11}>
        <line x1={x0} x2={x1} y1={y0} y2={y0} />
        <line x1={x0} x2={x0} y1={y0} y2={y1} />
        {TICKS.map((t) => (
          <g key={`xt${t}`}>
            <line x1={SCALE.x(t)} x2={SCALE.x(t)} y1={y0} y2={y0 + 4} />
            <text x={SCALE.x(t)} y={y0 + 15} textAnchor="middle" stroke="none">
              {xFormat(t)}
            </text>
          </g>
        ))}
        {TICKS.map((t) => (
          <g key={`yt${t}`}>
            <line x1={x0 - 4} x2={x0} y1={SCALE.y(t)} y2={SCALE.y(t)} />
            <text x={x0 - 7} y={SCALE.y(t) + 4} textAnchor="end" stroke="none">
              {yFormat(t)}
            </text>
          </g>
        ))}
        <text x={(x0 + x1) / 2} y={H - 6} textAnchor="middle" stroke="none" fontSize={11.5}>
          {xLabel}
        </text>
        <text
          transform={`translate(10 ${(y0 + y1) / 2}) rotate(-90)`}
          textAnchor="middle"
          stroke="none"
          fontSize={11.5}
        >
          {yLabel}
        </text>
      </g>
      {children}
    </svg>
  );
}
