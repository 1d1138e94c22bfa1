// Which layer should each trained model explain by default? Measured on the held-out scenes, tfjs cpu backend in Node.
// Run: npx vitest run --config scripts/vitest.measure.config.ts   (writes docs/default-layers.md)
// Knobs: MEASURE_SCENES=n (evenly subsampled), MEASURE_MODELS=unet,deeplab,unetr (the default: all three),
// MEASURE_LAYERS=a,b (only these), MEASURE_DOC=0 (do not write the docs), MEASURE_OUT=dir (write them there, not in
// docs/).
// Runs under vitest only for its module resolution; it asserts only sanity.
//
// The doc is spliced: a model's bullet, its section and its check are replaced (or added) and everything else in an
// existing docs/default-layers.md is kept, so `MEASURE_MODELS=unetr` updates the UNETR alone. With unetr measured it
// also writes docs/unetr-relevance-mass.md (Seg-Grad-CAM vs Seg-XRes-CAM mass, paired, at the bottleneck and at the
// measured default).
//
// Speed: the app's path (runToLayer + activationGradients(runFromLayer)) costs one forward + backward per region and
// layer: ~100 layers × ~450 regions is hours on the cpu backend. Here every layer's ∂S/∂A comes from ONE backward pass
// per batch of regions: each candidate layer's output gets a zero "tap" added, and ∂S/∂tap = ∂S/∂A (the same partial
// derivative runFromLayer gives: only what lies downstream of A depends on it). The first region of every model is also
// run through the app's own path for every layer, and the two gradients must agree (reported in the doc).
// The UNETR (ONNX) is tapped through the app's own runWithTaps, one region per pass (taps as the app uses them); its
// activations come from one pass of the ONNX program recording every layer (checked against runToLayer likewise).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { useCpuBackend } from './testing/cpuBackend';
import type { BundledModelId } from '../src/core/models';
import type { LayerInfo } from '../src/core/modelInfo';
import { bundledFiles, bundledModelPath, readArtifacts } from './testing/nodeArtifacts';
import { registerGradientFixes } from '../src/explain/gradientFixes';
import { activationGradients } from '../src/explain/activationGradients';
import { buildRegion } from '../src/regions/buildRegion';
import { segGradCam } from '../src/methods/gradcam/oracle';
import { segXResCam } from '../src/methods/xres/oracle';
import { postProcess } from '../src/explain/normalize';
import { createTrainedModel } from '../src/model/trained';
import type { SegmentationModel } from '../src/model/types';
import { bundledModel } from '../src/model/registry';
import { parseOnnx } from '../src/model/onnx/graph';
import { OnnxProgram } from '../src/model/onnx/program';
import { toNchw, toNhwc } from '../src/model/onnx/ops/spatial';
import { tokensToGrid } from '../src/model/tokenGrid';

const FIX = 'scripts/testing/fixtures-trained';
const MIN_ITEM_PIXELS = 20;
const XRES = { pool: 'max', window: [2, 2], edges: 'valid' } as const;
/** regions per backward pass (same image, tiled) */
const BATCH = 4;

interface Item {
  scene: number;
  classIndex: number;
  /** GT bounding box, inclusive */
  box: { r0: number; r1: number; c0: number; c1: number };
  /** M: 4-connected component of {prediction == class} holding the click, 0/1 on the output grid */
  region: Uint8Array;
}

interface Acc {
  /** Σ of squared Seg-XRes-CAM masses, for the standard error */
  xm2: number;
  xm: number;
  xp: number;
  xz: number;
  gm: number;
  gp: number;
  gz: number;
  /** per-region masses, in item order (the paired comparison of docs/unetr-relevance-mass.md) */
  xs: number[];
  gs: number[];
}

interface LayerRow {
  name: string;
  grid: [number, number, number];
  xres: { mass: number; se: number; pointing: number; zero: number };
  grad: { mass: number; pointing: number; zero: number };
  /** why the layer cannot be the default: a parallel branch, or only linear ops after it; null when on the main path */
  off: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// A copy of runLayers (src/model/layersGraph.ts) that adds taps to chosen layer outputs and records them. Checked
// against the app's runFromLayer below, so a drift between the two shows up as a failed check.
interface NodeLike {
  inputTensors: SymbolicTensor[];
  outputTensors: SymbolicTensor[];
}
interface LayerLike {
  name: string;
  inboundNodes: NodeLike[];
  getClassName(): string;
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}
interface ConvLike extends LayerLike {
  dilationRate: number | number[];
  strides: number | number[];
  padding: 'same' | 'valid';
  useBias: boolean;
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { apply(x: tf.Tensor): tf.Tensor };
}

function unfusedConv(layer: ConvLike, x: tf.Tensor4D): tf.Tensor {
  const pair = (v: number | number[]) => (Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v, v]) as [number, number];
  let y: tf.Tensor = tf.conv2d(
    x,
    layer.kernel.read() as tf.Tensor4D,
    pair(layer.strides),
    layer.padding,
    'NHWC',
    pair(layer.dilationRate),
  );
  if (layer.useBias && layer.bias) y = tf.add(y, layer.bias.read());
  return layer.activation.apply(y);
}

