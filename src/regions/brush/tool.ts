import type { Point } from '../../core/region';
import { rest, type GestureStep, type ToolDef, type ToolEnv } from '../tool';
import type { BrushRegion } from './kind';
import { isEmptyMask, paintSegment } from './paint';

/** The mask being painted and the last point of the stroke; null between strokes. */
type Stroke = { mask: Uint8Array; last: Point } | null;

/**
 * The mask a stroke starts from: the drawn area on screen; for the eraser on a click region, the explained pixels M
 * the engine reported (erasing then keeps exactly what is left); null when the eraser has nothing to erase.
 */
function startMask(erase: boolean, env: ToolEnv): Uint8Array | null {
  const drawn = env.drawn();
  if (drawn) return drawn;
  if (erase) return env.explained ? env.explained.slice() : null;
  return new Uint8Array(env.grid.width * env.grid.height);
}

/** The stroke's mask as the region: an eraser that empties it leaves an empty region, a brush that paints none none. */
function commit(mask: Uint8Array, erase: boolean, env: ToolEnv): GestureStep<Stroke> {
  if (!erase && isEmptyMask(mask)) return rest(null);
  // What the eraser leaves of a click region is already ∩ class: keep it as drawn.
  const exact = env.exact || (erase && env.clicked);
  const region: BrushRegion = {
    kind: 'brush',
    width: env.grid.width,
    height: env.grid.height,
    mask,
    ...(exact ? { exact: true } : {}),
  };
  return { state: null, draft: null, commit: region };
}

/** Brush and eraser: one gesture, painting 1 or 0. Enter is a dab (a press and a release at the cursor). */
function paintTool(erase: boolean): Omit<ToolDef<Stroke>, 'id' | 'label' | 'key' | 'order' | 'help' | 'enter'> {
  const value = erase ? 0 : 1;
  const draftOf = (mask: Uint8Array, env: ToolEnv) => ({
    kind: 'mask' as const,
    mask,
    size: [env.grid.height, env.grid.width] as [number, number],
  });
  return {
    sized: true,
    idle: null,
    on: (s, e, env) => {
      switch (e.type) {
        case 'press': {
          const mask = startMask(erase, env);
          if (!mask) return rest(null);
          paintSegment(mask, env.grid, e.at, e.at, env.radius, value);
          return { state: { mask, last: e.at }, draft: draftOf(mask, env) };
        }
        case 'drag':
          if (!s) return rest(s);
          paintSegment(s.mask, env.grid, s.last, e.at, env.radius, value);
          return { state: { mask: s.mask, last: e.at }, draft: draftOf(s.mask, env) };
        case 'hover':
          return { state: s, draft: s ? draftOf(s.mask, env) : null };
        case 'release':
          return s ? commit(s.mask, erase, env) : rest(null);
        case 'cancel':
          return rest(null);
      }
    },
  };
}

export const brushTool: ToolDef<Stroke> = {
  id: 'brush',
  label: 'Brush',
  key: 'B',
  order: 1,
  help: 'Paint the region; strokes add up (keyboard: Enter paints at the cursor).',
  enter: 'paint',
  ...paintTool(false),
};

export const eraserTool: ToolDef<Stroke> = {
  id: 'eraser',
  label: 'Eraser',
  key: 'E',
  order: 4,
  help: 'Erase from the region (keyboard: Enter erases at the cursor).',
  enter: 'erase',
  ...paintTool(true),
};
