// Writes docs/rise-weights.md from the RISE weights study's rows (scripts/study/riseWeights.study.ts).
import { writeFileSync } from 'node:fs';

export interface WeightRow {
  model: string;
  kind: 'point' | 'component' | 'box';
  form: Form;
  /** relevance mass of the app's map (min-max) in the item's ground-truth box */
  mass: number;
  deletion: number;
  insertion: number;
  /** share of the image above the threshold (what sufficiency keeps) */
  kept: number;
  chance: number;
}

type Form = 'dice' | 'centred' | 'probability';
const FORMS: readonly Form[] = ['dice', 'centred', 'probability'];
const FORM_NAME: Record<Form, string> = { dice: 'Dice', centred: 'centred', probability: 'mean probability' };

interface Meta {
  N: number;
  scenes: number;
  curveSteps: number;
  threshold: number;
  minutes: Record<string, number>;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const se = (v: number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1) / Math.max(1, v.length));
};

/** 95% percentile bootstrap interval of the mean (seeded LCG, 2000 resamples). */
function bootstrap(v: number[]): [number, number] {
  let s = 20261205;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const means: number[] = [];
  for (let b = 0; b < 2000; b++) {
    let sum = 0;
    for (let i = 0; i < v.length; i++) sum += v[Math.floor(rand() * v.length)] as number;
    means.push(sum / v.length);
  }
  means.sort((a, b) => a - b);
  return [means[49] as number, means[1949] as number];
}

const f = (v: number) => v.toFixed(3);
const signed = (v: number) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(3);
const ci = ([a, b]: [number, number]) => `[${signed(a)}, ${signed(b)}]`;

/**
 * Paired differences a − b of one measure over the same regions: within each model, the forms' rows are in region
 * order; a model that lacks either form (rows of an earlier run) is left out.
 */
function paired(rows: WeightRow[], key: 'mass' | 'deletion' | 'insertion' | 'kept', a: Form, b: Form): number[] {
  return [...new Set(rows.map((r) => r.model))].flatMap((m) => {
    const ra = rows.filter((r) => r.model === m && r.form === a);
    const rb = rows.filter((r) => r.model === m && r.form === b);
    return ra.length === rb.length ? ra.map((x, i) => x[key] - (rb[i] as WeightRow)[key]) : [];
  });
}

/** The rule fixed before the runs: a beats b if its mass gain's interval is above 0 and deletion is ≤ 0.010 worse. */
function beats(rows: WeightRow[], a: Form, b: Form): boolean {
  const dm = paired(rows, 'mass', a, b);
  const dd = paired(rows, 'deletion', a, b);
  return dm.length > 0 && bootstrap(dm)[0] > 0 && bootstrap(dd)[1] <= 0.01;
}

function table(rows: WeightRow[], groups: [string, WeightRow[]][]): string[] {
  const lines = [
    '| group | regions | form | mass in box | deletion AUC ↓ | insertion AUC ↑ | kept at t | chance |',
    '|---|--:|---|--:|--:|--:|--:|--:|',
  ];
  for (const [name, g] of groups) {
    for (const form of FORMS) {
      const r = g.filter((x) => x.form === form);
      if (!r.length) continue;
      lines.push(
        `| ${name} | ${r.length} | ${form} | ${f(mean(r.map((x) => x.mass)))} ± ${f(se(r.map((x) => x.mass)))} | ` +
          `${f(mean(r.map((x) => x.deletion)))} | ${f(mean(r.map((x) => x.insertion)))} | ` +
          `${(100 * mean(r.map((x) => x.kept))).toFixed(0)} % | ${f(mean(r.map((x) => x.chance)))} |`,
      );
    }
  }
  void rows;
  return lines;
}

function differences(groups: [string, WeightRow[]][], a: Form, b: Form): string[] {
  const lines = [
    `| group | regions | Δ mass [95% CI] | Δ deletion AUC [95% CI] (negative = ${FORM_NAME[a]} better) | Δ insertion AUC [95% CI] | Δ kept |`,
    '|---|--:|--:|--:|--:|--:|',
  ];
  for (const [name, g] of groups) {
    const m = paired(g, 'mass', a, b);
    if (!m.length) continue;
    const d = paired(g, 'deletion', a, b);
    const ins = paired(g, 'insertion', a, b);
    const k = paired(g, 'kept', a, b);
    lines.push(
      `| ${name} | ${m.length} | ${signed(mean(m))} ${ci(bootstrap(m))} | ${signed(mean(d))} ${ci(bootstrap(d))} | ` +
        `${signed(mean(ins))} ${ci(bootstrap(ins))} | ${(100 * mean(k) >= 0 ? '+' : '−') + Math.abs(100 * mean(k)).toFixed(1)} pp |`,
    );
  }
  return lines;
}

