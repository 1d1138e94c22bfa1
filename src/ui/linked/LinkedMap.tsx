import { useMemo } from 'react';
import { colorize, colorizeDiverging, colorizeOpaque } from '../../render/colormap';
import { drawMapLayer, type MapImage } from '../../render/overlay';
import { displayOf, type PanelKey } from '../../state/viewSlice';
import { useAppStore } from '../../state/store';
import { useCanvas } from '../image/useCanvas';
import { beginLinkedView } from './view';

interface LinkedMapProps {
  viewKey: PanelKey;
  label: string;
  width: number;
  height: number;
  image: CanvasImageSource | null;
  map: MapImage | null;
  /** Turbo for a [0, 1] map, the diverging table for a signed difference */
  colour: 'turbo' | 'diverging';
  /** drawn after the map, through the same zoom (the region's outline) */
  decorate?: (ctx: CanvasRenderingContext2D) => void;
  decorateDeps?: readonly unknown[];
}

/** A map over the image through the shared zoom and pan, at the panel's opacity or on its own ("map only"). */
export function LinkedMap({
  viewKey,
  label,
  width,
  height,
  image,
  map,
  colour,
  decorate,
  decorateDeps = [],
}: LinkedMapProps) {
  const t = useAppStore((s) => s.viewTransform);
  const display = useAppStore((s) => displayOf(s, viewKey));
  // Coloured once per map and display setting: zooming redraws, it does not recolour.
  const rgba = useMemo(() => {
    if (!map) return null;
    if (colour === 'diverging') return colorizeDiverging(map.data, display.alpha, display.mapOnly);
    return display.mapOnly ? colorizeOpaque(map.data) : colorize(map.data, display.alpha);
  }, [map, colour, display]);
  const ref = useCanvas(
    (ctx) => {
      beginLinkedView(ctx, t);
      drawMapLayer(ctx, image, rgba, map?.size ?? [1, 1], display.mapOnly);
      decorate?.(ctx);
    },
    [t, rgba, image, display.mapOnly, width, height, ...decorateDeps],
  );
  return <canvas ref={ref} width={width} height={height} aria-label={label} />;
}
