// The report on every core: wasm runs on one thread in Node, so `segexplain report` starts one process per core,
// each a shard (--shard i/n), shows their progress as one bar, and merges their records when all are done.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';

/** What a shard process sends its parent after each scene. */
export interface SceneDone {
  kind: 'scene';
}

export interface ShardRun {
  /** the report's arguments, without --jobs and --shard */
  args: string[];
  jobs: number;
  /** scenes × models: the bar's total */
  total: number;
  root: string;
  quiet: boolean;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** Resolves true when every shard finished, false when stopped (Ctrl-C); rejects when a shard failed. */
export async function runShards(run: ShardRun): Promise<boolean> {
  const bin = join(run.root, 'bin', 'segexplain.mjs');
  const bar = new SingleBar({ format: 'scenes {bar} {value}/{total} | {jobs} processes | ETA {eta_formatted}' });
  if (!run.quiet) bar.start(run.total, 0, { jobs: run.jobs });
  // detached: a Ctrl-C reaches only this process, which passes one SIGINT on (a second would quit a shard at once)
  const children: ChildProcess[] = Array.from({ length: run.jobs }, (_, i) =>
    fork(bin, ['report', ...run.args, '--shard', `${i + 1}/${run.jobs}`, '--quiet'], {
      cwd: run.root,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    }),
  );
  // a shard's messages are shown only if it fails: the bar stands for all of them
  const said = children.map((c) => {
    const lines: string[] = [];
    c.stderr?.on('data', (d: Buffer) => lines.push(d.toString()));
    return lines;
  });
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGINT'));
  const killAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
  run.signal.addEventListener('abort', stopAll, { once: true });
  process.once('exit', killAll);
  try {
    const codes = await Promise.all(
      children.map(
        (c) =>
          new Promise<number>((resolve, reject) => {
            c.on('message', (m: SceneDone) => m.kind === 'scene' && !run.quiet && bar.increment());
            c.on('error', reject);
            c.on('exit', (code, signal) => {
              // one shard failing stops the others: their records stay, a rerun resumes them
              if (code !== 0 && code !== 130 && !run.signal.aborted) stopAll();
              resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
            });
          }),
      ),
    );
    const failed = codes.findIndex((c) => c !== 0 && c !== 130);
    if (failed >= 0) {
      run.log((said[failed] as string[]).join('').trimEnd());
      throw new Error(`shard ${failed + 1}/${run.jobs} failed (exit ${codes[failed]}); its messages are above`);
    }
    return codes.every((c) => c === 0) && !run.signal.aborted;
  } finally {
    if (!run.quiet) bar.stop();
    run.signal.removeEventListener('abort', stopAll);
    process.off('exit', killAll);
  }
}

/** Tells the parent (when there is one) that a scene is done. */
export const reportScene = (): void => {
  if (process.send) process.send({ kind: 'scene' } satisfies SceneDone);
};