interface UpLike extends LayerLike {
  size: number[];
  interpolation: string;
}

/**
 * UpSampling2D 'nearest' as broadcasting: the same values, but tfjs 4.22's cpu ResizeNearestNeighborGrad is wrong for
 * batch > 1 (right for batch 1, which is all the app uses), and this script batches regions.
 */
function nearestUp(x: tf.Tensor4D, [sh, sw]: number[]): tf.Tensor {
  const [b, h, w, c] = x.shape;
  return tf.reshape(tf.mul(tf.reshape(x, [b, h, 1, w, 1, c]), tf.ones([1, 1, sh ?? 1, 1, sw ?? 1, 1])), [
    b,
    h * (sh ?? 1),
    w * (sw ?? 1),
    c,
  ]);
}

function runTapped(
  model: LayersModel,
  x: tf.Tensor,
  taps: Map<string, tf.Tensor> | null,
  record: Map<string, tf.Tensor> | null,
): tf.Tensor {
  const values = new Map<number, tf.Tensor>();
  values.set((model.inputs[0] as SymbolicTensor).id, x);
  for (const layer of model.layers as unknown as LayerLike[]) {
    if (layer.getClassName() === 'InputLayer') continue;
    const node = layer.inboundNodes[0] as NodeLike;
    const ins = node.inputTensors.map((t) => values.get(t.id) as tf.Tensor);
    const cls = layer.getClassName();
    let out =
      cls === 'Conv2D'
        ? unfusedConv(layer as ConvLike, ins[0] as tf.Tensor4D)
        : cls === 'UpSampling2D' && (layer as UpLike).interpolation === 'nearest'
          ? nearestUp(ins[0] as tf.Tensor4D, (layer as UpLike).size)
          : (layer.apply(ins.length === 1 ? (ins[0] as tf.Tensor) : ins, { training: false }) as tf.Tensor);
    const tap = taps?.get(layer.name);
    if (tap) out = tf.add(out, tap);
    if (record?.has(layer.name)) record.set(layer.name, tf.keep(out));
    values.set((node.outputTensors[0] as SymbolicTensor).id, out);
  }
  return values.get((model.outputs[0] as SymbolicTensor).id) as tf.Tensor;
}

// ---------------------------------------------------------------------------------------------------------------
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

/** Ground-truth items of one scene and their regions under the model's prediction. */
function itemsOf(
  scene: number,
  truth: Uint8Array,
  pred: Uint8Array,
  h: number,
  w: number,
  classes: number,
): { items: Item[]; skipped: number } {
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
      const row = Math.floor(click / w);
      // The app's own region builder, clicked at the pixel centre.
      const region = buildRegion(
        { kind: 'component', x: (click - row * w + 0.5) / w, y: (row + 0.5) / h },
        pred,
        { width: w, height: h },
        cls,
      );
      items.push({ scene, classIndex: cls, box, region });
    }
  }
  return { items, skipped };
}

