// segexplain: the app's methods and read-outs over a dataset, from the command line (README, "Command line").
import { resolve } from 'node:path';
import { EVAL_HELP, parseEvalOptions } from './evalOptions';
import { runEval } from './evalCommand';
import { MERGE_HELP, runMerge } from './merge';
import { REPORT_HELP, runReport } from './report/reportCommand';
import { UsageError } from './usageError';

const HELP = `segexplain <command> [options]

  eval     explain regions of many images with the app's methods; records, summary, tables and plots
  merge    join the records of shards and recompute the summary
  report   the paper's claims on the bundled models, written to docs/report/

${EVAL_HELP}

${MERGE_HELP}

${REPORT_HELP}`;

/** Runs one command; resolves to the exit status (0 done, 2 bad input, 130 stopped by Ctrl-C). */
export async function main(argv: string[], root = process.cwd()): Promise<number> {
  const [command, ...args] = argv;
  const stop = new AbortController();
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(130);
    console.error('\nStopping after the record in flight (Ctrl-C again quits at once)…');
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    switch (command) {
      case 'eval': {
        const o = parseEvalOptions(args);
        const r = await runEval(o, resolve(root), stop.signal);
        const where = `${o.out}/${o.shard ? `records.${o.shard.index}-of-${o.shard.count}.jsonl` : 'records.jsonl'}`;
        if (r.stopped) {
          console.error(`Stopped: ${r.written} new records in ${where}. Run the same command again to resume.`);
          return 130;
        }
        console.error(
          `${r.written} records written (${r.resumed} already there) in ${r.seconds.toFixed(1)} s ` +
            `on ${r.backend}: ${where}`,
        );
        return 0;
      }
      case 'merge':
        runMerge(args);
        return 0;
      case 'report':
        return (await runReport(args, resolve(root), stop.signal)) ? 0 : 130;
      case undefined:
      case 'help':
      case '--help':
        console.log(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}": eval, merge or report (segexplain help).`);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e as Error).name === 'UsageError' ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`segexplain: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
