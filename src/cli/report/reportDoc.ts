// docs/report/README.md: each claim stated, its numbers with 95% intervals, a plot, and the verdict in plain words.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { methodMeta } from '../../methods/registry';
import type { EvalRecord } from '../records';
import type { Interval } from '../summary/bootstrap';
import { intervalPlot } from '../summary/plots';
import { RESAMPLES } from '../summary/bootstrap';
import { claimRows, CLAIMS, type Claim, type ClaimRow } from './claims';
import { REPORT_METHODS, type ReportPlan } from './reportCommand';

export interface ReportRun {
  plan: ReportPlan;
  quick: boolean;
  minutes: number;
  resumed: number;
  backend: string;
  machine: string;
  date: string;
  /** a paragraph of the person who ran it (how the run was cut, what ran beside it) */
  note: string | null;
}

const n3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
const iv = (i: Interval | null) => (i ? `${n3(i.mean)} [${n3(i.lo)}, ${n3(i.hi)}]` : 'n/a');
const signed = (i: Interval | null) =>
  i ? `${i.mean >= 0 ? '+' : ''}${n3(i.mean)} [${n3(i.lo)}, ${n3(i.hi)}]` : 'n/a';
const title = (label: string) =>
  label === 'xres[pool=mean]'
    ? 'Seg-XRes-CAM (mean)'
    : label === 'xres'
      ? 'Seg-XRes-CAM (max)'
      : methodMeta(label as 'gradcam').title;

function claimTable(claim: Claim, rows: readonly ClaimRow[]): string {
  const names = `${title(claim.method)} | ${title(claim.baseline)}`;
  const head = `| model | region | ${names} | difference [95% CI] | verdict | scenes |`;
  const lines = rows.map(
    (r) =>
      `| ${r.model} | ${r.kind} | ${iv(r.method)} | ${iv(r.baseline)} | ${signed(r.difference)} | ` +
      `**${r.verdict}** | ${r.difference?.scenes ?? 0} |`,
  );
  return [head, '|---|---|--:|--:|--:|---|--:|', ...lines].join('\n');
}

/** "holds for unet point, box; fails for …": the verdicts in words. */
function inWords(rows: readonly ClaimRow[]): string {
  const part = (v: string) => {
    const which = rows.filter((r) => r.verdict === v).map((r) => `${r.model} ${r.kind}`);
    return which.length ? `${v} for ${which.join(', ')}` : null;
  };
  const parts = ['holds', 'fails', 'not shown'].map(part).filter(Boolean);
  const all = rows.length && rows.every((r) => r.verdict === rows[0]?.verdict);
  return all
    ? `The claim ${rows[0]?.verdict === 'not shown' ? 'is not shown' : rows[0]?.verdict} for every model and kind.`
    : `The claim ${parts.join('; ')}.`;
}

function claimPlot(claim: Claim, rows: readonly ClaimRow[], readout: string): string {
  const plotted = rows
    .filter((r) => r.difference)
    .map((r) => ({ label: `${r.model} · ${r.kind}`, iv: r.difference as Interval }));
  const reach = Math.max(0.05, ...plotted.flatMap((r) => [Math.abs(r.iv.lo), Math.abs(r.iv.hi)]));
  const m = Math.ceil(reach * 10) / 10;
  return intervalPlot(
    `Claim (${claim.id}): ${title(claim.method)} − ${title(claim.baseline)}, ${readout}`,
    plotted,
    `difference in ${readout} (> 0: the claim's direction)`,
    [-m, m],
  );
}