/** Mass inside the box (0 for an all-zero map), whether the first arg-max lies inside it, whether the map is all zero. */
function boxStats(map: Float32Array, w: number, box: Item['box']): { mass: number; hit: boolean; zero: boolean } {
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
const gridOf = (r: LayerRow) => `${r.grid[0]}×${r.grid[1]}`;

/**
 * Highest Seg-XRes-CAM mass; within 0.01 of it, the smallest grid (deepest) wins, then the higher mass. Among layers
 * on the main path (row.off null) when there are any.
 */
function recommend(all: LayerRow[]): LayerRow {
  const main = all.filter((r) => !r.off);
  const rows = main.length ? main : all;
  const top = Math.max(...rows.map((r) => r.xres.mass));
  const near = rows.filter((r) => r.xres.mass >= top - 0.01);
  near.sort((a, b) => a.grid[0] * a.grid[1] - b.grid[0] * b.grid[1] || b.xres.mass - a.xres.mass);
  return near[0] as LayerRow;
}

/** The layer every trained model explained by default before this measurement: its bottleneck (the paper's layer). */
function table(rows: LayerRow[], chosen: string, chance: number, oldDefault: string): string {
  const head = `| layer | grid×K | XRes mass | Grad-CAM mass | chance | XRes pointing | Grad-CAM pointing | zero maps XRes / Grad |`;
  const sep = '|---|---|--:|--:|--:|--:|--:|--:|';
  const lines = rows.map((r) => {
    const mark = [
      r.name === chosen ? '**recommended**' : '',
      r.name === oldDefault ? 'old default' : '',
      r.off ? `not eligible: ${r.off}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const name = `\`${r.name}\`${mark ? ` ${mark}` : ''}`;
    return `| ${name} | ${r.grid.join('×')} | ${f2(r.xres.mass)} | ${f2(r.grad.mass)} | ${f2(chance)} | ${f2(r.xres.pointing)} | ${f2(r.grad.pointing)} | ${pct(r.xres.zero)} / ${pct(r.grad.zero)} |`;
  });
  return [head, sep, ...lines].join('\n');
}

/** S_b = Σ_{M_b} logits[b, :, :, c_b], summed over the batch: a [B, H, W, C] weight tensor. */
function scoreWeights(items: Item[], h: number, w: number, classes: number): tf.Tensor4D {
  const wts = new Float32Array(items.length * h * w * classes);
  items.forEach((it, b) => {
    for (let i = 0; i < h * w; i++) if (it.region[i]) wts[(b * h * w + i) * classes + it.classIndex] = 1;
  });
  return tf.tensor4d(wts, [items.length, h, w, classes]);
}

/** How the measurement runs one model: the app's adapter plus one-pass activations and taps. */
interface Runner {
  model: SegmentationModel;
  /** regions per backward pass */
  batch: number;
  /** class scores [B, H, W, C] with each zero tap added to its layer's output */
  tapped(xB: tf.Tensor4D, taps: Map<string, tf.Tensor>): tf.Tensor;
  /** activations [h, w, K] of these layers for one image, from one forward pass; the caller disposes them */
  record(x1: tf.Tensor4D, layers: LayerInfo[]): Map<string, tf.Tensor3D>;
  /** why a layer is a parallel branch, or null */
  branch(layer: LayerInfo): string | null;
  /** how ∂S/∂A and A were obtained, for the doc */
  how: string;
  dispose(): void;
}

/** Our UNet / DeepLabV3 (LayersModels): the script's own tap copy, batched. */
async function layersRunner(id: string): Promise<Runner> {
  const path = bundledModelPath(id as BundledModelId);
  const model = await createTrainedModel(id, readArtifacts(path));
  const raw = await loadLayersModel(tf.io.fromMemory(readArtifacts(path)));
  return {
    model,
    batch: BATCH,
    tapped: (xB, taps) => runTapped(raw, xB, taps, null),
    record: (x1, layers) => {
      const record = new Map(layers.map((l) => [l.name, null as unknown as tf.Tensor]));
      tf.tidy(() => {
        runTapped(raw, x1, null, record);
      });
      const acts = new Map(
        layers.map((l) => [l.name, tf.reshape(record.get(l.name) as tf.Tensor, l.shape) as tf.Tensor3D]),
      );
      tf.dispose([...record.values()]);
      return acts;
    },
    branch: () => null,
    how: `the script's copy of runLayers with taps, ${BATCH} regions per pass`,
    dispose: () => {
      model.dispose();
      raw.dispose();
    },
  };
}

/** UNETR skip branches: the layers under /skip1/ and /skip2/, and the token-grid reshapes that feed only them. */
const UNETR_SKIP = /^\/skip\d\//;

/** The bundled UNETR (ONNX): the app's runWithTaps, one region per pass; activations from one pass of the program. */
async function unetrRunner(): Promise<Runner> {
  const model = await bundledModel('unetr').create(bundledFiles('unetr'));
  const [h, w] = model.inputSize;
  const probe = tf.zeros([1, 1, h, w]);
  const program = OnnxProgram.prepare(parseOnnx(new Uint8Array(readFileSync(bundledModelPath('unetr')))), probe);
  probe.dispose();
  const consumers = new Map<string, string[][]>();
  for (const n of program.plan) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n.outputs]);
  const tap = model.runWithTaps;
  if (!tap) throw new Error('the UNETR adapter has no runWithTaps');
  return {
    model,
    batch: 1,
    tapped: (xB, taps) => tap(xB, taps as Map<string, tf.Tensor4D>),
    record: (x1, layers) => {
      const outs = tf.tidy(() =>
        program
          .runMany(
            toNchw(x1),
            layers.map((l) => l.name),
          )
          .map((t, i) => {
            const l = layers[i] as LayerInfo;
            return tf.reshape(l.tokens ? tokensToGrid(t, l.tokens) : toNhwc(t), l.shape) as tf.Tensor3D;
          }),
      );
      return new Map(layers.map((l, i) => [l.name, outs[i] as tf.Tensor3D]));
    },
    branch: (l) => {
      if (UNETR_SKIP.test(l.name)) return 'skip branch';
      const by = consumers.get(l.name) ?? [];
      return by.length && by.every((outs) => outs.every((o) => UNETR_SKIP.test(o))) ? 'feeds only a skip branch' : null;
    },
    how:
      "the app's `runWithTaps`, one region per backward pass (taps are batch 1, as the app uses them); activations " +
      'from one pass of an `OnnxProgram` of the same file recording every layer',
    dispose: () => {
      model.dispose();
      program.dispose();
    },
  };
}

/** mulberry32: a small seeded generator for the bootstrap. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOOT_SEED = 20_240_601;
const BOOT_RESAMPLES = 2000;

interface Paired {
  n: number;
  x: { mean: number; se: number };
  g: { mean: number; se: number };
  diff: { mean: number; lo: number; hi: number };
  /** share of regions with XRes mass > Grad-CAM mass (strictly) */
  wins: number;
  ties: number;
}

