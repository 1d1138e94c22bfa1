import { describe, expect, it } from 'vitest';
import { defaultMethodSettings } from '../methods/registry';
import { adaptSettings } from './adaptSettings';

const withWindow = (window: number) => ({
  ...defaultMethodSettings(),
  xres: { pool: 'mean' as const, window, edges: 'valid' as const },
});

describe('adaptSettings', () => {
  it('keeps windows that fit, the explicit full grid (0) and every other setting', () => {
    for (const w of [0, 1, 5])
      expect(adaptSettings(withWindow(w), [6, 6], 'b')).toEqual({ settings: withWindow(w), notes: [] });
  });
  it('a window as large as the grid or larger goes back to the default 2, with a note', () => {
    const { settings, notes } = adaptSettings(withWindow(8), [6, 6], 'bottleneck');
    expect(settings.xres).toEqual({ pool: 'mean', window: 2, edges: 'valid' });
    expect(notes).toEqual([
      'Seg-XRes-CAM: a 8×8 window does not fit the 6×6 grid of layer ' +
        'bottleneck (it would be the whole grid); set to 2×2.',
    ]);
    expect(adaptSettings(withWindow(6), [6, 6], 'b').settings.xres.window).toBe(2);
  });
  it('on a 2×2 grid the default itself does not fit: 1×1', () => {
    expect(adaptSettings(withWindow(4), [2, 2], 'b').settings.xres.window).toBe(1);
  });
});
