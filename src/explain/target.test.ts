import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { borderWeights } from '../regions/border/weights';
import { resampleMask } from '../regions/brush/kind';
import { rasterizePolygon } from '../regions/polygon/kind';
import { regionScore, weightedScore, weightsTensor } from './score';
import { buildTarget, denseWeights, weightAt, type TargetInput } from './target';

beforeAll(useCpuBackend);

const rows = (m: ArrayLike<number>, w: number) =>
  Array.from({ length: m.length / w }, (_, r) =>
    Array.from(m)
      .slice(r * w, r * w + w)
      .join(''),
  );

// 4×4 labels: class 1 in two separate blobs (left column, and a 2×2 block at the right).
const labels = Uint8Array.from([1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0]);
const input = (over: Partial<TargetInput> = {}): TargetInput => ({
  labels,
  grid: { width: 4, height: 4 },
  numClasses: 3,
  classNames: ['bg', 'one', 'two'],
  classIndex: null,
  ...over,
});
const channel = (w: Float32Array, c: number, n = 3) =>
  Array.from({ length: w.length / n }, (_, i) => w[i * n + c] as number);

describe('drawn regions', () => {
  it('a box is intersected with the class most of its pixels predict, and says how much that removed', () => {
    const t = buildTarget({ kind: 'box', x0: 0.3, y0: 0.3, x1: 0.99, y1: 0.6 }, input());
    expect(t.classIndex).toBe(1);
    expect(rows(t.region, 4)).toEqual(['0000', '0011', '0011', '0000']);
    expect(t.removedByClass).toBe(2);
  });
  it('"as drawn" keeps every drawn pixel', () => {
    const t = buildTarget({ kind: 'box', x0: 0.3, y0: 0.3, x1: 0.99, y1: 0.6, exact: true }, input({ classIndex: 1 }));
    expect(rows(t.region, 4)).toEqual(['0000', '0111', '0111', '0000']);
    expect(t.removedByClass).toBe(0);
  });
  it('a self-crossing polygon (a bow tie) fills its two triangles, by cell centres', () => {
    // Vertices in cells: (0.2,0) → (3.8,4) → (3.8,0) → (0.2,4): two diagonals crossing at (2,2) and two vertical
    // sides at x = 0.2 and 3.8, so a left and a right triangle.
    const pts = [
      { x: 0.05, y: 0 },
      { x: 0.95, y: 1 },
      { x: 0.95, y: 0 },
      { x: 0.05, y: 1 },
    ];
    // Row 0 (y = 0.5) crosses at x = 0.2, 0.65, 3.35, 3.8: spans [0.2, 0.65) and [3.35, 3.8) hold centres 0.5 and 3.5.
    // Row 1 (y = 1.5) crosses at 0.2, 1.55, 2.45, 3.8: centres 0.5, 1.5 and 2.5, 3.5. Rows 2 and 3 mirror rows 1 and 0.
    expect(rows(rasterizePolygon(pts, { width: 4, height: 4 }), 4)).toEqual(['1001', '1111', '1111', '1001']);
  });
  it('a pentagram leaves out its doubly covered centre (even-odd rule) and keeps its tips', () => {
    const star = Array.from({ length: 5 }, (_, i) => {
      const a = -Math.PI / 2 + (i * 4 * Math.PI) / 5;
      return { x: 0.5 + 0.45 * Math.cos(a), y: 0.5 + 0.45 * Math.sin(a) };
    });
    const m = rasterizePolygon(star, { width: 41, height: 41 });
    expect(m[20 * 41 + 20]).toBe(0);
    expect(m[5 * 41 + 20]).toBe(1); // the top tip
  });
  it('a brush stroke at the image edge is resampled by nearest cell centres', () => {
    const brush = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1]); // 4×2, right column painted
    expect(rows(resampleMask(brush, { width: 4, height: 2 }, { width: 2, height: 4 }), 2)).toEqual([
      '01',
      '01',
      '01',
      '01',
    ]);
  });
  it('a lasso drawn around an object, starting on the background beside it, explains the object (bug 1)', () => {
    // 8×8: class 2 fills the 4×4 block in the middle; the loop starts at a background cell left of it.
    const block = Uint8Array.from({ length: 64 }, (_, i) => {
      const [r, c] = [Math.floor(i / 8), i % 8];
      return r >= 2 && r < 6 && c >= 2 && c < 6 ? 2 : 0;
    });
    const loop = [
      { x: 0.1, y: 0.5 },
      { x: 0.1, y: 0.1 },
      { x: 0.9, y: 0.1 },
      { x: 0.9, y: 0.9 },
      { x: 0.1, y: 0.9 },
    ];
    const t = buildTarget({ kind: 'polygon', points: loop }, input({ labels: block, grid: { width: 8, height: 8 } }));
    expect(t.classIndex).toBe(2);
    expect(t.region.reduce((n, v) => n + v, 0)).toBe(16);
  });
  it('every drawn kind takes the class most of its drawn pixels predict, wherever it starts or is centred', () => {
    // 4×4: class 2 on the top row and the right column, class 1 at the bottom-left corner, background elsewhere.
    const l = Uint8Array.from([2, 2, 2, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 0, 0, 2]);
    const at = (region: Parameters<typeof buildTarget>[0]) =>
      buildTarget(region, input({ labels: l, grid: { width: 4, height: 4 } })).classIndex;
    // A box whose centre cell (row 2, col 2) is background, a lasso whose first vertex is on class 1, a full brush.
    expect(at({ kind: 'box', x0: 0, y0: 0, x1: 0.99, y1: 0.99 })).toBe(2);
    const square = [
      { x: 0.01, y: 0.99 },
      { x: 0.01, y: 0.01 },
      { x: 0.99, y: 0.01 },
      { x: 0.99, y: 0.99 },
    ];
    expect(at({ kind: 'polygon', points: square })).toBe(2);
    expect(at({ kind: 'brush', width: 4, height: 4, mask: new Uint8Array(16).fill(1) })).toBe(2);
    // Background wins only when nothing else is drawn.
    expect(at({ kind: 'box', x0: 0.3, y0: 0.3, x1: 0.6, y1: 0.6 })).toBe(0);
  });
  it('an empty region is refused with a message', () => {
    expect(() => buildTarget({ kind: 'box', x0: 0.3, y0: 0.8, x1: 0.6, y1: 0.99 }, input({ classIndex: 1 }))).toThrow(
      /region is empty/,
    );
  });
});

