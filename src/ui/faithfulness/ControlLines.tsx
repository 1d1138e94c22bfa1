import type { ControlCurves, SharedControl } from '../../core/controls';
import { SHARED_CONTROLS } from '../../core/controls';
import type { MethodCurves } from '../../core/faithfulness';
import { anyMeta, type MethodId } from '../../methods/registry';
import { SCALE } from './PlotFrame';
import { seriesStyle } from './series';
import { BLURRED_DASH, CONTROL_HELP, CONTROL_STYLE, CONTROL_TITLE } from './controlStyle';

type Points = { x: number; y: number }[];

/** A control's dashed line (no markers: they stay behind the methods' lines), with its name as a tooltip. */
function ReferenceLine(props: { points: Points; color: string; dash: string; kind: string; method?: MethodId }) {
  const d = props.points.map((p, i) => `${i ? 'L' : 'M'}${SCALE.x(p.x).toFixed(1)} ${SCALE.y(p.y).toFixed(1)}`);
  const name = props.method ? `${anyMeta(props.method).title}, blurred` : CONTROL_TITLE[props.kind as SharedControl];
  return (
    <g className="series control" data-control={props.kind} data-method={props.method}>
      <title>{name}</title>
      <path
        d={d.join('')}
        fill="none"
        stroke={props.color}
        strokeWidth={props.method ? 1.5 : 1.8}
        strokeOpacity={props.method ? 0.75 : 0.9}
        strokeDasharray={props.dash}
      />
    </g>
  );
}

/**
 * The controls of one plot: the random and edge maps (shared), then each shown method's blurred copy, drawn before
 * (under) the methods' lines. `points` picks a plot's points from a map's curves.
 */
export function ControlSeries({
  controls,
  methods,
  points,
}: {
  controls: ControlCurves<MethodId>;
  methods: MethodId[];
  points: (c: MethodCurves) => Points;
}) {
  return (
    <g className="controls">
      {SHARED_CONTROLS.map((k) => {
        const c = controls[k];
        const s = CONTROL_STYLE[k];
        return c ? <ReferenceLine key={k} kind={k} points={points(c)} color={s.color} dash={s.dash} /> : null;
      })}
      {methods.map((m) => {
        const c = controls.blurred[m];
        return c ? (
          <ReferenceLine
            key={m}
            kind="blurred"
            method={m}
            points={points(c)}
            color={seriesStyle(m).color}
            dash={BLURRED_DASH}
          />
        ) : null;
      })}
    </g>
  );
}

/** Legend items of the controls on a plot (for PlotLegend's extra), each with its tooltip. */
export function ControlLegend({ controls }: { controls: ControlCurves<MethodId> }) {
  const swatch = (color: string, dash: string) => (
    <svg width="30" height="12" viewBox="0 0 30 12" aria-hidden="true">
      <line x1="1" x2="29" y1="6" y2="6" stroke={color} strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
  return (
    <>
      {SHARED_CONTROLS.filter((k) => controls[k]).map((k) => (
        <li key={k} className="control-legend" title={CONTROL_HELP[k]}>
          {swatch(CONTROL_STYLE[k].color, CONTROL_STYLE[k].dash)}
          {CONTROL_TITLE[k]} (control)
        </li>
      ))}
      {Object.keys(controls.blurred).length > 0 && (
        <li className="control-legend" title={CONTROL_HELP.blurred}>
          {swatch('currentColor', BLURRED_DASH)}
          faint, no markers: each method blurred (control)
        </li>
      )}
    </>
  );
}
