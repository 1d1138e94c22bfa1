// Records as JSON Lines: one line per (model, scene, region, method), appended whole and flushed to disk, so that a
// stop (Ctrl-C, a killed job) loses at most the line in flight; a resumed run drops a trailing partial line.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { MetricValue } from './summary/values';

export interface EvalRecord {
  /** model|scene|region|method: unique, stable across runs and shards */
  key: string;
  model: string;
  scene: string;
  region: { key: string; kind: string; code: string | null; classIndex: number | null };
  method: { label: string; id: string; settings: Record<string, MetricValue> };
  /** the app's link that reproduces this view (see linkMissing for what it cannot carry) */
  link: string;
  linkMissing: string[];
  /** every read-out the app's panel shows, null where n/a; the reason beside it */
  readouts: Record<string, MetricValue>;
  runtimeMs: number;
  runtimeKind: string;
  /** a region the engine refused (empty after the class intersection, …): no read-outs */
  skipped?: string;
}

export const recordKey = (model: string, scene: string, region: string, method: string): string =>
  [model, scene, region, method].join('|');

/** The records of a file; a trailing partial line (a run stopped mid-write) is cut off the file and ignored. */
export function readRecords(file: string, repair = true): EvalRecord[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length && repair) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
  return text
    .slice(0, end)
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as EvalRecord;
      } catch {
        throw new Error(`${file}, line ${i + 1}: not a JSON record.`);
      }
    });
}

/** Appends records one line at a time, each written in one call and flushed (fsync) before the next. */
export class RecordWriter {
  private readonly fd: number;
  constructor(file: string) {
    this.fd = openSync(file, 'a');
  }
  write(record: EvalRecord): void {
    writeSync(this.fd, JSON.stringify(record) + '\n');
    fsyncSync(this.fd);
  }
  close(): void {
    closeSync(this.fd);
  }
}
