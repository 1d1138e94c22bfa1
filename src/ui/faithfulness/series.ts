import type { MethodId } from '../../methods/registry';

/** How one method is drawn on every plot: a colour, a dash pattern and a marker shape (two cues beside colour). */
export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray ('' = solid) */
  dash: string;
  marker: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';
}

// Each colour has a contrast of at least 3:1 against white and against a dark page (#121212), so lines read in both
// themes; the paper's three methods get the three most distinct (blue, vermilion, green).
const STYLES: Record<MethodId, SeriesStyle> = {
  gradcam: { color: '#2f7fd0', dash: '', marker: 'circle' },
  xres: { color: '#d0622f', dash: '7 4', marker: 'square' },
  rise: { color: '#1f9e6e', dash: '2 3', marker: 'triangle' },
  layercam: { color: '#b45fc4', dash: '10 3 2 3', marker: 'diamond' },
  gradcampp: { color: '#9a8a00', dash: '4 2 1 2', marker: 'cross' },
  scorecam: { color: '#d14d8a', dash: '1 2', marker: 'star' },
};

const FALLBACK: SeriesStyle = { color: '#7a808c', dash: '3 3', marker: 'circle' };

export function seriesStyle(id: MethodId): SeriesStyle {
  return STYLES[id] ?? FALLBACK;
}