function meanSe(v: number[]): { mean: number; se: number } {
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const sd2 = v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1);
  return { mean, se: Math.sqrt(sd2 / n) };
}

/** XRes vs Grad-CAM per region: means ± SE, mean paired difference with a seeded percentile bootstrap over regions. */
function paired(xs: number[], gs: number[]): Paired {
  const n = xs.length;
  const d = xs.map((x, i) => x - (gs[i] as number));
  const mean = d.reduce((a, b) => a + b, 0) / n;
  const rand = mulberry32(BOOT_SEED);
  const boots = new Float64Array(BOOT_RESAMPLES);
  for (let r = 0; r < BOOT_RESAMPLES; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d[Math.floor(rand() * n)] as number;
    boots[r] = sum / n;
  }
  boots.sort();
  const q = (p: number) =>
    boots[Math.min(BOOT_RESAMPLES - 1, Math.max(0, Math.round(p * (BOOT_RESAMPLES - 1))))] as number;
  return {
    n,
    x: meanSe(xs),
    g: meanSe(gs),
    diff: { mean, lo: q(0.025), hi: q(0.975) },
    wins: d.filter((v) => v > 0).length / n,
    ties: d.filter((v) => v === 0).length / n,
  };
}

const f3 = (v: number) => v.toFixed(3);
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${f3(Math.abs(v))}`;

function verdict(p: Paired): string {
  if (p.diff.lo > 0)
    return (
      "**holds**: Seg-XRes-CAM puts more of its relevance in the item's box than Seg-Grad-CAM (the whole 95% " +
      'interval of the difference is above 0).'
    );
  if (p.diff.hi < 0)
    return (
      "**does not hold**: Seg-XRes-CAM puts *less* of its relevance in the item's box than Seg-Grad-CAM (the whole " +
      '95% interval of the difference is below 0).'
    );
  return (
    '**does not hold** (not shown): the 95% interval of the difference includes 0, so the two methods cannot be told ' +
    'apart here.'
  );
}

/** Replaces a model's bullet, section and check in an existing docs/default-layers.md, or adds them. */
function splice(doc: string, id: string, bullet: string, section: string, check: string): string {
  const lines = doc.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`- **${id}:`));
  if (at >= 0) lines[at] = bullet;
  else {
    const rec = lines.indexOf('## Recommendation');
    let last = rec;
    for (let i = rec + 1; i < lines.length && !(lines[i] as string).startsWith('## '); i++)
      if ((lines[i] as string).startsWith('- **')) last = i;
    lines.splice(last + 1, 0, bullet);
  }
  let out = lines.join('\n');
  out = out.replace(new RegExp(`\\b${id} (0 \\(bit-identical\\)|\\S+) over \\d+ layers`), check);
  const head = `\n## ${id}\n`;
  const start = out.indexOf(head);
  if (start < 0) return `${out.replace(/\n*$/, '')}\n\n${section}\n`;
  const next = out.indexOf('\n## ', start + head.length);
  return `${out.slice(0, start)}\n${section}\n${next < 0 ? '' : out.slice(next)}`;
}

