// SVG plots of a summary: each row a mean with its 95% interval (a dot and a whisker), grouped by region kind.
import type { Interval } from './bootstrap';
import type { Summary, SummaryReadout } from './summarize';

export interface PlotRow {
  label: string;
  iv: Interval;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f = (v: number) => (Math.round(v * 100) / 100).toString();

/** A dot-and-whisker chart on [lo, hi] (default [0, 1]); a zero line where the range crosses 0. */
export function intervalPlot(
  title: string,
  rows: readonly PlotRow[],
  axis: string,
  range: [number, number] = [0, 1],
): string {
  const [left, width, rowH, top] = [260, 360, 18, 34];
  const height = top + rows.length * rowH + 36;
  const x = (v: number) =>
    left + ((Math.min(Math.max(v, range[0]), range[1]) - range[0]) / (range[1] - range[0])) * width;
  const ticks = Array.from({ length: 5 }, (_, i) => range[0] + ((range[1] - range[0]) * i) / 4);
  const body = rows.map((r, i) => {
    const y = top + i * rowH + rowH / 2;
    return (
      `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${esc(r.label)}</text>` +
      `<line x1="${f(x(r.iv.lo))}" x2="${f(x(r.iv.hi))}" y1="${y}" y2="${y}" stroke="#1f77b4" stroke-width="2"/>` +
      `<circle cx="${f(x(r.iv.mean))}" cy="${y}" r="4" fill="#1f77b4"/>` +
      `<text x="${left + width + 8}" y="${y + 4}">` +
      `${r.iv.mean.toFixed(3)} [${r.iv.lo.toFixed(3)}, ${r.iv.hi.toFixed(3)}]</text>`
    );
  });
  const axisY = top + rows.length * rowH + 6;
  const grid = ticks.map(
    (t) =>
      `<line x1="${f(x(t))}" x2="${f(x(t))}" y1="${top - 4}" y2="${axisY}" stroke="${t === 0 ? '#888' : '#ddd'}"/>` +
      `<text x="${f(x(t))}" y="${axisY + 14}" text-anchor="middle">${f(t)}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 190}" height="${height}" ` +
    `font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="#fff"/>` +
    `<text x="10" y="18" font-weight="bold">${esc(title)}</text>${grid.join('')}${body.join('')}` +
    `<text x="${left + width / 2}" y="${height - 4}" text-anchor="middle">${esc(axis)}</text></svg>\n`
  );
}

/** One plot per model and read-out: every region kind and method, with its interval. */
export function summaryPlots(s: Summary, readouts: readonly SummaryReadout[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const model of [...new Set(s.groups.map((g) => g.model))])
    for (const k of readouts) {
      const rows = s.groups
        .filter((g) => g.model === model && g.readouts[k])
        .map((g) => ({ label: `${g.kind} · ${g.method}`, iv: g.readouts[k] as Interval }));
      if (!rows.length) continue;
      const range: [number, number] = k === 'pearson' || k === 'spearman' ? [-1, 1] : [0, 1];
      out.set(
        `${model}-${k}.svg`,
        intervalPlot(`${model}: ${k} (mean, 95% bootstrap interval over scenes)`, rows, k, range),
      );
    }
  return out;
}
