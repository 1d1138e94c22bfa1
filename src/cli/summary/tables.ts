// CSV tables of a summary (RFC 4180), one row per interval.
import type { Summary } from './summarize';
import type { MetricValue } from './values';

/** One CSV field: quoted when it holds a comma, a quote or a line break (as the app's report writes them). */
export function csvField(v: MetricValue | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csv = (rows: MetricValue[][]) => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

/** readouts.csv: model, region kind, method, read-out, mean, 95% interval, scenes. */
export function readoutsCsv(s: Summary): string {
  const rows: MetricValue[][] = [['model', 'kind', 'method', 'readout', 'mean', 'ci95_lo', 'ci95_hi', 'scenes']];
  for (const g of s.groups)
    for (const [k, iv] of Object.entries(g.readouts))
      rows.push([g.model, g.kind, g.method, k, iv.mean, iv.lo, iv.hi, iv.scenes]);
  return csv(rows);
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
  return csv(rows);
}
