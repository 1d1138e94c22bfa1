// Which layer should each trained model explain by default? Measured on the 64 held-out scenes, tfjs cpu backend in Node.
// Run: npx vitest run --config scripts/vitest.measure.config.ts   (writes docs/default-layers.md)
// Knobs: MEASURE_SCENES=n (evenly subsampled), MEASURE_MODELS=unet,deeplab, MEASURE_LAYERS=a,b (only these),
// MEASURE_DOC=0 (do not write the doc). Runs under vitest only for its module resolution; it asserts only sanity.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useCpuBackend } from './testing/cpuBackend';
import { readArtifacts } from './testing/nodeArtifacts';
import { registerGradientFixes } from '../src/explain/gradientFixes';
import { activationGradients } from '../src/explain/activationGradients';
import { segGradCam } from '../src/explain/gradCam';
import { segXResCam } from '../src/explain/xresCam';
import { postProcess } from '../src/explain/normalize';
import { createTrainedModel } from '../src/model/trained';
import type { SegmentationModel } from '../src/model/types';

const FIX = 'src/model/trained/fixtures';
const MIN_ITEM_PIXELS = 20;
const XRES = { pool: 'max', window: [2, 2], edges: 'valid' } as const;

interface Item {
  scene: number;
  classIndex: number;
  /** GT bounding box, inclusive */
  box: { r0: number; r1: number; c0: number; c1: number };
  /** M: 4-connected component of {prediction == class} holding the click, 0/1 on the 96×96 grid */
  region: Uint8Array;
}

interface MethodStats {
  mass: number;
  pointing: number;
  zero: number;
}

interface LayerRow {
  name: string;
  grid: [number, number, number];
  xres: MethodStats;
  grad: MethodStats;
  chance: number;
  regions: number;
  seconds: number;
}

/** 4-connected components of mask; returns a label image (0 = none, 1..n) and n. */
function components(mask: Uint8Array, h: number, w: number): { lab: Int32Array; n: number } {
  const lab = new Int32Array(h * w);
  let n = 0;
  for (let s = 0; s < h * w; s++) {
    if (!mask[s] || lab[s]) continue;
    n++;
    const stack = [s];
    lab[s] = n;
    while (stack.length) {
      const i = stack.pop() as number;
      const r = Math.floor(i / w);
      const c = i - r * w;
      const next = [c > 0 ? i - 1 : -1, c < w - 1 ? i + 1 : -1, r > 0 ? i - w : -1, r < h - 1 ? i + w : -1];
      for (const j of next) {
        if (j >= 0 && mask[j] && !lab[j]) {
          lab[j] = n;
          stack.push(j);
        }
      }
    }
  }
  return { lab, n };
}

/** The connected blob of {pred == cls} holding pixel `start` (the app's "component" region mode). */
function blob(pred: Uint8Array, h: number, w: number, start: number, cls: number): Uint8Array {
  const mask = new Uint8Array(h * w);
  for (let i = 0; i < mask.length; i++) mask[i] = pred[i] === cls ? 1 : 0;
  const { lab } = components(mask, h, w);
  const id = lab[start] as number;
  const out = new Uint8Array(h * w);
  for (let i = 0; i < out.length; i++) out[i] = id !== 0 && lab[i] === id ? 1 : 0;
  return out;
}