export function writeReport(dir: string, records: readonly EvalRecord[], run: ReportRun): void {
  mkdirSync(join(dir, 'plots'), { recursive: true });
  const { plan } = run;
  const models = [...new Set(records.map((r) => r.model))];
  const perModel = models
    .map((m) => {
      const mine = records.filter((r) => r.model === m);
      const minutes = mine.reduce((t, r) => t + r.runtimeMs, 0) / 60_000;
      return `${m}: ${new Set(mine.map((r) => r.scene)).size} scenes, ${minutes.toFixed(1)} min of maps`;
    })
    .join('; ');
  const rise = records.filter((r) => r.method.id === 'rise' && typeof r.readouts.used === 'number');
  const used = rise.map((r) => r.readouts.used as number);
  const usedText = used.length
    ? `masks used per region: median ${used.sort((a, b) => a - b)[used.length >> 1]}, range ${used[0]}–${used.at(-1)}`
    : '';
  const sections = CLAIMS.flatMap((claim) => {
    const extra = claim.id === 'c' ? ['dice'] : claim.id === 'a' ? ['relevanceMass'] : [];
    return [claim.readout, ...extra].map((readout, i) => {
      const rows = claimRows(records, claim, readout);
      const file = `claim-${claim.id}-${readout}.svg`;
      writeFileSync(join(dir, 'plots', file), claimPlot(claim, rows, readout));
      const heading =
        i === 0
          ? `## Claim (${claim.id}): ${claim.statement}\n\nMeasured as: ${claim.readoutWords} (\`${readout}\`), ` +
            `${title(claim.method)} minus ${title(claim.baseline)}, paired by region.\n\n`
          : `Also \`${readout}\`:\n\n`;
      return `${heading}${claimTable(claim, rows)}\n\n![${readout}](plots/${file})\n\n${inWords(rows)}\n`;
    });
  });
  const quickNote =
    '> **Quick run** (`npm run report -- --quick`): too few scenes for the verdicts to mean anything; ' +
    'it checks the tooling.\n\n';
  const resumed = run.resumed ? ` (resumed: ${run.resumed} records were already there)` : '';
  const items = plan.items === 1 ? 'the largest ground-truth item' : `the ${plan.items} largest items`;
  const rule = plan.stable ? ' with its stop rule (tolerance 1, docs/rise-convergence.md)' : ', all masks';
  const took = Number.isFinite(run.minutes) ? run.minutes.toFixed(1) : 'an unknown number of';
  const doc = [
    "# The paper's claims at dataset scale\n",
    `${run.quick ? quickNote : ''}Generated by \`npm run report\` on ${run.date}: the evaluation took ` +
      `${took} minutes (wall clock; the longest process where shards ran side by side) on ` +
      `${run.machine}, tfjs ${run.backend} backend${resumed}.\n`,
    ...(run.note ? [`**Note.** ${run.note}\n`] : []),
    [
      "**What ran.** The app's own engine (src/engine, through `segexplain eval`, src/cli) over held-out scenes",
      `(${perModel}; "min of maps" adds up every map's time to map, job passes included): the trained models'`,
      'committed test scenes first, then scenes composed from their t10k items (src/cli/scenes/heldOut.ts).',
      `In each scene ${items} is explained three ways: as a click (its pixel predicted as its class nearest its`,
      'centroid), as its box and as the whole item (both intersected with the predicted class, as drawn regions are',
      `in the app). Methods: ${REPORT_METHODS} (app defaults otherwise: Seg-XRes-CAM max pooling, window 2;`,
      `threshold t = 0.2, mean baseline). RISE: N = ${plan.masks}${rule}; ${usedText}.\n`,
    ].join(' '),
    [
      "**How to read it.** Every number is a mean over scenes (a scene's regions averaged first) with its 95%",
      `percentile bootstrap interval (${RESAMPLES} resamples of the scenes, seeded). A difference is paired: the two`,
      'methods on the same regions. Verdict: **holds** when the whole interval is above 0, **fails** when it is',
      'below 0, **not shown** when it includes 0. The records (one per region and method, each with its app link),',
      'summary.json and the CSV tables are in [data/](data/).\n',
    ].join(' '),
    sections.join('\n'),
  ].join('\n');
  writeFileSync(join(dir, 'README.md'), doc);
}
