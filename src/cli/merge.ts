// `segexplain merge`: joins the records of shards (files or folders of records*.jsonl), drops repeated keys (a
// record is the same wherever it was computed), writes records.jsonl and recomputes the summary, tables and plots.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeOutputs, sortedRecords } from './outputs';
import { readRecords, type EvalRecord } from './records';
import { UsageError } from './usageError';

export const MERGE_HELP = `segexplain merge --out DIR [INPUT ...]
  INPUT: records files or folders holding records*.jsonl (default: DIR itself)`;

function recordFiles(input: string): string[] {
  if (!existsSync(input)) throw new UsageError(`No such file or folder: ${input}`);
  if (!statSync(input).isDirectory()) return [input];
  const files = readdirSync(input)
    .filter((f) => /^records(\.\d+-of-\d+)?\.jsonl$/.test(f))
    .map((f) => join(input, f));
  if (!files.length) throw new UsageError(`${input} holds no records*.jsonl.`);
  return files;
}

export function mergeRecords(inputs: readonly string[], out: string): { records: number; files: number } {
  const files = [...new Set(inputs.flatMap(recordFiles))];
  const byKey = new Map<string, EvalRecord>();
  for (const f of files) for (const r of readRecords(f, false)) if (!byKey.has(r.key)) byKey.set(r.key, r);
  const records = sortedRecords([...byKey.values()]);
  writeFileSync(join(out, 'records.jsonl'), records.map((r) => JSON.stringify(r) + '\n').join(''));
  writeOutputs(out, records);
  // what each run said about itself (options, backend, seconds), for the report's timing
  const runs = inputs.flatMap((i) =>
    statSync(i).isDirectory()
      ? readdirSync(i)
          .filter((f) => /^run(\.\d+-of-\d+)?\.json$/.test(f))
          .map((f) => JSON.parse(readFileSync(join(i, f), 'utf8')) as unknown)
      : [],
  );
  if (runs.length) writeFileSync(join(out, 'runs.json'), JSON.stringify(runs, null, 1) + '\n');
  return { records: records.length, files: files.length };
}

export function runMerge(args: string[], log = console.error): void {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  if (!values.out) throw new UsageError('--out DIR is needed.');
  const inputs = positionals.length ? positionals : [values.out];
  const { records, files } = mergeRecords(inputs, values.out);
  log(
    `merged ${records} records from ${files} file(s) into ${join(values.out, 'records.jsonl')}; summary.json written`,
  );
}
