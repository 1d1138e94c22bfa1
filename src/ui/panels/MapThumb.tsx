import type { HeatMap } from '../../core/results';
import { drawHeatmap } from '../../render/overlay';
import { useCanvas } from '../image/useCanvas';

export const THUMB = 64;

/** A share in [0, 1] in two digits without the leading zero (.83), or — when unknown. */
export const short = (v: number) => (Number.isFinite(v) ? v.toFixed(2).replace(/^0\./, '.') : '—');

/** A map over the image at thumbnail size (the sweeps' strips). */
export function MapThumb({ map, image }: { map: HeatMap; image: ImageBitmap | null }) {
  const ref = useCanvas((ctx) => drawHeatmap(ctx, image, map, 0.7), [map, image]);
  return <canvas ref={ref} width={THUMB} height={THUMB} aria-hidden="true" />;
}
