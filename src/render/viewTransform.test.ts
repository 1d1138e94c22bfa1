import { describe, expect, it } from 'vitest';
import { IDENTITY_VIEW } from '../core/view';
import {
  canvasMatrix,
  clampView,
  isZoomed,
  MAX_SCALE,
  panBy,
  toImage,
  toScreen,
  wheelFactor,
  zoomAbout,
} from './viewTransform';

const close = (a: { x: number; y: number }, b: { x: number; y: number }) => {
  expect(a.x).toBeCloseTo(b.x, 12);
  expect(a.y).toBeCloseTo(b.y, 12);
};

describe('view transform', () => {
  it('identity maps screen to image unchanged', () => {
    close(toImage(IDENTITY_VIEW, { x: 0.3, y: 0.8 }), { x: 0.3, y: 0.8 });
    expect(isZoomed(IDENTITY_VIEW)).toBe(false);
  });

  it('round trip screen → image → screen', () => {
    const t = { scale: 3.5, x: 0.2, y: 0.45 };
    for (const s of [
      { x: 0, y: 0 },
      { x: 0.5, y: 0.25 },
      { x: 1, y: 1 },
      { x: 0.913, y: 0.007 },
    ])
      close(toScreen(t, toImage(t, s)), s);
  });

  it('a zoomed view shows the image point (x, y) at its top-left and x + 1/scale at its right edge', () => {
    const t = { scale: 4, x: 0.5, y: 0.25 };
    close(toImage(t, { x: 0, y: 0 }), { x: 0.5, y: 0.25 });
    close(toImage(t, { x: 1, y: 1 }), { x: 0.75, y: 0.5 });
  });

  it('zoom about a point keeps the image point under it fixed, in and out', () => {
    const s = { x: 0.3, y: 0.7 };
    const under = toImage(IDENTITY_VIEW, s);
    const zoomed = zoomAbout(IDENTITY_VIEW, 2.5, s);
    expect(zoomed.scale).toBe(2.5);
    close(toImage(zoomed, s), under);
    const more = zoomAbout(zoomed, 1.6, { x: 0.6, y: 0.4 });
    close(toImage(more, { x: 0.6, y: 0.4 }), toImage(zoomed, { x: 0.6, y: 0.4 }));
    const back = zoomAbout(more, 1 / 1.6, { x: 0.6, y: 0.4 });
    close(toImage(back, { x: 0.6, y: 0.4 }), toImage(zoomed, { x: 0.6, y: 0.4 }));
  });

  it('zoom stays within [1, MAX_SCALE]; zooming out fully gives the identity back', () => {
    expect(zoomAbout(IDENTITY_VIEW, 1000, { x: 0.5, y: 0.5 }).scale).toBe(MAX_SCALE);
    expect(zoomAbout({ scale: 3, x: 0.6, y: 0.1 }, 0.001, { x: 0.9, y: 0.9 })).toEqual(IDENTITY_VIEW);
  });

  it('clamping keeps the image filling the view: panning far away stops at the edge', () => {
    const t = { scale: 2, x: 0.25, y: 0.25 };
    expect(panBy(t, { x: 10, y: -10 })).toEqual({ scale: 2, x: 0, y: 0.5 });
    const far = clampView({ scale: 4, x: 7, y: -3 });
    expect(far).toEqual({ scale: 4, x: 0.75, y: 0 });
    // The view's corners are still on the image.
    for (const corner of [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]) {
      const p = toImage(far, corner);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(1);
    }
    expect(clampView({ scale: Number.NaN, x: Number.NaN, y: 0.5 })).toEqual(IDENTITY_VIEW);
  });

  it('panning moves the image with the pointer', () => {
    const t = { scale: 4, x: 0.4, y: 0.4 };
    const grabbed = toImage(t, { x: 0.5, y: 0.5 });
    const moved = panBy(t, { x: 0.1, y: -0.2 });
    close(toImage(moved, { x: 0.6, y: 0.3 }), grabbed);
  });

  it('the canvas matrix draws the image point at its screen position', () => {
    const t = { scale: 2, x: 0.25, y: 0.5 };
    const [a, , , d, e, f] = canvasMatrix(t, 200, 100);
    const p = { x: 0.4, y: 0.6 };
    const s = toScreen(t, p);
    expect(a * p.x * 200 + e).toBeCloseTo(s.x * 200, 9);
    expect(d * p.y * 100 + f).toBeCloseTo(s.y * 100, 9);
  });

  it('wheel: down zooms out, up zooms in, lines count more than pixels, huge deltas are bounded', () => {
    expect(wheelFactor(100, 0, false)).toBeLessThan(1);
    expect(wheelFactor(-100, 0, false)).toBeGreaterThan(1);
    expect(wheelFactor(-3, 1, false)).toBeGreaterThan(wheelFactor(-3, 0, false));
    expect(wheelFactor(-1e6, 0, false)).toBeCloseTo(Math.exp(0.6), 9);
  });
});