describe('object border (Xplique)', () => {
  it("matches the 5×5 example in the docstring of Xplique's get_in_out_border", () => {
    const zone = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(borderWeights(zone, { width: 5, height: 5 }))).toEqual([
      0, 0, -1, -1, -1, 0, -1, -1, 1, 1, 0, -1, 1, 1, 0, -1, -1, 1, 0, 0, -1, 1, 1, 0, 0,
    ]);
  });
  it('on a 3×3 zone in a 7×7 grid: +1 on its own ring, −1 on the ring around it, 0 at its centre and far away', () => {
    const zone = new Uint8Array(49);
    for (let r = 2; r <= 4; r++) for (let c = 2; c <= 4; c++) zone[r * 7 + c] = 1;
    const w = Array.from(borderWeights(zone, { width: 7, height: 7 }), (v) => (v < 0 ? '-' : v > 0 ? '+' : '0'));
    expect(
      rows(
        w.map((v) => (v === '-' ? 2 : v === '+' ? 1 : 0)),
        7,
      ),
    ).toEqual(['0000000', '0222220', '0211120', '0210120', '0211120', '0222220', '0000000']);
  });
  it('at the image border, symmetric padding repeats the edge: a 3×3 zone in a 5×5 grid has its outer ring −1', () => {
    const zone = new Uint8Array(25);
    for (let r = 1; r <= 3; r++) for (let c = 1; c <= 3; c++) zone[r * 5 + c] = 1;
    const w = borderWeights(zone, { width: 5, height: 5 });
    expect(
      rows(
        Array.from(w, (v) => (v < 0 ? 2 : v)),
        5,
      ),
    ).toEqual(['22222', '21112', '21012', '21112', '22222']);
  });
  it('as a target: M is the inner ring, W is ±1 in the class channel only', () => {
    const t = buildTarget({ kind: 'border', zone: { kind: 'component', x: 0.8, y: 0.4 } }, input());
    expect(rows(t.region, 4)).toEqual(['0000', '0011', '0011', '0000']);
    const w = denseWeights(t);
    expect(channel(w, 0).every((v) => v === 0) && channel(w, 2).every((v) => v === 0)).toBe(true);
    expect(channel(w, 1).filter((v) => v < 0).length).toBeGreaterThan(0);
  });
});

describe('contrastive target', () => {
  it('S = S_c − S_c′ over M, checked by hand on fixed logits', () => {
    const t = buildTarget({ kind: 'contrastive', area: { kind: 'component', x: 0.1, y: 0.1 }, versus: 2 }, input());
    expect(rows(t.region, 4)).toEqual(['1000', '1000', '1000', '0000']);
    // Logits Y[i, c] = i + 10c, so over M = pixels {0, 4, 8}: S_1 = 30 + 12, S_2 = 60 + 12, S = −30.
    const y = tf.tensor4d(
      Float32Array.from({ length: 48 }, (_, k) => Math.floor(k / 3) + 10 * (k % 3)),
      [1, 4, 4, 3],
    );
    const w = tf.tensor4d(denseWeights(t), [1, 4, 4, 3]);
    expect(weightedScore(y, w).dataSync()[0]).toBeCloseTo(-30, 5);
    const m = tf.tensor2d(Float32Array.from(t.region), [4, 4]);
    const byHand = (regionScore(y, m, 1).dataSync()[0] as number) - (regionScore(y, m, 2).dataSync()[0] as number);
    expect(weightedScore(y, w).dataSync()[0]).toBeCloseTo(byHand, 5);
  });
  it('refuses the same class twice', () => {
    expect(() =>
      buildTarget({ kind: 'contrastive', area: { kind: 'point', x: 0.1, y: 0.1 }, versus: 1 }, input()),
    ).toThrow(/different/);
  });
});

describe('sparse target weights', () => {
  const targets = () => [
    buildTarget({ kind: 'component', x: 0.8, y: 0.4 }, input()),
    buildTarget({ kind: 'border', zone: { kind: 'component', x: 0.8, y: 0.4 } }, input()),
    buildTarget({ kind: 'contrastive', area: { kind: 'component', x: 0.1, y: 0.1 }, versus: 2 }, input()),
  ];
  it('the tensor built on the backend holds the dense array exactly, and weightAt reads it', () => {
    for (const t of targets()) {
      const dense = denseWeights(t);
      expect(dense.length).toBe(16 * 3);
      expect(t.channels.length).toBeGreaterThan(0);
      const w = weightsTensor(t, [4, 4]);
      expect(w.shape).toEqual([1, 4, 4, 3]);
      expect(Array.from(w.dataSync())).toEqual(Array.from(dense));
      w.dispose();
      for (let i = 0; i < 16; i++) for (let c = 0; c < 3; c++) expect(weightAt(t, i, c)).toBe(dense[i * 3 + c]);
    }
  });
  it('makes no tensor it does not return', () => {
    const before = tf.memory().numTensors;
    targets().forEach((t) => weightsTensor(t, [4, 4]).dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
