import { describe, expect, it } from 'vitest';
import { paintDisc, paintSegment } from './brush/paint';
import { areaOf, wrapTarget } from './edit';
import { simplifyPolygon } from './polygon/kind';

const rows = (m: Uint8Array, w: number) =>
  Array.from({ length: m.length / w }, (_, r) => Array.from(m.slice(r * w, r * w + w)).join(''));

describe('brush strokes on the output grid', () => {
  it('a dab of radius 1 at a cell centre covers the centre and its 4 neighbours (centres within 1 cell)', () => {
    const m = new Uint8Array(25);
    paintDisc(m, { width: 5, height: 5 }, { x: 0.5, y: 0.5 }, 1, 1);
    expect(rows(m, 5)).toEqual(['00000', '00100', '01110', '00100', '00000']);
  });
  it('a dab at the image corner is clipped to the grid', () => {
    const m = new Uint8Array(16);
    paintDisc(m, { width: 4, height: 4 }, { x: 0, y: 0 }, 1.6, 1);
    // Centres within 1.6 of the corner (0, 0): (0.5, 0.5) at 0.71, (1.5, 0.5) and (0.5, 1.5) at 1.58;
    // (1.5, 1.5) is 2.12 away.
    expect(rows(m, 4)).toEqual(['1100', '1000', '0000', '0000']);
  });
  it('a fast stroke leaves no gap, and the eraser clears what it crosses', () => {
    const m = new Uint8Array(10 * 3);
    paintSegment(m, { width: 10, height: 3 }, { x: 0.05, y: 0.5 }, { x: 0.95, y: 0.5 }, 0.5, 1);
    expect(rows(m, 10)).toEqual(['0000000000', '1111111111', '0000000000']);
    paintSegment(m, { width: 10, height: 3 }, { x: 0.35, y: 0.5 }, { x: 0.55, y: 0.5 }, 0.5, 0);
    expect(rows(m, 10)[1]).toBe('1110001111');
  });
});

describe('target modes', () => {
  it('a border needs a zone: a point becomes the blob under it; a class zone stays', () => {
    expect(wrapTarget({ kind: 'point', x: 0.2, y: 0.3 }, 'border', 0)).toEqual({
      kind: 'border',
      zone: { kind: 'component', x: 0.2, y: 0.3 },
    });
    expect(wrapTarget({ kind: 'class', x: 0.2, y: 0.3 }, 'border', 0)).toEqual({
      kind: 'border',
      zone: { kind: 'class', x: 0.2, y: 0.3 },
    });
  });
  it('contrastive wraps any area and unwraps back to it', () => {
    const box = { kind: 'box' as const, x0: 0, y0: 0, x1: 0.5, y1: 0.5 };
    const r = wrapTarget(box, 'contrastive', 3);
    expect(r).toEqual({ kind: 'contrastive', area: box, versus: 3 });
    expect(areaOf(r)).toBe(box);
  });
  it("a long lasso is thinned to the link's vertex budget", () => {
    const pts = Array.from({ length: 1000 }, (_, i) => ({ x: i / 1000, y: 0.5 }));
    expect(simplifyPolygon(pts, 256)).toHaveLength(256);
    expect(simplifyPolygon(pts.slice(0, 10), 256)).toHaveLength(10);
  });
});
