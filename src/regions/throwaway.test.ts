import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * README's promise, checked: a new region kind is one folder plus one line of the registry (and its import). A copy of
 * src/core, src/regions and the target builder gets a throw-away "ellipse" folder and that line, nothing else; the
 * link codec, the target builder, the class rule, the words and the toolbar's tools then know the ellipse.
 */
const SRC = resolve(__dirname, '..');

const ELLIPSE_KIND = `
import type { Grid } from '../../core/grid';
import { decodeCoordinates, fixed, quantizePoint } from '../coordinates';
import { DRAWN_CLASS_FROM, drawnTarget } from '../drawn';
import { ellipseTool } from './tool';

/** Cells whose centre lies inside the ellipse. */
const marked = (r, grid: Grid) => {
  const m = new Uint8Array(grid.width * grid.height);
  for (let i = 0; i < m.length; i++) {
    const x = ((i % grid.width) + 0.5) / grid.width;
    const y = (Math.floor(i / grid.width) + 0.5) / grid.height;
    m[i] = ((x - r.cx) / r.rx) ** 2 + ((y - r.cy) / r.ry) ** 2 <= 1 ? 1 : 0;
  }
  return m;
};

export const ellipse = {
  kind: 'ellipse',
  role: 'drawn',
  noun: 'ellipse',
  marked,
  target: (r, cls, env) => drawnTarget(marked(r, env.grid), !!r.exact, cls, env.labels),
  encode: (r) => [r.cx, r.cy, r.rx, r.ry].map(fixed).join(','),
  decode: (body, d) => {
    const v = decodeCoordinates(body, d, (n) => n === 4, 'cx,cy,rx,ry');
    return v ? { kind: 'ellipse', cx: v[0], cy: v[1], rx: v[2], ry: v[3] } : null;
  },
  quantize: (r) => {
    const c = quantizePoint({ x: r.cx, y: r.cy });
    const s = quantizePoint({ x: r.rx, y: r.ry });
    return { ...r, cx: c.x, cy: c.y, rx: s.x, ry: s.y };
  },
  describe: (r) => \`ellipse of radii \${r.rx.toFixed(2)}×\${r.ry.toFixed(2)}\`,
  classFrom: DRAWN_CLASS_FROM,
  tools: [ellipseTool],
};
`;

const ELLIPSE_TOOL = `
import { rest } from '../tool';

const ring = (c, p) => Array.from({ length: 16 }, (_, i) => ({
  x: c.x + Math.abs(p.x - c.x) * Math.cos((i * Math.PI) / 8),
  y: c.y + Math.abs(p.y - c.y) * Math.sin((i * Math.PI) / 8),
}));
const of = (c, p) => ({ kind: 'ellipse', cx: c.x, cy: c.y, rx: Math.abs(p.x - c.x), ry: Math.abs(p.y - c.y) });

/** Drag from the centre out; or Enter at the centre, then at a corner of the bounding box. */
export const ellipseTool = {
  id: 'ellipse',
  label: 'Ellipse',
  key: 'O',
  order: 5,
  help: 'Drag from the centre of an ellipse (keyboard: Enter at the centre, then at its edge).',
  enter: 'set an ellipse centre or edge',
  idle: { centre: null },
  on: (s, e) => {
    const done = (at) => ({ state: { centre: null }, draft: null, commit: of(s.centre, at) });
    if (e.type === 'press') return s.centre ? done(e.at) : rest({ centre: e.at });
    if (e.type === 'drag' || e.type === 'hover')
      return { state: s, draft: s.centre ? { kind: 'lasso', points: ring(s.centre, e.at) } : null };
    if (e.type === 'release' && s.centre && e.moved) return done(e.at);
    if (e.type === 'cancel') return rest({ centre: null });
    return rest(s);
  },
};
`;

