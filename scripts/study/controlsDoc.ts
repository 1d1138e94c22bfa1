// Writes docs/controls.md from the controls study's rows (scripts/study/controls.study.ts).
import { writeFileSync } from 'node:fs';
import { bootstrap, ci, mean, signed } from './bootstrap';

export interface ControlRow {
  model: string;
  /** index of the region within its model: rows of one region share it */
  region: number;
  kind: 'point' | 'component' | 'box';
  /** a method id, 'blurred:<method id>', 'random' or 'edge' */
  map: string;
  /** relevance mass in the item's ground-truth box */
  mass: number;
  deletion: number;
  insertion: number;
}

interface Meta {
  /** the held-out scenes measured, per model */
  scenes: Record<string, number[]>;
  riseMasks: number;
  curveSteps: number;
  minutes: Record<string, number>;
}

type Key = 'mass' | 'deletion' | 'insertion';
const TITLES: Record<string, string> = {
  gradcam: 'Seg-Grad-CAM',
  xres: 'Seg-XRes-CAM',
  layercam: 'LayerCAM',
  gradcampp: 'Grad-CAM++',
  rise: 'RISE',
  random: 'random map',
  edge: 'edge map',
};
const title = (map: string) =>
  map.startsWith('blurred:') ? `${TITLES[map.slice(8)] ?? map.slice(8)}, blurred` : (TITLES[map] ?? map);

/** Paired differences a − b of one measure over the regions both were measured on. */
function paired(rows: ControlRow[], a: string, b: string, key: Key): number[] {
  const of = (m: string) => new Map(rows.filter((r) => r.map === m).map((r) => [`${r.model}/${r.region}`, r[key]]));
  const [x, y] = [of(a), of(b)];
  return [...x].flatMap(([k, v]) => (y.has(k) ? [v - (y.get(k) as number)] : []));
}

const cell = (d: number[]) => `${signed(mean(d))} ${ci(bootstrap(d))}`;

function means(rows: ControlRow[], maps: string[]): string[] {
  const out = ['| map | regions | mass in box ↑ | deletion AUC ↓ | insertion AUC ↑ |', '|---|--:|--:|--:|--:|'];
  for (const m of maps) {
    const r = rows.filter((x) => x.map === m);
    const f = (k: Key) => mean(r.map((x) => x[k])).toFixed(3);
    out.push(`| ${title(m)} | ${r.length} | ${f('mass')} | ${f('deletion')} | ${f('insertion')} |`);
  }
  return out;
}

function against(rows: ControlRow[], methods: string[], control: (m: string) => string, what: string): string[] {
  const out = [
    `| method − ${what} | regions | Δ mass [95% CI] | Δ deletion AUC [95% CI] (negative = method better) | ` +
      'Δ insertion AUC [95% CI] (positive = method better) |',
    '|---|--:|--:|--:|--:|',
  ];
  for (const m of methods) {
    const d = (k: Key) => paired(rows, m, control(m), k);
    out.push(
      `| ${title(m)} | ${d('deletion').length} | ${cell(d('mass'))} | ${cell(d('deletion'))} | ${cell(d('insertion'))} |`,
    );
  }
  return out;
}

/** Method − random map on deletion and insertion AUC per region kind: where the random map is hardest to beat. */
function byKind(rows: ControlRow[], methods: string[]): string[] {
  const out = [
    '| region kind | method | regions | Δ deletion AUC vs random [95% CI] | Δ insertion AUC vs random [95% CI] |',
    '|---|---|--:|--:|--:|',
  ];
  for (const kind of ['point', 'component', 'box'] as const) {
    const r = rows.filter((x) => x.kind === kind);
    for (const m of methods) {
      const d = paired(r, m, 'random', 'deletion');
      out.push(`| ${kind} | ${title(m)} | ${d.length} | ${cell(d)} | ${cell(paired(r, m, 'random', 'insertion'))} |`);
    }
  }
  return out;
}

