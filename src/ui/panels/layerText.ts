import type { LayerInfo } from '../../core/modelInfo';

/** "12×12×112 (144 tokens)": a layer's grid, and how a token layer's tokens were laid out on it. */
export function layerShapeText(l: Pick<LayerInfo, 'shape' | 'tokens'>): string {
  const grid = l.shape.join('×');
  if (!l.tokens) return grid;
  const extra = l.tokens.extra ? ` + ${l.tokens.extra} left out` : '';
  return `${grid} (${l.tokens.tokens - l.tokens.extra} tokens${extra})`;
}
