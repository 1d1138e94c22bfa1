// The bench page: starts the bench worker with the query's backend and models (`workers=k`: k of them side by side,
// whose per-image times combine as rates), shows its log, and leaves the rows on window.benchResult for the runner.
import type { BenchRow } from '../bench/measure';

type Message =
  | { type: 'log'; line: string }
  | { type: 'done'; rows: BenchRow[]; backend: string }
  | { type: 'error'; message: string };

const log = document.getElementById('log') as HTMLPreElement;
log.textContent = '';
const query = Object.fromEntries(new URLSearchParams(location.search));
const state = window as unknown as {
  benchResult?: { rows: BenchRow[]; backend: string } | { error: string };
  benchLog: string[];
};
state.benchLog = [];

/** One bench worker's rows. */
const runWorker = (i: number) =>
  new Promise<{ rows: BenchRow[]; backend: string }>((resolve, reject) => {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<Message>) => {
      const m = e.data;
      if (m.type === 'log') {
        const line = i ? `(worker ${i + 1}) ${m.line}` : m.line;
        state.benchLog.push(line);
        log.textContent += `${line}\n`;
      } else if (m.type === 'done') resolve({ rows: m.rows, backend: m.backend });
      else reject(new Error(m.message));
    };
    worker.postMessage(query);
  });

/** Rows of workers that ran side by side: per-image times add as rates (1/t = Σ 1/tᵢ). */
const combined = (runs: { rows: BenchRow[] }[]): BenchRow[] =>
  (runs[0]?.rows ?? []).map((row, r) => ({
    ...row,
    value: 1 / runs.reduce((sum, run) => sum + 1 / (run.rows[r]?.value ?? Infinity), 0),
    detail: `${runs.length} workers side by side; ${row.detail}`,
  }));

const workers = Math.max(1, Number(query.workers ?? 1));
Promise.all(Array.from({ length: workers }, (_, i) => runWorker(i))).then(
  (runs) =>
    (state.benchResult = {
      rows: workers > 1 ? combined(runs) : (runs[0]?.rows ?? []),
      backend: runs[0]?.backend ?? '',
    }),
  (e: Error) => (state.benchResult = { error: e.message }),
);