/** One plain-words line per model: who fails to beat random, where blurring helps deletion. */
function verdict(rows: ControlRow[], methods: string[]): string[] {
  const fails = methods.filter((m) => {
    const [, delHi] = bootstrap(paired(rows, m, 'random', 'deletion'));
    const [insLo] = bootstrap(paired(rows, m, 'random', 'insertion'));
    return delHi >= 0 || insLo <= 0;
  });
  const blurHelps = methods.filter((m) => bootstrap(paired(rows, `blurred:${m}`, m, 'deletion'))[1] < 0);
  const blurHurts = methods.filter((m) => bootstrap(paired(rows, `blurred:${m}`, m, 'deletion'))[0] > 0);
  const blurInsertion = methods.filter((m) => bootstrap(paired(rows, `blurred:${m}`, m, 'insertion'))[0] > 0);
  const edgeDel = paired(rows, 'edge', 'random', 'deletion');
  const edgeIns = paired(rows, 'edge', 'random', 'insertion');
  const edgeBeats = bootstrap(edgeDel)[1] < 0 || bootstrap(edgeIns)[0] > 0;
  const names = (ms: string[]) => (ms.length ? ms.map(title).join(', ') : 'none');
  return [
    `- Fails to beat the random map on deletion or insertion (95% interval not clear of 0): **${names(fails)}**.`,
    `- The blurred copy has a lower (better) deletion AUC than the map itself: **${names(blurHelps)}**; ` +
      `a higher (worse) one: ${names(blurHurts)}. On insertion the blurred copy is better for ` +
      `**${names(blurInsertion)}**.`,
    `- The edge map, which knows nothing of the model, against the random map: deletion ${cell(edgeDel)}, ` +
      `insertion ${cell(edgeIns)}. ` +
      (edgeBeats
        ? 'It beats it: the test rewards image structure, so a method must beat the edge map too (table below).'
        : 'It does not beat it: no image-only shortcut on this test.'),
  ];
}

export function writeControlsDoc(rows: ControlRow[], meta: Meta): void {
  const models = [...new Set(rows.map((r) => r.model))];
  const sections = models.flatMap((model) => {
    const r = rows.filter((x) => x.model === model);
    const methods = [...new Set(r.map((x) => x.map))].filter((m) => TITLES[m] && m !== 'random' && m !== 'edge');
    const regions = new Set(r.map((x) => x.region)).size;
    const maps = [...methods, ...methods.map((m) => `blurred:${m}`), 'random', 'edge'];
    return [
      `## ${model} (${regions} regions of ${meta.scenes[model]?.length ?? '?'} scenes, ${meta.minutes[model] ?? '?'} minutes)`,
      '',
      ...verdict(r, methods),
      '',
      ...against(r, methods, () => 'random', 'random'),
      '',
      ...against(r, methods, () => 'edge', 'edge map'),
      '',
      ...against(r, methods, (m) => `blurred:${m}`, 'its blurred copy'),
      '',
      ...means(r, maps),
      '',
      ...byKind(r, methods),
      '',
    ];
  });
  const doc = [
    '# Controls: what a random map, an edge map and a blurred map score',
    '',
    'Generated by `npm run study:controls` (`scripts/study/controls.study.ts`; tfjs wasm backend in Node, the app’s own ' +
      `maps, controls, perturbation curves and relevance mass). Numbers: \`docs/data/controls.json\`. Run time: ` +
      `${Object.entries(meta.minutes)
        .map(([m, v]) => `${m} ${v}`)
        .join(', ')} minutes on 2 cores shared with other work.`,
    '',
    'Per trained model, held-out scenes (0, 5, 10, … of the 64 in `scripts/testing/fixtures-trained`) until it has ' +
      '100 regions or more; every item of ≥ 40 px gives three regions (a click near its ' +
      'centre, its predicted blob, its box; `scripts/study/heldOutRegions.ts`). Maps: each gradient method listed at the ' +
      'model’s default layer with default settings' +
      (meta.riseMasks > 0
        ? `, and RISE with N = ${meta.riseMasks} masks (fixed N, centred weights, s = 8, p = 0.5, seed 1), one run ` +
          'per scene re-weighted per region'
        : '') +
      '. Controls (docs/METHOD.md, "Controls"): a seeded i.i.d. uniform random map (seed = region index + 1), the ' +
      'Sobel magnitude of the grayscale image, and a Gaussian blur of each map (σ = 3 px at 96², 1/32 of the side), ' +
      'each min-max normalised. Mass: the share of the map in the item’s ground-truth box. Deletion and insertion: ' +
      `the app’s curves (mean class probability over M, mean baseline) with ${meta.curveSteps} steps (the app uses 20). ` +
      'Intervals: 95% percentile bootstrap over regions of the paired difference (2000 resamples); regions of one ' +
      'scene share an image, so they are, if anything, a little narrow.',
    '',
    ...sections,
  ].join('\n');
  writeFileSync('docs/controls.md', doc);
}
