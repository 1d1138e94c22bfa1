import type { Point } from '../../core/region';
import { rest, type ToolDef, type ToolEnv } from '../tool';
import type { BoxRegion } from './kind';

/** The first corner, once placed; `held` while the press that placed it is down. */
interface BoxState {
  corner: Point | null;
  held: boolean;
}

const boxOf = (a: Point, b: Point, env: ToolEnv): BoxRegion => ({
  kind: 'box',
  x0: a.x,
  y0: a.y,
  x1: b.x,
  y1: b.y,
  ...(env.exact ? { exact: true } : {}),
});
const draft = (a: Point, b: Point) => ({ kind: 'box' as const, x0: a.x, y0: a.y, x1: b.x, y1: b.y });

/**
 * The box tool: drag from corner to corner; or press (click, Enter) at one corner, move, and press at the other.
 */
export const boxTool: ToolDef<BoxState> = {
  id: 'box',
  label: 'Box',
  key: 'R',
  order: 2,
  help: 'Drag a box (keyboard: Enter at one corner, then at the other).',
  enter: 'set a box corner',
  idle: { corner: null, held: false },
  on: (s, e, env) => {
    switch (e.type) {
      case 'press':
        if (s.corner) return { state: { corner: null, held: false }, draft: null, commit: boxOf(s.corner, e.at, env) };
        return rest({ corner: e.at, held: true });
      case 'drag':
      case 'hover':
        return { state: s, draft: s.corner ? draft(s.corner, e.at) : null };
      case 'release':
        if (!s.corner || !s.held) return rest(s);
        // A drag draws the box; a click leaves its first corner placed for the second.
        if (e.moved) return { state: { corner: null, held: false }, draft: null, commit: boxOf(s.corner, e.at, env) };
        return rest({ corner: s.corner, held: false });
      case 'cancel':
        return rest({ corner: null, held: false });
    }
  },
};
