/**
 * A point of the image, normalised to [0, 1] (x right, y down). The regions a user asks about are plug-ins, one
 * folder per kind: see src/regions/registry.ts.
 */
export interface Point {
  x: number;
  y: number;
}
