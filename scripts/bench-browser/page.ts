// The bench page: starts the bench worker with the query's backend and models, shows its log, and leaves the rows
// on window.benchResult for the runner (run.ts).
import type { BenchRow } from '../bench/measure';

type Message =
  | { type: 'log'; line: string }
  | { type: 'done'; rows: BenchRow[]; backend: string }
  | { type: 'error'; message: string };

const log = document.getElementById('log') as HTMLPreElement;
log.textContent = '';
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
const state = window as unknown as {
  benchResult?: { rows: BenchRow[]; backend: string } | { error: string };
  benchLog: string[];
};
state.benchLog = [];
worker.onmessage = (e: MessageEvent<Message>) => {
  const m = e.data;
  if (m.type === 'log') {
    state.benchLog.push(m.line);
    log.textContent += `${m.line}\n`;
  } else if (m.type === 'done') state.benchResult = { rows: m.rows, backend: m.backend };
  else state.benchResult = { error: m.message };
};
worker.postMessage(Object.fromEntries(new URLSearchParams(location.search)));
