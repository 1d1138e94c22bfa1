import { describe, expect, it } from 'vitest';
import { fitText, panelPngLayout, PNG_MAP_SIDE, turboCss } from './panelPng';

describe('panelPngLayout', () => {
  it('draws a square image at 768 px with the text above and the colour bar below, nothing overlapping', () => {
    const l = panelPngLayout([256, 256], 7);
    expect([l.map.w, l.map.h]).toEqual([PNG_MAP_SIDE, PNG_MAP_SIDE]);
    expect(l.width).toBe(PNG_MAP_SIDE + 48);
    expect(l.map.x).toBe(24);
    const lastLine = l.lines.at(-1)?.y ?? 0;
    expect(l.title.y).toBeLessThan(l.lines[0]?.y ?? 0);
    expect(lastLine).toBeLessThan(l.map.y);
    expect(l.map.y + l.map.h).toBeLessThan(l.bar.y);
    expect(l.bar.y + l.bar.h).toBeLessThan(l.tickY);
    expect(l.tickY).toBeLessThan(l.captionY);
    expect(l.captionY).toBeLessThan(l.height);
    expect(l.bar.w).toBe(PNG_MAP_SIDE);
    // Integer sizes: a canvas and a PNG have whole pixels.
    for (const v of [l.width, l.height, l.map.x, l.map.y, l.map.w, l.map.h]) expect(Number.isInteger(v)).toBe(true);
  });

  it('keeps the aspect and centres a narrow map, the text keeping its room', () => {
    const wide = panelPngLayout([640, 480], 7);
    expect([wide.map.w, wide.map.h]).toEqual([768, 576]);
    const tall = panelPngLayout([300, 900], 7);
    expect([tall.map.w, tall.map.h]).toEqual([256, 768]);
    expect(tall.width).toBe(640 + 48);
    expect(tall.map.x).toBe(24 + (640 - 256) / 2);
    // Each parameter line adds one line height.
    expect(panelPngLayout([256, 256], 8).height - panelPngLayout([256, 256], 7).height).toBe(24);
    // A 96×96 model image is drawn 8× larger, the same size as a 256×256 one.
    expect(panelPngLayout([96, 96], 7)).toEqual(panelPngLayout([256, 256], 7));
  });
});

describe('fitText', () => {
  const measure = (t: string) => t.length * 10;
  it('keeps text that fits and cuts the rest with an ellipsis that fits', () => {
    expect(fitText('short', 100, measure)).toBe('short');
    expect(fitText('abcdefghijklmnop', 100, measure)).toBe('abcdefghi…');
    expect(measure(fitText('abcdefghijklmnop', 100, measure))).toBeLessThanOrEqual(100);
    expect(fitText('abcd efgh ijkl', 60, measure)).toBe('abcd…');
    expect(fitText('abc', 5, measure)).toBe('…');
  });
});

describe('turboCss', () => {
  it('gives the Turbo colours of the panels, clamped', () => {
    expect(turboCss(0)).toBe(turboCss(-1));
    expect(turboCss(1)).toBe(turboCss(2));
    expect(turboCss(0)).toMatch(/^rgb\(\d+,\d+,\d+\)$/);
    expect(turboCss(0)).not.toBe(turboCss(1));
  });
});