/** Ground-truth items of one scene and their regions under the model's prediction. */
function itemsOf(scene: number, truth: Uint8Array, pred: Uint8Array, h: number, w: number, classes: number): { items: Item[]; skipped: number } {
  const items: Item[] = [];
  let skipped = 0;
  for (let cls = 1; cls < classes; cls++) {
    const mask = new Uint8Array(h * w);
    for (let i = 0; i < mask.length; i++) mask[i] = truth[i] === cls ? 1 : 0;
    const { lab, n } = components(mask, h, w);
    for (let id = 1; id <= n; id++) {
      let count = 0;
      let sr = 0;
      let sc = 0;
      const box = { r0: h, r1: -1, c0: w, c1: -1 };
      for (let i = 0; i < lab.length; i++) {
        if (lab[i] !== id) continue;
        const r = Math.floor(i / w);
        const c = i - r * w;
        count++;
        sr += r;
        sc += c;
        box.r0 = Math.min(box.r0, r);
        box.r1 = Math.max(box.r1, r);
        box.c0 = Math.min(box.c0, c);
        box.c1 = Math.max(box.c1, c);
      }
      if (count < MIN_ITEM_PIXELS) continue;
      const [cr, cc] = [sr / count, sc / count];
      let click = -1;
      let best = Infinity;
      for (let i = 0; i < lab.length; i++) {
        if (lab[i] !== id || pred[i] !== cls) continue;
        const r = Math.floor(i / w);
        const d = (r - cr) ** 2 + (i - r * w - cc) ** 2;
        if (d < best) {
          best = d;
          click = i;
        }
      }
      if (click < 0) {
        skipped++;
        continue;
      }
      items.push({ scene, classIndex: cls, box, region: blob(pred, h, w, click, cls) });
    }
  }
  return { items, skipped };
}

/** Mass inside the box (0 for an all-zero map), whether the first arg-max lies inside it, whether the map is all zero. */
function boxStats(map: Float32Array | Int32Array | Uint8Array, w: number, box: Item['box']): { mass: number; hit: boolean; zero: boolean } {
  let total = 0;
  let inside = 0;
  let arg = 0;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    const v = map[i] as number;
    total += v;
    if (v > max) {
      max = v;
      arg = i;
    }
    const r = Math.floor(i / w);
    const c = i - r * w;
    if (r >= box.r0 && r <= box.r1 && c >= box.c0 && c <= box.c1) inside += v;
  }
  const zero = total === 0;
  const ar = Math.floor(arg / w);
  const ac = arg - ar * w;
  const hit = !zero && ar >= box.r0 && ar <= box.r1 && ac >= box.c0 && ac <= box.c1;
  return { mass: zero ? 0 : inside / total, hit, zero };
}

function evenSubsample(count: number, n: number): number[] {
  if (n >= count) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
}

const f2 = (v: number) => v.toFixed(2);
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Highest Seg-XRes-CAM mass; within 0.01 of it, the smallest grid (deepest) wins, then the higher mass. */
function recommend(rows: LayerRow[]): LayerRow {
  const top = Math.max(...rows.map((r) => r.xres.mass));
  const near = rows.filter((r) => r.xres.mass >= top - 0.01);
  near.sort((a, b) => a.grid[0] * a.grid[1] - b.grid[0] * b.grid[1] || b.xres.mass - a.xres.mass);
  return near[0] as LayerRow;
}

function table(rows: LayerRow[], defaultLayer: string, chosen: string): string {
  const head = '| layer | grid | XRes mass | Grad-CAM mass | chance | XRes pointing | Grad-CAM pointing | zero maps (XRes / Grad) |';
  const sep = '|---|---|--:|--:|--:|--:|--:|--:|';
  const lines = rows.map((r) => {
    const mark = [r.name === chosen ? '**recommended**' : '', r.name === defaultLayer ? 'current default' : ''].filter(Boolean).join(', ');
    const name = `\`${r.name}\`${mark ? ` (${mark})` : ''}`;
    return `| ${name} | ${r.grid[0]}×${r.grid[1]}×${r.grid[2]} | ${f2(r.xres.mass)} | ${f2(r.grad.mass)} | ${f2(r.chance)} | ${f2(r.xres.pointing)} | ${f2(r.grad.pointing)} | ${pct(r.xres.zero)} / ${pct(r.grad.zero)} |`;
  });
  return [head, sep, ...lines].join('\n');
}

