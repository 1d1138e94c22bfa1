import type { ViewTransform } from '../../core/view';
import { beginView } from '../../render/overlay';
import { canvasMatrix } from '../../render/viewTransform';

/** How to zoom and pan, for the image's hint: on the image a plain drag belongs to the region tools. */
export const ZOOM_HINT =
  'Ctrl/⌘+wheel or pinch zooms every view; pan the image with the middle button or Alt+drag (drag on a map), 0 resets.';

/** Clears the canvas and sets the shared zoom and pan: draw the whole image at 0..width × 0..height after this. */
export function beginLinkedView(ctx: CanvasRenderingContext2D, t: ViewTransform): void {
  beginView(ctx, canvasMatrix(t, ctx.canvas.width, ctx.canvas.height));
}

/** A map value for the crosshair read-out: three decimals, signed for a difference. */
export function formatValue(v: number, signed: boolean): string {
  const s = v.toFixed(3);
  if (Number(s) === 0) return '0.000';
  return signed && v > 0 ? `+${s}` : s.replace('-', '−');
}
