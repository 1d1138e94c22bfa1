/**
 * Area under a curve by the trapezoid rule, Σ (x_{i+1} − x_i)(f_i + f_{i+1})/2. Without xs the points are evenly
 * spaced over [0, 1] (x_i = i/n), which is docs/METHOD.md's AUC = (1/n) Σ (f_i + f_{i+1})/2 for deletion and insertion.
 */
export function trapezoidAuc(values: ArrayLike<number>, xs?: ArrayLike<number>): number {
  const n = values.length - 1;
  if (n < 1) throw new Error('trapezoidAuc: needs at least two points.');
  if (xs && xs.length !== values.length) throw new Error(`trapezoidAuc: ${values.length} values but ${xs.length} xs.`);
  let area = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs ? (xs[i + 1] as number) - (xs[i] as number) : 1 / n;
    area += (dx * ((values[i] as number) + (values[i + 1] as number))) / 2;
  }
  return area;
}