let root = '';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- modules of a copy made at run time
const load = (file: string): Promise<any> => import(/* @vite-ignore */ join(root, file));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'regions-throwaway-'));
  for (const dir of ['core', 'regions']) cpSync(join(SRC, dir), join(root, dir), { recursive: true });
  mkdirSync(join(root, 'explain'));
  cpSync(join(SRC, 'explain/target.ts'), join(root, 'explain/target.ts'));
  // The folder…
  mkdirSync(join(root, 'regions/ellipse'));
  writeFileSync(join(root, 'regions/ellipse/kind.ts'), ELLIPSE_KIND);
  writeFileSync(join(root, 'regions/ellipse/tool.ts'), ELLIPSE_TOOL);
  // …and the line (with its import).
  const registry = join(root, 'regions/registry.ts');
  const text = readFileSync(registry, 'utf8');
  const edited = text
    .replace(
      "import { box } from './box/kind';",
      "import { box } from './box/kind';\nimport { ellipse } from './ellipse/kind';",
    )
    .replace(/^( {2}brush,.*\n)/m, '$1  ellipse, // a drawn ellipse (ellipse tool)\n');
  expect(edited.split('\n').length - text.split('\n').length).toBe(2);
  writeFileSync(registry, edited);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// 8×8: class 2 fills the 4×4 block in the middle, background elsewhere.
const labels = Uint8Array.from({ length: 64 }, (_, i) => {
  const [r, c] = [Math.floor(i / 8), i % 8];
  return r >= 2 && r < 6 && c >= 2 && c < 6 ? 2 : 0;
});
const around = { kind: 'ellipse', cx: 0.5, cy: 0.5, rx: 0.45, ry: 0.45 };

describe('a throw-away "ellipse" kind: one folder and one registry line', () => {
  it('travels in share links, alone, as drawn and inside a contrastive target', async () => {
    const { encodeRegion, decodeRegion } = await load('regions/codec.ts');
    const warnings: string[] = [];
    const back = (r: object) => decodeRegion(encodeRegion(r), (w: string) => warnings.push(w), String);
    expect(encodeRegion(around)).toBe('ellipse:0.5000,0.5000,0.4500,0.4500');
    expect(back(around)).toEqual(around);
    expect(back({ ...around, exact: true })).toEqual({ ...around, exact: true });
    const contrast = { kind: 'contrastive', versus: 1, area: around };
    expect(back(contrast)).toEqual(contrast);
    expect(warnings).toEqual([]);
    expect(decodeRegion('ellipse:0.5,0.5', (w: string) => warnings.push(w), String)).toBeNull();
    expect(warnings.join(' ')).toMatch(/needs cx,cy,rx,ry/);
  });
  it('is explained by the target builder, with the class most of its pixels predict', async () => {
    const { buildTarget } = await load('explain/target.ts');
    const t = buildTarget(around, {
      labels,
      grid: { width: 8, height: 8 },
      numClasses: 3,
      classNames: ['bg', 'one', 'two'],
      classIndex: null,
    });
    expect(t.classIndex).toBe(2);
    expect(t.region.reduce((n: number, v: number) => n + v, 0)).toBe(16);
    expect(t.removedByClass).toBeGreaterThan(0);
  });
  it('has its words, its read-out and its tool in the toolbar, driven like any other', async () => {
    const { describeRegion } = await load('regions/describe.ts');
    const { classFromWords } = await load('regions/classRule.ts');
    const { TOOLS, toolOf } = await load('regions/registry.ts');
    const { wrapTarget } = await load('regions/edit.ts');
    expect(describeRegion({ ...around, exact: true })).toBe('ellipse of radii 0.45×0.45, drawn pixels as they are');
    expect(classFromWords(around, false)).toMatch(/most of the drawn pixels/);
    expect(TOOLS.map((t: { key: string }) => t.key)).toEqual(['V', 'B', 'R', 'L', 'E', 'O']);
    const tool = toolOf('ellipse');
    let state = tool.idle;
    const commits: unknown[] = [];
    for (const e of [
      { type: 'press', at: { x: 0.5, y: 0.5 } },
      { type: 'release', at: { x: 0.5, y: 0.5 }, moved: false },
      { type: 'hover', at: { x: 0.75, y: 0.75 } },
      { type: 'press', at: { x: 0.75, y: 0.75 } },
    ]) {
      const step = tool.on(state, e, {});
      state = step.state;
      if (step.commit) commits.push(step.commit);
    }
    expect(commits).toEqual([{ kind: 'ellipse', cx: 0.5, cy: 0.5, rx: 0.25, ry: 0.25 }]);
    // The border of an ellipse drawn around an object is that object's border.
    const border = wrapTarget(around, 'border', 0, { labels, grid: { width: 8, height: 8 } });
    expect(labels[Math.floor(border.zone.y * 8) * 8 + Math.floor(border.zone.x * 8)]).toBe(2);
  });
});