it('measures the default explanation layer of the trained models', async () => {
  const t0 = performance.now();
  await useCpuBackend();
  registerGradientFixes();

  const meta = JSON.parse(readFileSync(`${FIX}/eval-scenes.json`, 'utf8')) as {
    count: number;
    height: number;
    width: number;
    images: string;
    labels: string;
    numClasses: number;
  };
  const { count, height: H, width: W } = meta;
  const images = Uint8Array.from(readFileSync(`${FIX}/${meta.images}`));
  const truthAll = Uint8Array.from(readFileSync(`${FIX}/${meta.labels}`));
  const sceneIds = evenSubsample(count, Number(process.env.MEASURE_SCENES ?? count));
  const modelIds = (process.env.MEASURE_MODELS ?? 'unet,deeplab,unetr').split(',');
  const onlyLayers = process.env.MEASURE_LAYERS ? new Set(process.env.MEASURE_LAYERS.split(',')) : null;
  const outDir = process.env.MEASURE_OUT ?? 'docs';
  const sceneInput = (s: number) =>
    tf.tidy(() =>
      tf.div(tf.tensor4d(images.subarray(s * H * W, (s + 1) * H * W), [1, H, W, 1], 'int32'), 255),
    ) as tf.Tensor4D;
  const subsampled = sceneIds.length < count ? ' (evenly subsampled)' : '';
  const command = (ids: string[]) =>
    (ids.join(',') === 'unet,deeplab,unetr' ? '' : `MEASURE_MODELS=${ids.join(',')} `) +
    (sceneIds.length < count ? `MEASURE_SCENES=${sceneIds.length} ` : '') +
    'npx vitest run --config scripts/vitest.measure.config.ts';

  const sections: string[] = [];
  const summary: string[] = [];
  const checks: string[] = [];
  const spliced: { id: string; bullet: string; section: string; check: string }[] = [];
  let relevance: string | null = null;
  for (const id of modelIds) {
    const tm = performance.now();
    const runner = id === 'unetr' ? await unetrRunner() : await layersRunner(id);
    const { model } = runner;
    const [oh, ow] = model.outputSize;
    const C = model.classes.length;
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
    const chances = items.map((it) => ((it.box.r1 - it.box.r0 + 1) * (it.box.c1 - it.box.c0 + 1)) / (H * W));
    const chance = chances.reduce((a, b) => a + b, 0) / items.length;
    console.log(
      `\n${id}: ${sceneIds.length} scenes, ${items.length} regions (${skipped} items skipped: no pixel predicted as their class), chance ${f2(chance)}`,
    );

    const tooSmall = model.layers
      .filter((l) => !(l.shape[0] >= 3 && l.shape[1] >= 3))
      .map((l) => `${l.name} (${l.shape[0]}×${l.shape[1]})`);
    let candidates = model.layers.filter(
      (l) => l.shape[0] >= 3 && l.shape[1] >= 3 && (!onlyLayers || onlyLayers.has(l.name)),
    );

    // Check, on one region, every layer against the app's path (runToLayer + activationGradients(runFromLayer)).
    // A layer the app's path cannot explain is reported and skipped.
    const failed: string[] = [];
    let worst = 0;
    let checkedWhich: string;
    {
      // Batched, the check runs a batch as the measurement does and compares its last region; one region per pass,
      // it checks the first region.
      const scene =
        runner.batch > 1
          ? (items.find((it) => items.filter((o) => o.scene === it.scene).length > 1) ?? (items[0] as Item)).scene
          : (items[0] as Item).scene;
      const batch = items.filter((it) => it.scene === scene).slice(0, runner.batch);
      const first = batch[batch.length - 1] as Item;
      const B = batch.length;
      checkedWhich = B > 1 ? `region ${B} of a batch of ${B}` : 'the first region';
      const x = sceneInput(first.scene);
      const xB = B > 1 ? tf.tile(x, [B, 1, 1, 1]) : x.clone();
      const region = tf.tensor2d(first.region, [H, W], 'float32');
      const wts = scoreWeights(batch, H, W, C);
      const zeros = candidates.map((l) => tf.zeros([B, ...l.shape]));
      const { value, grads: batched } = tf.valueAndGrads(
        (...taps: tf.Tensor[]) =>
          tf.sum(
            tf.mul(runner.tapped(xB, new Map(candidates.map((l, i) => [l.name, taps[i] as tf.Tensor]))), wts),
          ) as tf.Scalar,
      )(zeros);
      const grads = batched.map((g) => tf.slice(g, [B - 1, 0, 0, 0], [1, -1, -1, -1]));
      tf.dispose([xB, value, ...batched]);
      const record = runner.record(x, candidates);
      const ok = new Set<string>();
      candidates.forEach((l, i) => {
        try {
          const diff = tf.tidy(() => {
            const a = model.runToLayer(x, l.name);
            const g = activationGradients((t) => model.runFromLayer(x, l.name, t), a, region, first.classIndex);
            const ours = tf.reshape(grads[i] as tf.Tensor, g.gradients.shape);
            const scale = tf.max(tf.abs(g.gradients)).dataSync()[0] as number;
            const dg = (tf.max(tf.abs(tf.sub(ours, g.gradients))).dataSync()[0] as number) / Math.max(scale, 1e-12);
            const da = tf
              .max(tf.abs(tf.sub(tf.reshape(record.get(l.name) as tf.Tensor, a.shape), a)))
              .dataSync()[0] as number;
            return Math.max(dg, da);
          });
          worst = Math.max(worst, diff);
          if (diff > 1e-3) throw new Error(`one-pass gradient differs from the app's by ${diff.toExponential(1)}`);
          ok.add(l.name);
        } catch (e) {
          failed.push(`\`${l.name}\` (${(e as Error).message})`);
          console.log(`  ${l.name}: FAILED ${(e as Error).message}`);
        }
      });
      tf.dispose([x, region, wts, ...zeros, ...grads, ...record.values()]);
      candidates = candidates.filter((l) => ok.has(l.name));
      checks.push(`${id} ${worst === 0 ? '0 (bit-identical)' : worst.toExponential(1)} over ${ok.size} layers`);
      console.log(
        `  check vs the app's path (${checkedWhich}): ${ok.size} layers agree, worst relative diff ${worst.toExponential(1)} (${((performance.now() - tm) / 1000).toFixed(0)} s)`,
      );
    }

    const acc = new Map<string, Acc>(
      candidates.map((l) => [l.name, { xm2: 0, xm: 0, xp: 0, xz: 0, gm: 0, gp: 0, gz: 0, xs: [], gs: [] }]),
    );
    const before = tf.memory().numTensors;
    let backwardMs = 0;
    let camMs = 0;
    for (const s of sceneIds) {
      const sceneItems = items.filter((it) => it.scene === s);
      if (!sceneItems.length) continue;
      const x1 = sceneInput(s);
      // A of every candidate layer for this image: [h, w, K].
      const acts = runner.record(x1, candidates);
      for (let k = 0; k < sceneItems.length; k += runner.batch) {
        const batch = sceneItems.slice(k, k + runner.batch);
        const B = batch.length;
        const xB = B > 1 ? tf.tile(x1, [B, 1, 1, 1]) : x1.clone();
        const wts = scoreWeights(batch, H, W, C);
        const zeros = candidates.map((l) => tf.zeros([B, ...l.shape]));
        const tb = performance.now();
        const { value, grads } = tf.valueAndGrads(
          (...taps: tf.Tensor[]) =>
            tf.sum(
              tf.mul(runner.tapped(xB, new Map(candidates.map((l, i) => [l.name, taps[i] as tf.Tensor]))), wts),
            ) as tf.Scalar,
        )(zeros);
        const tc = performance.now();
        backwardMs += tc - tb;
        candidates.forEach((l, i) => {
          const a = acts.get(l.name) as tf.Tensor3D;
          const st = acc.get(l.name) as Acc;
          batch.forEach((item, b) => {
            const maps = tf.tidy(() => {
              const g = tf.reshape(
                tf.slice(grads[i] as tf.Tensor, [b, 0, 0, 0], [1, -1, -1, -1]),
                l.shape,
              ) as tf.Tensor3D;
              const grad = postProcess(segGradCam(a, g), [H, W]).dataSync() as Float32Array;
              const xres = postProcess(segXResCam(a, g, XRES), [H, W]).dataSync() as Float32Array;
              return { grad, xres };
            });
            const gs = boxStats(maps.grad, W, item.box);
            const xs = boxStats(maps.xres, W, item.box);
            st.gm += gs.mass;
            st.gp += Number(gs.hit);
            st.gz += Number(gs.zero);
            st.xm += xs.mass;
            st.xm2 += xs.mass * xs.mass;
            st.xp += Number(xs.hit);
            st.xz += Number(xs.zero);
            st.xs.push(xs.mass);
            st.gs.push(gs.mass);
          });
        });
        camMs += performance.now() - tc;
        tf.dispose([xB, wts, value, ...zeros, ...grads]);
      }
      tf.dispose([x1, ...acts.values()]);
      if (s === sceneIds[0] || s === sceneIds[sceneIds.length - 1] || s % 16 === 0) {
        console.log(
          `  scene ${s} done at ${((performance.now() - tm) / 1000).toFixed(0)} s, tensors held +${tf.memory().numTensors - before}; backward ${(backwardMs / 1000).toFixed(0)} s, CAMs ${(camMs / 1000).toFixed(0)} s`,
        );
      }
    }
    expect(tf.memory().numTensors - before).toBe(0);
    const oldDefault = model.bottleneck;
    const layerOf = new Map(candidates.map((l) => [l.name, l]));
    runner.dispose();

    const n = items.length;
    const rows: LayerRow[] = candidates.map((l) => {
      const st = acc.get(l.name) as Acc;
      return {
        name: l.name,
        grid: l.shape,
        xres: {
          mass: st.xm / n,
          se: Math.sqrt(Math.max(0, st.xm2 / n - (st.xm / n) ** 2) / Math.max(1, n - 1)),
          pointing: st.xp / n,
          zero: st.xz / n,
        },
        grad: { mass: st.gm / n, pointing: st.gp / n, zero: st.gz / n },
        off:
          runner.branch(l) ??
          (l.affineToOutput ? `only linear ops follow (${l.linearTail?.ops.join(', ') ?? 'affine'})` : null),
      };
    });
    for (const r of rows) {
      for (const v of [r.xres.mass, r.grad.mass, r.xres.pointing, r.grad.pointing, r.xres.zero, r.grad.zero]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    rows.sort((a, b) => b.xres.mass - a.xres.mass);
    if (!rows.length) throw new Error(`${id}: no layer could be measured`);
    const best = recommend(rows);
    const current = rows.find((r) => r.name === oldDefault);
    const appDefault =
      model.defaultLayer === best.name
        ? " The app's default now matches."
        : ` The app's default is \`${model.defaultLayer}\`.`;
    const minutes = (performance.now() - tm) / 60000;
    const offCount = rows.filter((r) => r.off).length;
    console.log(
      `\n${id} (sorted by Seg-XRes-CAM mass), ${minutes.toFixed(1)} min; backward ${(backwardMs / 60000).toFixed(1)} min, CAMs ${(camMs / 60000).toFixed(1)} min\n${table(rows, best.name, chance, oldDefault)}`,
    );
    const bullet =
      `- **${id}: \`${best.name}\`** (${gridOf(best)}): Seg-XRes-CAM mass ${f2(best.xres.mass)} ± ${f2(best.xres.se)}, Seg-Grad-CAM mass ${f2(best.grad.mass)}, ` +
      `pointing ${f2(best.xres.pointing)} / ${f2(best.grad.pointing)}, chance ${f2(chance)}` +
      (current
        ? `. Old default \`${current.name}\` (${gridOf(current)}): ${f2(current.xres.mass)} ± ${f2(current.xres.se)}, ${f2(current.grad.mass)}, pointing ${f2(current.xres.pointing)} / ${f2(current.grad.pointing)}.`
        : '.') +
      (offCount ? ` Among the ${rows.length - offCount} layers on the main path (see its section).` : '') +
      appDefault;
    summary.push(bullet);
    const check = checks[checks.length - 1] as string;
    const section = [
      `## ${id}`,
      '',
      `${sceneIds.length} scenes${subsampled}, ${n} regions (${skipped} items skipped: no pixel of the item predicted as its class), ${minutes.toFixed(1)} min ` +
        `(\`${command([id])}\`; backward passes ${(backwardMs / 60000).toFixed(1)} min, maps ${(camMs / 60000).toFixed(1)} min). ` +
        `Grid under 3×3, not measured: ${tooSmall.length ? tooSmall.join(', ') : 'none'}. ` +
        `Failed: ${failed.length ? failed.join('; ') : 'none'}.`,
      ...(id === 'unetr'
        ? [
            '',
            `Gradients: ${runner.how}. Check against the app's own path (runToLayer + activationGradients(runFromLayer)) ` +
              `for every layer on ${checkedWhich}: worst max |ΔG| / max |G| (and |ΔA|) ${check.slice(id.length + 1)}. ` +
              'Token layers (the transformer blocks’ residual stream) are measured as their 12×12 patch grid, as the app ' +
              'offers them. Not eligible as the default (listed, but the rule skips them): the skip branches, ' +
              '`/skip1/…` (from block 2) and `/skip2/…` (from block 4), and the token-grid reshapes `/Reshape_2_output_0`, ' +
              '`/Reshape_3_output_0` that feed only them: parallel branches like DeepLab’s ASPP branches, whose maps explain ' +
              "only the branch's share. No layer of this model is followed only by linear ops (`affineToOutput`).",
          ]
        : []),
      '',
      table(rows, best.name, chance, oldDefault),
    ].join('\n');
    sections.push(section);
    spliced.push({ id, bullet, section, check });

    if (id === 'unetr') {
      const at = (name: string) => {
        const st = acc.get(name) as Acc;
        return { name, grid: (layerOf.get(name) as LayerInfo).shape, p: paired(st.xs, st.gs) };
      };
      const pairs = [at(oldDefault), ...(best.name === oldDefault ? [] : [at(best.name)])];
      const chanceSe = meanSe(chances);
      const line = (title: string, r: (typeof pairs)[number]) =>
        `| ${title} \`${r.name}\` (${r.grid.join('×')}) | ${f3(r.p.g.mean)} ± ${f3(r.p.g.se)} | ${f3(r.p.x.mean)} ± ${f3(r.p.x.se)} | ` +
        `${signed(r.p.diff.mean)} [${signed(r.p.diff.lo)}, ${signed(r.p.diff.hi)}] | ${pct(r.p.wins)}${r.p.ties ? ` (ties ${pct(r.p.ties)})` : ''} | ${f3(chance)} |`;
      relevance = [
        '# Relevance mass on the UNETR: Seg-Grad-CAM vs Seg-XRes-CAM',
        '',
        "The paper's claim: Seg-XRes-CAM puts more of its relevance on the explained object than Seg-Grad-CAM. Tested " +
          'here on our bundled UNETR (ViT encoder of 6 blocks on a 12×12 token grid, conv decoder with skips from ' +
          "blocks 2 and 4; ONNX, run by the app's importer) " +
          `over the ${n} regions of ${sceneIds.length} held-out scenes${subsampled} in \`${FIX}\`.`,
        '',
        `Generated by \`${command(['unetr'])}\` (\`scripts/measure-layers.measure.ts\`, which also writes the UNETR section of ` +
          `[default-layers.md](default-layers.md)), on the tfjs **cpu backend in Node**, 2-core machine: ${minutes.toFixed(1)} min ` +
          `for the whole UNETR measurement (all ${candidates.length} layers; the two layers below are part of it).`,
        '',
        '## Results',
        '',
        "Mass = share of the map's relevance inside the item's ground-truth box, per region; mean ± standard error over " +
          `regions. Difference = XRes − Grad-CAM per region, mean with a 95% percentile bootstrap interval over regions ` +
          `(${BOOT_RESAMPLES} resamples, seed ${BOOT_SEED}). Chance = box area / image area, averaged (± ${f3(chanceSe.se)}).`,
        '',
        '| layer | Seg-Grad-CAM mass | Seg-XRes-CAM mass | XRes − Grad-CAM [95% CI] | regions XRes > Grad | chance |',
        '|---|--:|--:|--:|--:|--:|',
        line("(a) paper's layer, bottleneck", pairs[0] as (typeof pairs)[number]),
        ...(pairs[1] ? [line('(b) measured default', pairs[1])] : []),
        '',
        `- **(a) Bottleneck \`${oldDefault}\`** (the last transformer block, a token grid): the claim ` +
          verdict((pairs[0] as (typeof pairs)[number]).p),
        pairs[1]
          ? `- **(b) Measured default \`${best.name}\`** (the main-path layer with the highest Seg-XRes-CAM mass, ` +
            `[default-layers.md](default-layers.md#unetr)): the claim ${verdict(pairs[1].p)}`
          : `- **(b) Measured default**: the bottleneck itself, see (a).`,
        '',
        '## Method',
        '',
        "Items, clicks, regions, the score S = Σ_M logits[c], the app's `segGradCam` / `segXResCam` oracles (Seg-XRes-CAM: " +
          'max pool, 2×2 window, valid edges), `postProcess` to 96×96 and the mass are those of ' +
          "[default-layers.md](default-layers.md#method). ∂S/∂A from the app's `runWithTaps` (one backward pass per " +
          "region gives every layer's gradient), checked equal to the app's per-layer path on the first region " +
          `(worst relative difference ${check.slice(id.length + 1)}). An all-zero map counts as mass 0. The bootstrap ` +
          'resamples regions independently; regions of one scene share an image, so the interval is, if anything, a ' +
          'little narrow.',
        '',
      ].join('\n');
      console.log(`\n${relevance}`);
    }
  }

  const minutes = (performance.now() - t0) / 60000;
  const methodChecks = checks.join('; ');
  const fresh = [
    '# Default explanation layer of the trained models',
    '',
    `Generated by \`${command(modelIds)}\` (\`scripts/measure-layers.measure.ts\`) on the ` +
      `tfjs **cpu backend in Node**, ${minutes.toFixed(1)} minutes in all on a 2-core machine. ` +
      `Scenes: ${sceneIds.length} of the ${count} held-out scenes in \`${FIX}\`${subsampled}.`,
    '',
    '## Recommendation',
    '',
    'Rule: the layer with the highest Seg-XRes-CAM mass; within 0.01 of it, the smaller-resolution (deeper) layer; ' +
      'among layers on the main path where the model says which are not (a parallel branch, or a layer followed only ' +
      'by linear ops).',
    "Numbers: mass in the item's box (Seg-XRes-CAM ± its standard error over regions, Seg-Grad-CAM), pointing game " +
      '(same order), chance.',
    '',
    ...summary,
    '',
    '## Method',
    '',
    '- **Items**: every 4-connected component (≥ 20 px) of a non-background ground-truth class.',
    "- **Click**: the item pixel nearest its centroid where the prediction equals the item's class (items with none are skipped).",
    "- **Region M**: the component of {prediction = class} holding the click (the app's connected-blob mode, " +
      "`buildRegion`); class c = the item's class; score S = Σ_M logits[c].",
    '- **Layers**: every entry of `model.layers` with a grid of at least 3×3.',
    "- **Maps**: the app's `segGradCam` and `segXResCam` (max pool, 2×2 window, valid edges: the app default), " +
      '`postProcess`ed to 96×96 (min-max, bilinear, min-max).',
    "- **Mass**: Σ_box E / Σ E in the item's ground-truth bounding box (0 for an all-zero map), averaged over regions. " +
      '**Chance**: box area / image area, averaged. **Pointing**: fraction of regions whose map arg-max (first in ' +
      'row-major order) lies in the box; an all-zero map never hits. **Zero maps**: fraction of all-zero maps.',
    '- **Gradients**: ∂S/∂A for every layer from one backward pass per batch of regions (a zero tap added to each ' +
      "layer's output; ∂S/∂tap = ∂S/∂A). For one region per model every layer was also run through the app's " +
      `own path (runToLayer + activationGradients(runFromLayer)); worst max |ΔG| / max |G| (and |ΔA|): ${methodChecks}. ` +
      "UpSampling2D 'nearest' (DeepLab's image-pool branch) is computed as broadcasting there: same values, but " +
      "tfjs 4.22's cpu ResizeNearestNeighborGrad is wrong for batch > 1 (right for batch 1, all the app uses).",
    '- Tables sorted by Seg-XRes-CAM mass; chance is the same for every layer of a model.',
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  console.log(`\ntotal ${minutes.toFixed(1)} min`);
  if (process.env.MEASURE_DOC !== '0') {
    const path = `${outDir}/default-layers.md`;
    let doc: string;
    try {
      doc = readFileSync(path, 'utf8');
    } catch {
      doc = '';
    }
    // An existing doc keeps all but the measured models' bullets, sections and checks (it has hand-written parts).
    doc = doc ? spliced.reduce((d, m) => splice(d, m.id, m.bullet, m.section, m.check), doc) : fresh;
    writeFileSync(path, doc);
    if (relevance) writeFileSync(`${outDir}/unetr-relevance-mass.md`, relevance);
  }
}, 7_200_000);
