import { rest, type ToolDef } from '../tool';

/** The point tool: a click (a press released where it started) explains the pixel, its blob or its class. */
export const pointTool: ToolDef<{ pressed: boolean }> = {
  id: 'point',
  label: 'Point',
  key: 'V',
  order: 0,
  help: 'Click a pixel to explain it (or focus the image, move with the arrow keys, press Enter).',
  enter: 'explain the point',
  idle: { pressed: false },
  on: (s, e, env) => {
    if (e.type === 'press') return rest({ pressed: true });
    if (e.type === 'release' && s.pressed && !e.moved)
      return { state: { pressed: false }, draft: null, commit: { kind: env.clickMode, x: e.at.x, y: e.at.y } };
    if (e.type === 'release' || e.type === 'cancel') return rest({ pressed: false });
    return rest(s);
  },
};
