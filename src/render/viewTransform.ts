import type { Point } from '../core/region';
import type { ViewTransform } from '../core/view';

export type { ViewTransform };

// Screen points are normalised to the view ([0, 1] across the canvas); image points to the image.
export const MIN_SCALE = 1;
export const MAX_SCALE = 16;

/** The image point under a screen point. */
export function toImage(t: ViewTransform, s: Point): Point {
  return { x: t.x + s.x / t.scale, y: t.y + s.y / t.scale };
}

/** Where an image point lands on screen (outside [0, 1] when it is out of view). */
export function toScreen(t: ViewTransform, p: Point): Point {
  return { x: (p.x - t.x) * t.scale, y: (p.y - t.y) * t.scale };
}

/**
 * Scale within [MIN_SCALE, MAX_SCALE] and the view inside the image: the image always fills the view, never leaves it.
 */
export function clampView(t: ViewTransform): ViewTransform {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Number.isFinite(t.scale) ? t.scale : 1));
  const span = 1 - 1 / scale;
  const fit = (v: number) => Math.min(span, Math.max(0, Number.isFinite(v) ? v : 0));
  return { scale, x: fit(t.x), y: fit(t.y) };
}

/** Zooms by `factor` about a screen point: the image point under it stays under it (unless clamping must move it). */
export function zoomAbout(t: ViewTransform, factor: number, s: Point): ViewTransform {
  const anchor = toImage(t, s);
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, t.scale * factor));
  return clampView({ scale, x: anchor.x - s.x / scale, y: anchor.y - s.y / scale });
}

/** Moves the image with the pointer by a screen-normalised delta. */
export function panBy(t: ViewTransform, d: Point): ViewTransform {
  return clampView({ scale: t.scale, x: t.x - d.x / t.scale, y: t.y - d.y / t.scale });
}

export function isZoomed(t: ViewTransform): boolean {
  return t.scale > MIN_SCALE + 1e-9;
}

/** The canvas matrix [a, b, c, d, e, f] that draws the whole image at 0..width × 0..height through the view. */
export function canvasMatrix(
  t: ViewTransform,
  width: number,
  height: number,
): [number, number, number, number, number, number] {
  return [t.scale, 0, 0, t.scale, -t.x * t.scale * width, -t.y * t.scale * height];
}

/** Zoom factor of one wheel event: deltaMode 1 = lines, 2 = pages; a trackpad pinch (ctrlKey) sends small deltas. */
export function wheelFactor(deltaY: number, deltaMode: number, pinch: boolean): number {
  const px = deltaY * (deltaMode === 1 ? 16 : deltaMode === 2 ? 400 : 1);
  const k = pinch ? 0.01 : 0.002;
  return Math.exp(-Math.max(-300, Math.min(300, px)) * k);
}
