import type { ReactNode } from 'react';

/** A plot's numbers as a table, folded under the plot: the fallback for whoever cannot read the lines. */
export function DataTable({
  summary,
  caption,
  columns,
  rows,
}: {
  summary: string;
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}) {
  return (
    <details className="plot-data">
      <summary>{summary}</summary>
      <div className="plot-data-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j): ReactNode =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {v}
                    </th>
                  ) : (
                    <td key={j}>{v}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Three decimals with a typographic minus (the tables' differences can be negative); a dash when unknown. */
export const fmt = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3).replace('-', '−');
export const pct = (v: number) => `${Math.round(v * 100)}%`;