/** A note for models whose rows come from a run that measured fewer forms (they are left out of those comparisons). */
function partial(rows: WeightRow[]): string[] {
  const models = [...new Set(rows.map((r) => r.model))];
  const lacking = models.filter((m) => FORMS.some((f) => !rows.some((r) => r.model === m && r.form === f)));
  if (!lacking.length) return [];
  const forms = (m: string) => FORMS.filter((f) => rows.some((r) => r.model === m && r.form === f)).join(', ');
  return [
    `Models measured with fewer forms (rows kept from an earlier run; left out of the comparisons they lack): ${lacking
      .map((m) => `${m} (${forms(m)})`)
      .join('; ')}.`,
    '',
  ];
}

export function writeWeightsDoc(rows: WeightRow[], meta: Meta): void {
  const models = [...new Set(rows.map((r) => r.model))];
  const byModel: [string, WeightRow[]][] = models.map((m) => [m, rows.filter((r) => r.model === m)]);
  const byKind: [string, WeightRow[]][] = models.flatMap((m) =>
    (['point', 'component', 'box'] as const).map(
      (k) => [`${m}, ${k}`, rows.filter((r) => r.model === m && r.kind === k)] as [string, WeightRow[]],
    ),
  );
  const all: [string, WeightRow[]][] = [['all models', rows]];
  // The rule of the first run (centred against Dice), then the continuous form must beat that winner by the same rule.
  const first: Form = beats(rows, 'centred', 'dice') ? 'centred' : 'dice';
  const winner: Form = beats(rows, 'probability', first) ? 'probability' : first;
  const line = (a: Form, b: Form) => {
    const dm = paired(rows, 'mass', a, b);
    const dd = paired(rows, 'deletion', a, b);
    return (
      `${FORM_NAME[a]} − ${FORM_NAME[b]} over ${dm.length} regions: mass ${signed(mean(dm))} ${ci(bootstrap(dm))}, ` +
      `deletion AUC ${signed(mean(dd))} ${ci(bootstrap(dd))}`
    );
  };
  const verdict =
    `**${FORM_NAME[winner]}**. ${line('centred', 'dice')} (centred ${first === 'centred' ? 'beats' : 'does not beat'} ` +
    `Dice); ${line('probability', first)} (mean probability ${winner === 'probability' ? 'beats' : 'does not beat'} ` +
    `${FORM_NAME[first]}).`;
  const doc = [
    '# RISE weights: the paper’s Dice form, the centred form or the original RISE’s mean probability',
    '',
    'Generated by `npm run study:rise-weights` (`scripts/study/riseWeights.study.ts`; tfjs wasm backend in Node, the app’s own RISE, ' +
      `perturbation curves and post-processing). Numbers: \`docs/data/rise-weights.json\`. Run time (minutes): ${Object.entries(
        meta.minutes,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} on 2 cores.`,
    '',
    `Per trained model, ${meta.scenes} held-out scenes; every item of ≥ 40 px gives three regions (a click near its centre, its predicted blob, its box; \`sceneRegions\` of the convergence study). ` +
      `RISE ran once per scene with N = ${meta.N} masks (s = 8, p = 0.5, seed 1, mean baseline); every region and form re-weights the same per-mask predictions, so the Dice and centred forms differ only in their weights; the mean-probability form (the original RISE: w_i = the mean over M of the class probability on masked image i) uses the same masks and passes, its weights for every region taken in that run. ` +
      `Maps are post-processed as the app shows them (ReLU for the centred form, min-max). Mass: the share of the map in the item's ground-truth box. ` +
      `Deletion and insertion: the app's curves (mean class probability over M) with ${meta.curveSteps} steps (the app uses 20). Kept at t = ${meta.threshold}: the share of the image above the threshold, what sufficiency keeps — the paper’s form keeps most of the image for small regions.`,
    '',
    `## Default: ${FORM_NAME[winner]}`,
    '',
    `Rule, fixed before the runs: a form beats another if, pooled over all regions of all models, the 95% interval of its mass gain is above 0 and the upper end of its deletion-AUC change is at most +0.010. The centred form replaces the paper's if it beats it (the first run's rule); the mean-probability form then becomes the default only if it beats that winner. Result: ${verdict}`,
    '',
    '## Paired differences, centred − Dice',
    '',
    ...differences([...all, ...byModel, ...byKind], 'centred', 'dice'),
    '',
    '## Paired differences, mean probability − Dice',
    '',
    ...differences([...all, ...byModel, ...byKind], 'probability', 'dice'),
    '',
    '## Paired differences, mean probability − centred',
    '',
    ...differences([...all, ...byModel, ...byKind], 'probability', 'centred'),
    '',
    '## Means',
    '',
    ...table(rows, [...byModel, ...byKind]),
    '',
    ...partial(rows),
    'Intervals resample regions independently; regions of one scene share an image (and one region per item kind), so they are, if anything, a little narrow.',
    '',
  ].join('\n');
  writeFileSync('docs/rise-weights.md', doc);
}