it('measures the default explanation layer of the trained models', async () => {
  const t0 = performance.now();
  await useCpuBackend();
  registerGradientFixes();

  const meta = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8')) as { count: number; height: number; width: number; images: string; labels: string; numClasses: number };
  const { count, height: H, width: W } = meta;
  const images = Uint8Array.from(readFileSync(`${FIX}/${meta.images}`));
  const truthAll = Uint8Array.from(readFileSync(`${FIX}/${meta.labels}`));
  const sceneIds = evenSubsample(count, Number(process.env.MEASURE_SCENES ?? count));
  const modelIds = (process.env.MEASURE_MODELS ?? 'unet,deeplab').split(',');
  const onlyLayers = process.env.MEASURE_LAYERS ? new Set(process.env.MEASURE_LAYERS.split(',')) : null;
  const sceneInput = (s: number) => tf.tidy(() => tf.div(tf.tensor4d(images.subarray(s * H * W, (s + 1) * H * W), [1, H, W, 1], 'int32'), 255)) as tf.Tensor4D;

  const sections: string[] = [];
  const summary: string[] = [];
  for (const id of modelIds) {
    const model: SegmentationModel = await createTrainedModel(id, readArtifacts(`public/models/${id}/model.json`));
    const [oh, ow] = model.outputSize;
    expect([oh, ow]).toEqual([H, W]);

    // Predictions and regions.
    const items: Item[] = [];
    let skipped = 0;
    for (const s of sceneIds) {
      const x = sceneInput(s);
      const pred = tf.tidy(() => Uint8Array.from(tf.argMax(model.forward(x), -1).dataSync()));
      x.dispose();
      const r = itemsOf(s, truthAll.subarray(s * H * W, (s + 1) * H * W), pred, H, W, meta.numClasses);
      items.push(...r.items);
      skipped += r.skipped;
    }
    const chance = items.reduce((a, it) => a + ((it.box.r1 - it.box.r0 + 1) * (it.box.c1 - it.box.c0 + 1)) / (H * W), 0) / items.length;
    console.log(`\n${id}: ${sceneIds.length} scenes, ${items.length} regions (${skipped} items skipped: no pixel predicted as their class), chance ${f2(chance)}`);

    const rows: LayerRow[] = [];
    const failed: string[] = [];
    const candidates = model.layers.filter((l) => l.shape[0] >= 3 && l.shape[1] >= 3 && (!onlyLayers || onlyLayers.has(l.name)));
    const tooSmall = model.layers.filter((l) => !(l.shape[0] >= 3 && l.shape[1] >= 3)).map((l) => `${l.name} (${l.shape[0]}×${l.shape[1]})`);
    for (const layer of candidates) {
      const tl = performance.now();
      const acc = { xm: 0, xp: 0, xz: 0, gm: 0, gp: 0, gz: 0 };
      const before = tf.memory().numTensors;
      try {
        for (const s of sceneIds) {
          const sceneItems = items.filter((it) => it.scene === s);
          if (!sceneItems.length) continue;
          const x = sceneInput(s);
          const a = model.runToLayer(x, layer.name);
          for (const item of sceneItems) {
            const maps = tf.tidy(() => {
              const region = tf.tensor2d(item.region, [H, W], 'float32');
              const g = activationGradients((t) => model.runFromLayer(x, layer.name, t), a, region, item.classIndex);
              const grad = postProcess(segGradCam(g.activations, g.gradients), [H, W]).dataSync() as Float32Array;
              const xres = postProcess(segXResCam(g.activations, g.gradients, XRES), [H, W]).dataSync() as Float32Array;
              return { grad, xres };
            });
            const gs = boxStats(maps.grad, W, item.box);
            const xs = boxStats(maps.xres, W, item.box);
            acc.gm += gs.mass;
            acc.gp += Number(gs.hit);
            acc.gz += Number(gs.zero);
            acc.xm += xs.mass;
            acc.xp += Number(xs.hit);
            acc.xz += Number(xs.zero);
          }
          a.dispose();
          x.dispose();
        }
      } catch (e) {
        failed.push(`${layer.name}: ${(e as Error).message}`);
        console.log(`  ${layer.name}: FAILED ${(e as Error).message}`);
        continue;
      }
      const n = items.length;
      const row: LayerRow = {
        name: layer.name,
        grid: layer.shape,
        xres: { mass: acc.xm / n, pointing: acc.xp / n, zero: acc.xz / n },
        grad: { mass: acc.gm / n, pointing: acc.gp / n, zero: acc.gz / n },
        chance,
        regions: n,
        seconds: (performance.now() - tl) / 1000,
      };
      rows.push(row);
      console.log(`  ${layer.name.padEnd(24)} ${`${layer.shape.join('×')}`.padEnd(10)} xres ${f2(row.xres.mass)} grad ${f2(row.grad.mass)} ` +
        `pt ${f2(row.xres.pointing)}/${f2(row.grad.pointing)} zero ${pct(row.xres.zero)}/${pct(row.grad.zero)}  ${row.seconds.toFixed(0)} s, tensors ${tf.memory().numTensors - before}`);
      for (const v of [row.xres.mass, row.grad.mass, row.xres.pointing, row.grad.pointing]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    model.dispose();

    rows.sort((a, b) => b.xres.mass - a.xres.mass);
    if (!rows.length) throw new Error(`${id}: no layer could be measured`);
    const best = recommend(rows);
    const current = rows.find((r) => r.name === model.defaultLayer);
    console.log(`\n${id} (sorted by Seg-XRes-CAM mass)\n${table(rows, model.defaultLayer, best.name)}`);
    summary.push(`- **${id}**: \`${best.name}\` (${best.grid[0]}×${best.grid[1]}): XRes mass ${f2(best.xres.mass)}, Grad-CAM mass ${f2(best.grad.mass)}, ` +
      `XRes pointing ${f2(best.xres.pointing)} (chance ${f2(chance)})` +
      (current ? `; today's default \`${current.name}\` (${current.grid[0]}×${current.grid[1]}): XRes ${f2(current.xres.mass)}, Grad-CAM ${f2(current.grad.mass)}, XRes pointing ${f2(current.xres.pointing)}.` : '.'));
    sections.push([
      `## ${id}`,
      '',
      `${sceneIds.length} scenes, ${items.length} regions (${skipped} items skipped: no pixel of the item predicted as its class). ` +
        `Layers with a grid under 3×3, not measured: ${tooSmall.length ? tooSmall.join(', ') : 'none'}. ` +
        `Layers that failed: ${failed.length ? failed.join('; ') : 'none'}.`,
      '',
      table(rows, model.defaultLayer, best.name),
    ].join('\n'));
  }

  const minutes = (performance.now() - t0) / 60000;
  const doc = [
    '# Default explanation layer of the trained models',
    '',
    'Generated by `npx vitest run --config scripts/vitest.measure.config.ts` (`scripts/measure-layers.measure.ts`), ' +
      `on the tfjs **cpu backend in Node**, in ${minutes.toFixed(1)} minutes (2-core machine). ` +
      `Scenes: ${sceneIds.length} of the ${count} held-out scenes in \`${FIX}\`${sceneIds.length < count ? ' (evenly subsampled)' : ''}.`,
    '',
    '## Recommendation',
    '',
    ...summary,
    '',
    'Rule: the layer with the highest Seg-XRes-CAM mass; within 0.01 of it, the smaller-resolution (deeper) layer.',
    '',
    '## Method',
    '',
    '- **Items**: every 4-connected component (≥ 20 px) of a non-background ground-truth class.',
    '- **Click**: the item pixel nearest its centroid where the prediction equals the item\'s class (items with none are skipped).',
    '- **Region M**: the 4-connected component of {prediction = class} holding the click (the app\'s connected-blob mode); ' +
      'score S = Σ_M logits[c].',
    '- **Layers**: every entry of `model.layers` with a grid of at least 3×3.',
    '- **Maps**: Seg-Grad-CAM and Seg-XRes-CAM (max pool, 2×2 window, valid edges: the app default), ' +
      'post-processed as in the app (min-max, bilinear to 96×96, min-max).',
    '- **Mass**: Σ_box E / Σ E inside the item\'s ground-truth bounding box (0 for an all-zero map), averaged over regions. ' +
      '**Chance**: box area / image area, averaged. **Pointing**: fraction of regions whose map arg-max (first in row-major ' +
      'order) lies in the box; an all-zero map never hits. **Zero maps**: fraction of post-processed maps that are all zero.',
    '- Tables are sorted by Seg-XRes-CAM mass.',
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  console.log(`\ntotal ${minutes.toFixed(1)} min`);
  if (process.env.MEASURE_DOC !== '0') writeFileSync('docs/default-layers.md', doc);
}, 3_600_000);
