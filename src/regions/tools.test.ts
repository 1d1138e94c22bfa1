import { describe, expect, it } from 'vitest';
import type { Point } from '../core/region';
import { TOOLS, toolOf } from './registry';
import type { GestureEvent, ToolEnv } from './tool';

const env = (over: Partial<ToolEnv> = {}): ToolEnv => ({
  grid: { width: 4, height: 4 },
  radius: 0.5,
  exact: false,
  drawn: () => null,
  explained: null,
  clicked: false,
  clickMode: 'point',
  ...over,
});

/** Runs a tool's gesture over events; returns what it committed and the last draft. */
function run(id: string, events: GestureEvent[], e: ToolEnv = env()) {
  const tool = toolOf(id);
  if (!tool) throw new Error(id);
  let state = tool.idle;
  const commits: unknown[] = [];
  let draft: unknown = null;
  for (const ev of events) {
    const step = tool.on(state, ev, e);
    state = step.state;
    draft = step.draft;
    if (step.commit) commits.push(step.commit);
  }
  return { commits, draft };
}

const press = (at: Point): GestureEvent => ({ type: 'press', at });
const drag = (at: Point): GestureEvent => ({ type: 'drag', at });
const hover = (at: Point): GestureEvent => ({ type: 'hover', at });
const release = (at: Point, moved = true): GestureEvent => ({ type: 'release', at, moved });
/** The keyboard's Enter: a press and a release where the cursor is. */
const enter = (at: Point): GestureEvent[] => [press(at), release(at, false)];

const A = { x: 0.1, y: 0.2 };
const B = { x: 0.6, y: 0.7 };
const C = { x: 0.2, y: 0.8 };

describe('region tools: one gesture for the pointer and the keyboard', () => {
  it('every tool has a distinct key, label and place, and says what Enter does', () => {
    expect(TOOLS.map((t) => t.id)).toEqual(['point', 'brush', 'box', 'lasso', 'eraser']);
    expect(new Set(TOOLS.map((t) => t.key)).size).toBe(TOOLS.length);
    for (const t of TOOLS) expect(t.enter.length, t.id).toBeGreaterThan(0);
  });
  it('point: a click explains, a drag does not; Enter is a click', () => {
    expect(run('point', [press(A), release(A, false)]).commits).toEqual([{ kind: 'point', x: 0.1, y: 0.2 }]);
    expect(run('point', [press(A), drag(B), release(B, true)]).commits).toEqual([]);
    expect(run('point', enter(A), env({ clickMode: 'component' })).commits).toEqual([
      { kind: 'component', x: 0.1, y: 0.2 },
    ]);
  });
  it('box: a drag and two Enters make the same box; a hover shows it meanwhile', () => {
    const dragged = run('box', [press(A), drag(B), release(B)]).commits;
    const keyed = run('box', [...enter(A), hover(B), ...enter(B)]).commits;
    expect(dragged).toEqual([{ kind: 'box', x0: 0.1, y0: 0.2, x1: 0.6, y1: 0.7 }]);
    expect(keyed).toEqual(dragged);
    expect(run('box', [...enter(A), hover(B)]).draft).toEqual({ kind: 'box', x0: 0.1, y0: 0.2, x1: 0.6, y1: 0.7 });
    expect(run('box', [...enter(A), { type: 'cancel' }, ...enter(B)]).commits).toEqual([]);
  });
  it('box and lasso follow "as drawn"', () => {
    expect(run('box', [press(A), drag(B), release(B)], env({ exact: true })).commits).toEqual([
      { kind: 'box', x0: 0.1, y0: 0.2, x1: 0.6, y1: 0.7, exact: true },
    ]);
  });
  it('lasso: a freehand stroke and Enter at each vertex (twice at the last) make the same polygon', () => {
    const stroke = run('lasso', [press(A), drag(B), drag(C), release(C)]).commits;
    const keyed = run('lasso', [...enter(A), hover(B), ...enter(B), ...enter(C), ...enter(C)]).commits;
    expect(stroke).toEqual([{ kind: 'polygon', points: [A, B, C] }]);
    expect(keyed).toEqual(stroke);
    // Fewer than three vertices: nothing to close.
    expect(run('lasso', [press(A), drag(B), release(B)]).commits).toEqual([]);
    expect(run('lasso', [...enter(A), hover(B)]).draft).toEqual({ kind: 'lasso', points: [A, B] });
  });
  it('brush: a stroke paints, Enter dabs; strokes add to the drawn area on screen', () => {
    const [painted] = run('brush', enter({ x: 0.1, y: 0.1 })).commits as { mask: Uint8Array }[];
    expect(Array.from(painted?.mask ?? [])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const drawn = new Uint8Array(16).fill(0);
    drawn[15] = 1;
    const [added] = run(
      'brush',
      [press({ x: 0.1, y: 0.1 }), drag({ x: 0.9, y: 0.1 }), release({ x: 0.9, y: 0.1 })],
      env({ drawn: () => drawn.slice() }),
    ).commits as { mask: Uint8Array }[];
    expect(Array.from(added?.mask ?? [])).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
  it('eraser: erases from what was explained of a click region, kept as drawn; with nothing, does nothing', () => {
    const explained = new Uint8Array(16).fill(1);
    const [left] = run('eraser', enter({ x: 0.1, y: 0.1 }), env({ explained, clicked: true })).commits as {
      mask: Uint8Array;
      exact?: boolean;
    }[];
    expect(left?.mask[0]).toBe(0);
    expect(left?.mask[1]).toBe(1);
    expect(left?.exact).toBe(true);
    expect(run('eraser', enter({ x: 0.1, y: 0.1 })).commits).toEqual([]);
  });
});
