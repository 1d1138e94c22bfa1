// CSV as the app's report and the command line write it (RFC 4180, CRLF line ends), defined once.

/** One value of a read-out as files carry it. */
export type MetricValue = number | string | boolean | null;

/** One CSV field: quoted when it holds a comma, a quote or a line break; empty for null and non-finite numbers. */
export function csvField(v: MetricValue | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of fields as a CSV file. */
export const csvTable = (rows: MetricValue[][]) => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
