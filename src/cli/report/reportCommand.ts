// `segexplain report` (npm run report): the paper's claims measured with the app's own code on the bundled trained
// models over held-out scenes, written to docs/report/ as Markdown with tables, SVG plots and the data.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EvalOptions } from '../evalOptions';
import { runEval } from '../evalCommand';
import { mergeRecords } from '../merge';
import { readRecords } from '../records';
import { parseShard } from '../shard';
import { UsageError } from '../usageError';
import { reportScene, runShards } from './parallel';
import { writeReport } from './reportDoc';

export const REPORT_HELP = `segexplain report [--quick] [--out DIR] [--models LIST] [--scenes N] [--masks N]
  [--backend B] [--jobs N] [--shard i/n] [--write-only] [--note TEXT]
  the paper's claims on the bundled models (default unet,deeplab; 100 held-out scenes; RISE N = 2000 with
  its stop rule) into DIR (default docs/report); --quick: unet and deeplab, 2 scenes, RISE N = 100 (a test runs it);
  --jobs N: processes side by side, each a shard, merged at the end (default: one per core, as wasm runs on
  one thread in Node); --shard i/n: this process's share of the records only, for many machines;
  --write-only: no run, the report of the records already in DIR/data (after segexplain merge of the shards)`;

/** The methods of the report: all six, and Seg-XRes-CAM with mean pooling for claim (c). */
export const REPORT_METHODS = 'gradcam,xres,xres[pool=mean],layercam,gradcampp,scorecam,rise';

export interface ReportPlan {
  models: string[];
  scenes: number;
  /** RISE's N, and whether its stop rule may end it earlier */
  masks: number;
  stable: boolean;
  /** items per scene (the largest), each as a point, its box and the whole item */
  items: number;
}

/** UNETR (≈ 4× the UNet's time per pass) is left to --models unet,deeplab,unetr: README, "Command line". */
export const FULL: ReportPlan = {
  models: ['unet', 'deeplab'],
  scenes: 100,
  masks: 2000,
  stable: true,
  items: 1,
};
export const QUICK: ReportPlan = { models: ['unet', 'deeplab'], scenes: 2, masks: 100, stable: false, items: 1 };

interface RunNote {
  seconds?: number;
  resumed?: number;
  backend?: string;
}

/** What the runs that wrote the records said (runs.json from segexplain merge, or run.json). */
function runNotes(dir: string): RunNote[] {
  const file = ['runs.json', 'run.json'].map((f) => join(dir, f)).find((f) => existsSync(f));
  return file ? [JSON.parse(readFileSync(file, 'utf8')) as RunNote | RunNote[]].flat() : [];
}

/** Wall minutes of the runs: the longest, where shards ran side by side. */
const runMinutes = (dir: string) => Math.max(...runNotes(dir).map((r) => r.seconds ?? NaN)) / 60;

export async function runReport(
  args: string[],
  root: string,
  signal: AbortSignal,
  log = console.error,
): Promise<boolean> {
  const { values: v } = parseArgs({
    args,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      out: { type: 'string' },
      models: { type: 'string' },
      scenes: { type: 'string' },
      masks: { type: 'string' },
      backend: { type: 'string' },
      batch: { type: 'string' },
      quiet: { type: 'boolean' },
      'write-only': { type: 'boolean' },
      shard: { type: 'string' },
      jobs: { type: 'string' },
      note: { type: 'string' },
    },
  });
  const base = v.quick ? QUICK : FULL;
  const count = (name: string, raw: string | undefined, fallback: number) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} ${raw}: an integer ≥ 1.`);
    return n;
  };
  const plan: ReportPlan = {
    ...base,
    models: v.models ? v.models.split(',') : base.models,
    scenes: count('scenes', v.scenes, base.scenes),
    masks: count('masks', v.masks, base.masks),
  };
  const out = v.out ?? join(root, 'docs', 'report');
  const started = Date.now();
  const load = loadavg()[0] as number;
  const options: EvalOptions = {
    out: join(out, 'data'),
    scenes: 'heldout',
    count: plan.scenes,
    seed: 1,
    images: null,
    masks: null,
    regions: null,
    models: plan.models,
    inputRange: '0,1',
    methods: REPORT_METHODS,
    link: `n=${plan.masks}&stop=${plan.stable ? 'stable' : 'all'}`,
    kinds: ['point', 'box', 'item'],
    items: plan.items,
    backend: v.backend ?? 'auto',
    batch: v.batch === undefined ? null : count('batch', v.batch, 1),
    shard: parseShard(v.shard),
    appUrl: 'http://localhost:5173/',
    quiet: !!v.quiet,
  };
  const jobs = count('jobs', v.jobs, Math.min(availableParallelism(), plan.scenes));
  const sharded = !v['write-only'] && !options.shard && jobs > 1;
  if (sharded) {
    const forwarded = args.filter((a, i) => !/^--(jobs|quiet)(=|$)/.test(a) && args[i - 1] !== '--jobs');
    const total = plan.scenes * plan.models.length;
    const done = await runShards({ args: forwarded, jobs, total, root, quiet: !!v.quiet, signal, log });
    if (!done) return false;
    mergeRecords([options.out], options.out);
    // the merged records and runs.json hold everything the shards wrote
    for (const f of readdirSync(options.out))
      if (/^(records|run)\.\d+-of-\d+\.jsonl?$/.test(f)) rmSync(join(options.out, f));
  }
  const r =
    v['write-only'] || sharded
      ? {
          stopped: false,
          resumed: runNotes(options.out).reduce((a, n) => a + (n.resumed ?? 0), 0),
          backend: [...new Set(runNotes(options.out).map((n) => n.backend))].join(', '),
        }
      : await runEval(options, root, signal, log, options.shard ? reportScene : undefined);
  if (r.stopped) return false;
  if (options.shard) {
    log(
      `shard ${v.shard} done: when every shard is, run segexplain merge --out ${options.out}, then report --write-only`,
    );
    return true;
  }
  const records = readRecords(join(options.out, 'records.jsonl'));
  if (!records.length) throw new UsageError(`No records in ${options.out}/records.jsonl to report on.`);
  const minutes = v['write-only'] ? runMinutes(options.out) : (Date.now() - started) / 60_000;
  const cpu = cpus();
  writeReport(out, records, {
    plan,
    quick: !!v.quick,
    minutes,
    resumed: r.resumed,
    backend: r.backend,
    // the load of this machine says nothing of a run whose records were written before (--write-only)
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, Node ${process.version}${
      v['write-only'] ? '' : `; load ${load.toFixed(1)} at the start`
    }`,
    date: new Date().toISOString().slice(0, 10),
    note: v.note ?? null,
  });
  log(`report written to ${join(out, 'README.md')} in ${minutes.toFixed(1)} min`);
  return true;
}
