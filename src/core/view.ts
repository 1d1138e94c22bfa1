/**
 * The zoom and pan shared by the image and every map panel. `scale` ≥ 1 magnifies; (x, y) is the image point, in
 * normalised image coordinates [0, 1], shown at the view's top-left corner. Identity: { scale: 1, x: 0, y: 0 }.
 */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

/** The whole image, unzoomed: the linked views' start and reset (one object, so a reset to it is a no-op). */
export const IDENTITY_VIEW: Readonly<ViewTransform> = { scale: 1, x: 0, y: 0 };
