import type { PlotStyle } from '../../core/method';
import { anyMeta, type MethodId } from '../../methods/registry';

/** How one method is drawn on every plot: its meta's colour, dash pattern and marker shape. */
export type SeriesStyle = PlotStyle;

export function seriesStyle(id: MethodId): SeriesStyle {
  return anyMeta(id).plot;
}
