import { anyMeta, type MethodId } from '../../methods/registry';
import { Marker } from './Series';
import { seriesStyle } from './series';

/** Which line is which method: a swatch with the line's colour, dash and marker, then the method's title. */
export function PlotLegend({ methods, extra }: { methods: MethodId[]; extra?: React.ReactNode }) {
  return (
    <ul className="plot-legend" aria-label="Legend">
      {methods.map((id) => {
        const s = seriesStyle(id);
        return (
          <li key={id}>
            <svg width="30" height="12" viewBox="0 0 30 12" aria-hidden="true">
              <line
                x1="1"
                x2="29"
                y1="6"
                y2="6"
                stroke={s.color}
                strokeWidth="2"
                strokeDasharray={s.dash || undefined}
              />
              <Marker shape={s.marker} x={15} y={6} r={3} color={s.color} />
            </svg>
            {anyMeta(id).title}
          </li>
        );
      })}
      {extra}
    </ul>
  );
}
