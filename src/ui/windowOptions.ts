/** Window sides offered for a layer grid: 1, 2, 4, … below the grid, then 0 = the whole grid; plus any linked value. */
export function windowOptions(gridSide: number, current: number): number[] {
  const opts: number[] = [];
  for (let p = 1; p < gridSide; p *= 2) opts.push(p);
  if (current > 0 && current < gridSide && !opts.includes(current)) opts.push(current);
  opts.sort((a, b) => a - b);
  opts.push(0);
  return opts;
}

export function windowLabel(window: number, grid: [number, number], pool: 'max' | 'mean'): string {
  const [h, w] = grid;
  if (window <= 0 || (window >= h && window >= w)) return `${h}×${w}, the full grid${pool === 'mean' ? ' (= Seg-Grad-CAM)' : ''}`;
  const p = Math.min(window, h);
  const q = Math.min(window, w);
  return window === 1 ? '1×1 (= HiResCAM)' : `${p}×${q}`;
}
