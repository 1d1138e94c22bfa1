import { useEffect, type ReactNode } from 'react';
import type { MapImage } from '../../render/overlay';
import { isZoomed } from '../../render/viewTransform';
import { useAppStore } from '../../state/store';
import { CrosshairOverlay, HoverReadout } from './Crosshair';
import { useViewGestures, type Surface } from './useViewGestures';
import './linked.css';

interface StageProps {
  surface: Surface;
  width: number;
  height: number;
  children: ReactNode;
  /** a map panel's name for its zoom group (focusable: + − 0 and the arrows) */
  label?: string;
  /** the map whose value the crosshair reads out (panels only) */
  map?: MapImage | null;
  signed?: boolean;
  /** on the image: a second finger ends the stroke the first began, and pinches instead */
  onDrawCancel?: () => void;
}

/** One linked view: its canvas, the crosshair over it, the shared zoom and pan, and "Reset zoom" while zoomed. */
export function LinkedStage({
  surface,
  width,
  height,
  children,
  label,
  map,
  signed = false,
  onDrawCancel,
}: StageProps) {
  const { ref, handlers } = useViewGestures(surface, onDrawCancel);
  const zoomed = useAppStore((s) => isZoomed(s.viewTransform));
  const panel = surface === 'panel';
  return (
    <div
      ref={ref}
      className="linked-stage"
      data-surface={surface}
      data-zoomed={zoomed}
      {...(panel
        ? {
            tabIndex: 0,
            role: 'group',
            'aria-label': label,
            'aria-keyshortcuts': '+ - 0 ArrowLeft ArrowRight ArrowUp ArrowDown',
          }
        : {})}
      {...handlers}
    >
      {children}
      <CrosshairOverlay width={width} height={height} />
      {map !== undefined && <HoverReadout map={map} signed={signed} />}
      {zoomed && <ResetZoom />}
      {surface === 'image' && <ResetOnNewImage />}
    </div>
  );
}

function ResetZoom() {
  const scale = useAppStore((s) => s.viewTransform.scale);
  const reset = useAppStore((s) => s.resetView);
  return (
    <button type="button" className="linked-reset" onClick={reset} title="Reset zoom (0)">
      <span aria-hidden="true">{scale.toFixed(1)}× · </span>Reset zoom
    </button>
  );
}

/** A new image starts unzoomed. */
function ResetOnNewImage() {
  const image = useAppStore((s) => s.image);
  useEffect(() => useAppStore.getState().resetView(), [image]);
  return null;
}
