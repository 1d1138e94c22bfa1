import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { IDENTITY_VIEW } from '../core/view';
import { DEFAULT_DIFF_DISPLAY, DEFAULT_DISPLAY, diffPair, displayOf } from './viewSlice';

describe('view slice', () => {
  it('starts unzoomed, with no hover and the default display for every panel', () => {
    const s = createAppStore().getState();
    expect(s.viewTransform).toEqual({ scale: 1, x: 0, y: 0 });
    expect(s.hoverPoint).toBeNull();
    expect(displayOf(s, 'gradcam')).toEqual({ alpha: 0.7, mapOnly: false });
    expect(displayOf(s, 'diff')).toEqual(DEFAULT_DIFF_DISPLAY);
  });

  it('one transform for every view: set, unchanged sets keep the object, non-finite is refused, reset', () => {
    const store = createAppStore();
    store.getState().setViewTransform({ scale: 2, x: 0.25, y: 0.5 });
    const t = store.getState().viewTransform;
    expect(t).toEqual({ scale: 2, x: 0.25, y: 0.5 });
    store.getState().setViewTransform({ scale: 2, x: 0.25, y: 0.5 });
    expect(store.getState().viewTransform).toBe(t);
    store.getState().setViewTransform({ scale: Number.NaN, x: 0, y: 0 });
    expect(store.getState().viewTransform).toBe(t);
    store.getState().resetView();
    expect(store.getState().viewTransform).toBe(IDENTITY_VIEW);
  });

  it('the hover point is shared and cleared; the same point twice notifies once', () => {
    const store = createAppStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().setHoverPoint({ x: 0.3, y: 0.4 });
    store.getState().setHoverPoint({ x: 0.3, y: 0.4 });
    expect(store.getState().hoverPoint).toEqual({ x: 0.3, y: 0.4 });
    store.getState().setHoverPoint(null);
    expect(store.getState().hoverPoint).toBeNull();
    expect(calls).toBe(2);
  });

  it('display settings are per panel, and opacity is clamped to [0, 1]', () => {
    const store = createAppStore();
    store.getState().setPanelDisplay('xres', { mapOnly: true });
    store.getState().setPanelDisplay('rise', { alpha: 1.7 });
    store.getState().setPanelDisplay('gradcam', { alpha: -2 });
    const s = store.getState();
    expect(displayOf(s, 'xres')).toEqual({ ...DEFAULT_DISPLAY, mapOnly: true });
    expect(displayOf(s, 'rise')).toEqual({ alpha: 1, mapOnly: false });
    expect(displayOf(s, 'gradcam').alpha).toBe(0);
    expect(displayOf(s, 'layercam')).toEqual(DEFAULT_DISPLAY);
  });
});

describe('the difference pair', () => {
  it('defaults to Seg-XRes-CAM − Seg-Grad-CAM when both are on screen', () => {
    expect(diffPair(['gradcam', 'xres', 'rise'], undefined)).toEqual({ a: 'xres', b: 'gradcam' });
  });
  it('keeps a chosen pair while both are on screen, else falls back', () => {
    expect(diffPair(['gradcam', 'xres', 'rise'], { a: 'rise', b: 'xres' })).toEqual({ a: 'rise', b: 'xres' });
    expect(diffPair(['gradcam', 'xres'], { a: 'rise', b: 'xres' })).toEqual({ a: 'xres', b: 'gradcam' });
    expect(diffPair(['layercam', 'rise'], { a: 'rise', b: 'rise' })).toEqual({ a: 'rise', b: 'layercam' });
  });
  it('needs two methods', () => {
    expect(diffPair(['rise'], undefined)).toBeNull();
    expect(diffPair([], { a: 'xres', b: 'gradcam' })).toBeNull();
  });
});
