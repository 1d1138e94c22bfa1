import type { Point } from '../../core/region';
import { rest, type GestureStep, type ToolDef, type ToolEnv } from '../tool';
import type { PolygonRegion } from './kind';
import { simplifyPolygon } from './vertices';

/** The vertices so far; `held` while a press is down (a freehand stroke adds a vertex at every move). */
interface LassoState {
  points: Point[];
  held: boolean;
}

const IDLE: LassoState = { points: [], held: false };

/** Closes the lasso when it has three vertices, else drops it. */
function close(points: Point[], env: ToolEnv): GestureStep<LassoState> {
  if (points.length < 3) return rest(IDLE);
  const commit: PolygonRegion = {
    kind: 'polygon',
    points: simplifyPolygon(points),
    ...(env.exact ? { exact: true } : {}),
  };
  return { state: IDLE, draft: null, commit };
}

/**
 * The lasso: draw around the region in one stroke; or press (click, Enter) at each vertex and press twice at the
 * last one to close it.
 */
export const lassoTool: ToolDef<LassoState> = {
  id: 'lasso',
  label: 'Lasso',
  key: 'L',
  order: 3,
  help: 'Draw around the region (keyboard: Enter at each vertex, Enter twice to close).',
  enter: 'add a lasso vertex (twice to close it)',
  idle: IDLE,
  on: (s, e, env) => {
    switch (e.type) {
      case 'press': {
        const last = s.points.at(-1);
        if (last && last.x === e.at.x && last.y === e.at.y && s.points.length >= 3) return close(s.points, env);
        const points = [...s.points, e.at];
        return { state: { points, held: true }, draft: { kind: 'lasso', points } };
      }
      case 'drag': {
        if (!s.held) return rest(s);
        const points = [...s.points, e.at];
        return { state: { points, held: true }, draft: { kind: 'lasso', points } };
      }
      case 'hover':
        return { state: s, draft: s.points.length ? { kind: 'lasso', points: [...s.points, e.at] } : null };
      case 'release':
        // A freehand stroke closes on release; a click leaves its vertex placed for the next.
        if (s.held && e.moved) return close(s.points, env);
        return { state: { points: s.points, held: false }, draft: { kind: 'lasso', points: s.points } };
      case 'cancel':
        return rest(IDLE);
    }
  },
};
