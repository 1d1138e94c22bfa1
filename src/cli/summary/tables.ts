// CSV tables of a summary (RFC 4180), one row per interval.
import type { Summary } from './summarize';
import { csvTable, type MetricValue } from '../../core/csv';

/** readouts.csv: model, region kind, method, read-out, mean, 95% interval, scenes. */
export function readoutsCsv(s: Summary): string {
  const rows: MetricValue[][] = [['model', 'kind', 'method', 'readout', 'mean', 'ci95_lo', 'ci95_hi', 'scenes']];
  for (const g of s.groups)
    for (const [k, iv] of Object.entries(g.readouts))
      rows.push([g.model, g.kind, g.method, k, iv.mean, iv.lo, iv.hi, iv.scenes]);
  return csvTable(rows);
}

/** comparisons.csv: each method minus the first method, paired by region. */
export function comparisonsCsv(s: Summary): string {
  const rows: MetricValue[][] = [
    ['model', 'kind', 'method', 'baseline', 'readout', 'difference', 'ci95_lo', 'ci95_hi', 'scenes'],
  ];
  for (const c of s.comparisons)
    rows.push([
      c.model,
      c.kind,
      c.method,
      c.baseline,
      c.readout,
      c.difference.mean,
      c.difference.lo,
      c.difference.hi,
      c.difference.scenes,
    ]);
  return csvTable(rows);
}
