import type { MapImage } from '../../render/overlay';
import { valueAt } from '../../render/difference';
import { toScreen } from '../../render/viewTransform';
import { useAppStore } from '../../state/store';
import { useCanvas } from '../image/useCanvas';
import { formatValue } from './view';

/**
 * The crosshair at the hovered image point, on its own transparent canvas over a view: a pointer move redraws two
 * lines here, never the heat map under it.
 */
export function CrosshairOverlay({ width, height }: { width: number; height: number }) {
  const hover = useAppStore((s) => s.hoverPoint);
  const t = useAppStore((s) => s.viewTransform);
  const ref = useCanvas(
    (ctx) => {
      ctx.clearRect(0, 0, width, height);
      if (!hover) return;
      const s = toScreen(t, hover);
      if (s.x < 0 || s.x > 1 || s.y < 0 || s.y > 1) return;
      const [x, y] = [Math.round(s.x * width) + 0.5, Math.round(s.y * height) + 0.5];
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, height);
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
      // Dark under light: readable on any image and any colour map.
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
      ctx.stroke();
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    },
    [hover, t, width, height],
  );
  return <canvas ref={ref} className="linked-crosshair" width={width} height={height} aria-hidden="true" />;
}

/** The map's value under the crosshair, with its grid cell, in a corner away from the pointer. */
export function HoverReadout({ map, signed }: { map: MapImage | null; signed: boolean }) {
  const hover = useAppStore((s) => s.hoverPoint);
  const t = useAppStore((s) => s.viewTransform);
  const read = hover && map ? valueAt(map, hover) : null;
  if (!hover || !read) return null;
  const low = toScreen(t, hover).y > 0.6;
  return (
    <span className="linked-readout" data-place={low ? 'top' : 'bottom'} data-value={read.value}>
      {formatValue(read.value, signed)} at ({read.col}, {read.row})
    </span>
  );
}
