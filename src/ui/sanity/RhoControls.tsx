import { SHARED_CONTROLS } from '../../core/controls';
import type { SanityStep } from '../../engine/protocol';
import { anyMeta, type MethodId } from '../../methods/registry';
import { BLURRED_DASH, CONTROL_HELP, CONTROL_STYLE, CONTROL_TITLE } from '../faithfulness/controlStyle';
import { seriesStyle } from '../faithfulness/series';
import { formatRho, linePath } from './sanityText';

/** What each control means on this plot (docs/METHOD.md, "Controls"), for the tooltips. */
export const SANITY_CONTROL_HELP = {
  random:
    'A control, drawn again (another seed) at every step: ρ ≈ 0 is what a map that has forgotten the original scores.',
  edge:
    'A control: the Sobel edges of the image do not depend on the weights, so ρ stays 1. ' +
    'A method whose line stays up here like it explains the image, not the model: it fails the test.',
  blurred: `${CONTROL_HELP.blurred} Here: the blurred map after each step against the blurred original.`,
} as const;

interface Lines {
  steps: readonly SanityStep[];
  methods: readonly MethodId[];
  x: (step: number) => number;
  y: (rho: number) => number;
}

/** The controls' ρ lines, drawn under the methods': random and edge dashed, each method's blurred copy dotted. */
export function RhoControlLines({ steps, methods, x, y }: Lines) {
  const path = (rho: (s: SanityStep) => number | undefined) =>
    linePath(
      steps.map((s) => {
        const v = s.controls ? rho(s) : undefined;
        return { x: x(s.step), y: v !== undefined && Number.isFinite(v) ? y(v) : null };
      }),
    );
  return (
    <g className="sanity-controls">
      {SHARED_CONTROLS.map((k) => (
        <g key={k} className="control" data-control={k}>
          <title>{CONTROL_TITLE[k]}</title>
          <path
            d={path((s) => s.controls[k])}
            fill="none"
            stroke={CONTROL_STYLE[k].color}
            strokeWidth="1.8"
            strokeDasharray={CONTROL_STYLE[k].dash}
          />
        </g>
      ))}
      {methods.map((id) => (
        <g key={id} className="control" data-control="blurred" data-method={id}>
          <title>{`${anyMeta(id).title}, blurred`}</title>
          <path
            d={path((s) => s.controls.blurred[id])}
            fill="none"
            stroke={seriesStyle(id).color}
            strokeWidth="1.5"
            strokeOpacity="0.75"
            strokeDasharray={BLURRED_DASH}
          />
        </g>
      ))}
    </g>
  );
}

/** The controls' legend items, each with what the control means here as its tooltip. */
export function RhoControlLegend() {
  const swatch = (color: string, dash: string) => (
    <svg width="30" height="12" aria-hidden="true" className="sanity-swatch">
      <line x1="1" y1="6" x2="29" y2="6" stroke={color} strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
  return (
    <>
      {SHARED_CONTROLS.map((k) => (
        <li key={k} className="control-legend" title={SANITY_CONTROL_HELP[k]}>
          {swatch(CONTROL_STYLE[k].color, CONTROL_STYLE[k].dash)}
          {CONTROL_TITLE[k]} (control)
        </li>
      ))}
      <li className="control-legend" title={SANITY_CONTROL_HELP.blurred}>
        {swatch('currentColor', BLURRED_DASH)}
        faint, no markers: each method blurred (control)
      </li>
    </>
  );
}

/** The controls' columns of the ρ table: headers, then one row's cells. */
export function rhoControlColumns(methods: readonly MethodId[]) {
  const heads = [
    ...SHARED_CONTROLS.map((k) => `${CONTROL_TITLE[k]} (control)`),
    ...methods.map((id) => `${anyMeta(id).title}, blurred (control)`),
  ];
  const cells = (s: SanityStep) => [
    ...SHARED_CONTROLS.map((k) => formatRho(s.controls?.[k])),
    ...methods.map((id) => formatRho(s.controls?.blurred[id])),
  ];
  return { heads, cells };
}
