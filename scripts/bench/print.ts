import type { BenchRow } from './measure';

/** A plain-text table of bench rows: value next to its goal, and whether it is met. */
export function printRows(rows: BenchRow[], title = ''): string {
  const lines = rows.map((r) => {
    const value = `${r.value.toFixed(r.unit === 'ms' ? 2 : 3)}${r.unit === 'ms' ? ' ms' : ''}`;
    // A row without a goal is shown for context: no verdict.
    const verdict = !r.goal ? '—' : r.ok ? 'met' : '**not met**';
    return `| ${title ? `${title} | ` : ''}${r.model} | ${r.what} | ${value} | ${r.goal || '—'} | ${verdict} | ${r.detail} |`;
  });
  const head = `| ${title ? 'backend | ' : ''}model | what | measured | goal | | detail |`;
  const rule = `|${title ? '---|' : ''}---|---|--:|---|---|---|`;
  return [head, rule, ...lines].join('\n');
}
