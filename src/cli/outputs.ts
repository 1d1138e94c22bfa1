// What a run (or a merge) writes beside its records: summary.json, the CSV tables and the SVG plots.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalRecord } from './records';
import { summaryPlots } from './summary/plots';
import { summarize, type Summary } from './summary/summarize';
import { comparisonsCsv, readoutsCsv } from './summary/tables';

export const PLOTTED = ['itemMass', 'relevanceMass', 'dice', 'retained', 'spearman', 'pointingHit'] as const;

/** Records sorted by key: the summary never depends on the order they were written in. */
export const sortedRecords = (records: readonly EvalRecord[]) =>
  [...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export function writeOutputs(dir: string, records: readonly EvalRecord[]): Summary {
  const summary = summarize(sortedRecords(records));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
  writeFileSync(join(dir, 'readouts.csv'), readoutsCsv(summary));
  writeFileSync(join(dir, 'comparisons.csv'), comparisonsCsv(summary));
  mkdirSync(join(dir, 'plots'), { recursive: true });
  for (const [name, svg] of summaryPlots(summary, PLOTTED)) writeFileSync(join(dir, 'plots', name), svg);
  return summary;
}
