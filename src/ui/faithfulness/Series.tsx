import type { MethodId } from '../../methods/registry';
import { SCALE } from './PlotFrame';
import { seriesStyle, type SeriesStyle } from './series';

/** A marker shape centred on (x, y), radius r. */
export function Marker({
  shape,
  x,
  y,
  r,
  color,
  filled = true,
}: {
  shape: SeriesStyle['marker'];
  x: number;
  y: number;
  r: number;
  color: string;
  filled?: boolean;
}) {
  const paint = { fill: filled ? color : 'none', stroke: color, strokeWidth: 1.2 };
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={r} {...paint} />;
    case 'square':
      return <rect x={x - r * 0.9} y={y - r * 0.9} width={r * 1.8} height={r * 1.8} {...paint} />;
    case 'triangle':
      return <path d={`M${x} ${y - r * 1.1}L${x + r} ${y + r * 0.8}L${x - r} ${y + r * 0.8}Z`} {...paint} />;
    case 'diamond':
      return <path d={`M${x} ${y - r * 1.2}L${x + r} ${y}L${x} ${y + r * 1.2}L${x - r} ${y}Z`} {...paint} />;
    case 'cross':
      return (
        <path
          d={`M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`}
          fill="none"
          stroke={color}
          strokeWidth={1.8}
        />
      );
    case 'star':
      return (
        <path
          d={
            `M${x} ${y - r * 1.2}L${x + r * 0.35} ${y - r * 0.35}L${x + r * 1.2} ` +
            `${y}L${x + r * 0.35} ${y + r * 0.35}L${x} ` +
            `${y + r * 1.2}L${x - r * 0.35} ${y + r * 0.35}L${x - r * 1.2} ` +
            `${y}L${x - r * 0.35} ${y - r * 0.35}Z`
          }
          {...paint}
        />
      );
  }
}

/**
 * One method's line through points in [0, 1]², in its colour and dash pattern, with its marker every `markEvery`
 * points (always the last).
 */
export function SeriesLine({
  id,
  points,
  markEvery = 1,
}: {
  id: MethodId;
  points: { x: number; y: number }[];
  markEvery?: number;
}) {
  const style = seriesStyle(id);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${SCALE.x(p.x).toFixed(1)} ${SCALE.y(p.y).toFixed(1)}`).join('');
  return (
    <g className="series" data-method={id}>
      <path
        d={d}
        fill="none"
        stroke={style.color}
        strokeWidth={2}
        strokeDasharray={style.dash || undefined}
        strokeLinejoin="round"
        data-method={id}
      />
      {points.map(
        (p, i) =>
          (i % markEvery === 0 || i === points.length - 1) && (
            <Marker key={i} shape={style.marker} x={SCALE.x(p.x)} y={SCALE.y(p.y)} r={2.6} color={style.color} />
          ),
      )}
    </g>
  );
}
