import type { Draft } from '../core/draft';
import type { Grid } from '../core/grid';
import type { Point } from '../core/region';
import type { AreaRegion, ClickMode } from './registry';

/**
 * What a region tool is fed, by the pointer and the keyboard alike (src/ui/image/useGesture.ts): a press, moves
 * with the press held (a drag) or without (the pointer hovering, the keyboard cursor moving), a release (`moved`: the
 * press travelled, so it was a drag and not a click), and a cancel. The keyboard's Enter is a press and a release at
 * the cursor, so each tool's gesture is written once, here, for both.
 */
export type GestureEvent =
  | { type: 'press'; at: Point }
  | { type: 'drag'; at: Point }
  | { type: 'hover'; at: Point }
  | { type: 'release'; at: Point; moved: boolean }
  | { type: 'cancel' };

/** What a tool may read of the app when it acts. */
export interface ToolEnv {
  /** the model's output grid, where masks are painted */
  grid: Grid;
  /** the brush radius, in cells */
  radius: number;
  /** "Use the drawn pixels as they are" */
  exact: boolean;
  /** the pixels of the area on screen when it is a drawing, on this grid (a brush adds to them): a fresh copy */
  drawn(): Uint8Array | null;
  /** the area on screen is a click region (what the eraser leaves of it is already ∩ class) */
  clicked: boolean;
  /** M as the engine explained it, when it is on this grid (the eraser edits it) */
  explained: Uint8Array | null;
  /** what a click makes (Region menu) */
  clickMode: ClickMode;
}

/** A tool's answer to one event: its next state, what to draw meanwhile, and maybe an area to explain. */
export interface GestureStep<S> {
  state: S;
  draft: Draft | null;
  /** the new area, when the gesture ends with one */
  commit?: AreaRegion;
}

/**
 * A region tool: its name, key and help, and its gesture as a small state machine (`on` is pure: a state and an event
 * in, the next state out). `S` is its own state; `idle` the state between gestures.
 */
export interface ToolDef<S = unknown> {
  id: string;
  label: string;
  /** the shortcut key, as the key reads upper-cased */
  key: string;
  /** position in the toolbar */
  order: number;
  /** the line under the image while the tool is on */
  help: string;
  /** what Enter does with this tool, for the shortcut sheet */
  enter: string;
  /** shows the brush size */
  sized?: boolean;
  idle: S;
  on(state: S, event: GestureEvent, env: ToolEnv): GestureStep<S>;
}

/** The step that changes nothing and draws nothing. */
export const rest = <S>(state: S): GestureStep<S> => ({ state, draft: null });
