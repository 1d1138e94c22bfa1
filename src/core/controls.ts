// The controls of docs/METHOD.md ("Controls") as plain data: what the engine measures beside each method's map.
import type { MethodCurves } from './faithfulness';

/**
 * The controls' curves (docs/METHOD.md, "Controls"): maps that explain nothing about the model, measured by the same
 * job as the methods' maps, so that a method's curves can be read against them. Id is the method id type (core does
 * not import the method registry).
 */
export interface ControlCurves<Id extends string = string> {
  /** the seeded i.i.d. random map (shared by every method) */
  random?: MethodCurves;
  /** the Sobel edge map of the input (shared by every method) */
  edge?: MethodCurves;
  /** a Gaussian-blurred copy of each method's own map; empty when the request asked for no controls */
  blurred: Partial<Record<Id, MethodCurves>>;
}

/** What a curves request says of the controls (the engine's CurvesRequest extends it). */
export interface ControlsRequest {
  /** false: no controls (default true: the random map, the edge map and each map's blurred copy) */
  controls?: boolean;
  /** the random control's seed (default 1) */
  controlSeed?: number;
}

/** The two controls shared by every method, in drawing order. */
export type SharedControl = 'random' | 'edge';
export const SHARED_CONTROLS: readonly SharedControl[] = ['random', 'edge'];

/**
 * The sanity check's controls: the edge map does not depend on the weights (ρ = 1 at every step: a method that stays
 * like it fails the test); the random map is drawn again at every step (ρ ≈ 0: what a map that forgot everything
 * scores); each method's blurred copy, step s against step 0.
 */
export interface SanityControls<Id extends string = string> {
  random: number;
  edge: number;
  blurred: Partial<Record<Id, number>>;
}
