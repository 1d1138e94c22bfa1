#!/usr/bin/env node
// Rebuilds a trained PyTorch model (scripts/train/models.py) with plain tf.layers, loads the float32 weights
// dumped by scripts/train/artifacts.py, saves a TensorFlow.js LayersModel (model.json + group1-shard1of1.bin)
// to public/models/<model>/, reloads it, checks parity against scripts/testing/fixtures-trained/parity-<model>.*
// (max |diff| <= 1e-4), computes the mIoU on the 64-scene evaluation subset with the tfjs cpu backend, and
// records everything in scripts/testing/fixtures-trained/metrics.json.
//
//   node scripts/train/export-tfjs.mjs --model unet [--dump /tmp/segtrain/unet]
//   node scripts/train/export-tfjs.mjs --model deeplab
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'src', 'model', 'trained', 'fixtures');
const argv = process.argv.slice(2);
const arg = (name, dflt) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
const modelName = arg('model');
if (!['unet', 'deeplab'].includes(modelName)) {
  console.error('usage: node scripts/train/export-tfjs.mjs --model unet|deeplab [--dump DIR]');
  process.exit(2);
}
const dumpDir = arg('dump', `/tmp/segtrain/${modelName}`);
const outDir = join(root, 'public', 'models', modelName);
const SIZE = 96;
const NUM_CLASSES = 11;
const BN_EPS = 1e-5; // PyTorch BatchNorm2d default (tfjs default is 1e-3)

// ---------------------------------------------------------------------------------------------- layer helpers
const conv = (x, name, filters, { k = 3, strides = 1, dilation = 1, padding = 'same', bias = false } = {}) =>
  tf.layers
    .conv2d({ name, filters, kernelSize: k, strides, dilationRate: dilation, padding, useBias: bias })
    .apply(x);
const bn = (x, name) => tf.layers.batchNormalization({ name, axis: -1, epsilon: BN_EPS }).apply(x);
const relu = (x, name) => tf.layers.activation({ name, activation: 'relu' }).apply(x);
/** conv (no bias) -> BN -> ReLU, layer names <prefix>_conv<s>, <prefix>_bn<s>, <reluName ?? prefix_relu<s>>. */
const cbr = (x, prefix, filters, opts = {}, s = '', reluName) =>
  relu(bn(conv(x, `${prefix}_conv${s}`, filters, opts), `${prefix}_bn${s}`), reluName ?? `${prefix}_relu${s}`);

// --------------------------------------------------------------------------------------------------- UNet
function buildUNet({ widths }) {
  const enc = widths.slice(0, -1);
  const mid = widths[widths.length - 1];
  const input = tf.input({ name: 'input', shape: [SIZE, SIZE, 1] });
  let x = input;
  const skips = [];
  enc.forEach((c, i) => {
    const lvl = i + 1;
    x = cbr(x, `enc${lvl}`, c, {}, '1');
    x = cbr(x, `enc${lvl}`, c, {}, '2');
    skips.push(x);
    x = tf.layers.maxPooling2d({ name: `pool${lvl}`, poolSize: 2, strides: 2, padding: 'valid' }).apply(x);
  });
  x = cbr(x, 'bott', mid, {}, '1');
  x = cbr(x, 'bott', mid, {}, '2', 'bottleneck');
  for (let lvl = enc.length; lvl >= 1; lvl--) {
    const c = enc[lvl - 1];
    const up = tf.layers
      .conv2dTranspose({ name: `up${lvl}`, filters: c, kernelSize: 2, strides: 2, padding: 'valid' })
      .apply(x);
    x = tf.layers.concatenate({ name: `concat${lvl}`, axis: -1 }).apply([up, skips[lvl - 1]]);
    x = cbr(x, `dec${lvl}`, c, {}, '1');
    x = cbr(x, `dec${lvl}`, c, {}, '2');
  }
  const logits = conv(x, 'logits', NUM_CLASSES, { k: 1, bias: true });
  return tf.model({ name: 'fashion_unet', inputs: input, outputs: logits });
}

// ---------------------------------------------------------------------------------------------- DeepLabV3
const pad1 = (x, name) => tf.layers.zeroPadding2d({ name, padding: [[1, 1], [1, 1]] }).apply(x);

/** ResNet basic block; stride 2 = symmetric zero padding 1 + 'valid' 3x3 conv (PyTorch padding=1). */
function basicBlock(x, li, cin, cout, stride, dilation) {
  const p = `l${li}`;
  let h =
    stride === 2
      ? conv(pad1(x, `${p}_pad`), `${p}_conv1`, cout, { strides: 2, padding: 'valid' })
      : conv(x, `${p}_conv1`, cout, { dilation });
  h = relu(bn(h, `${p}_bn1`), `${p}_relu1`);
  h = bn(conv(h, `${p}_conv2`, cout, { dilation }), `${p}_bn2`);
  let sc = x;
  if (stride !== 1 || cin !== cout) {
    sc = bn(conv(x, `${p}_down_conv`, cout, { k: 1, strides: stride, padding: 'valid' }), `${p}_down_bn`);
  }
  const sum = tf.layers.add({ name: `${p}_add` }).apply([h, sc]);
  return relu(sum, `layer${li}`);
}

function buildDeepLab({ widths, aspp_c: asppC }) {
  const [c0, c1, c2, c3, c4] = widths;
  const input = tf.input({ name: 'input', shape: [SIZE, SIZE, 1] });
  let x = relu(
    bn(conv(pad1(input, 'stem_pad'), 'stem_conv', c0, { strides: 2, padding: 'valid' }), 'stem_bn'),
    'stem_relu',
  ); // 48x48
  x = basicBlock(x, 1, c0, c1, 2, 1); // 24x24
  x = basicBlock(x, 2, c1, c2, 2, 1); // 12x12 (output stride 8)
  x = basicBlock(x, 3, c2, c3, 1, 2); // dilated instead of strided
  x = basicBlock(x, 4, c3, c4, 1, 4);
  const fs = SIZE / 8;
  const b0 = cbr(x, 'aspp_b0', asppC, { k: 1 });
  const atrous = [2, 4, 6].map((r, j) => cbr(x, `aspp_b${j + 1}`, asppC, { dilation: r }));
  let pool = tf.layers.globalAveragePooling2d({ name: 'aspp_pool_gap' }).apply(x);
  pool = tf.layers.reshape({ name: 'aspp_pool_reshape', targetShape: [1, 1, c4] }).apply(pool);
  pool = cbr(pool, 'aspp_pool', asppC, { k: 1 });
  pool = tf.layers
    .upSampling2d({ name: 'aspp_pool_up', size: [fs, fs], interpolation: 'nearest' })
    .apply(pool);
  const cat = tf.layers.concatenate({ name: 'aspp_concat', axis: -1 }).apply([b0, ...atrous, pool]);
  const bottleneck = cbr(cat, 'aspp_project', asppC, { k: 1 }, '', 'bottleneck'); // ASPP output
  const low = conv(bottleneck, 'classifier', NUM_CLASSES, { k: 1, bias: true }); // 12x12x11
  const logits = tf.layers
    .upSampling2d({ name: 'logits', size: [8, 8], interpolation: 'bilinear' })
    .apply(low);
  return tf.model({ name: 'fashion_deeplabv3', inputs: input, outputs: logits });
}

// ---------------------------------------------------------------------------------------------- utilities
const readF32 = (path, byteOffset = 0, length) => {
  const buf = readFileSync(path);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return new Float32Array(ab, byteOffset, length ?? (ab.byteLength - byteOffset) / 4);
};

function loadDumpedWeights(model, dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8'));
  const all = readF32(join(dir, 'weights.bin'));
  const seen = new Set();
  for (const { layer, weights } of manifest.layers) {
    const tensors = weights.map(({ shape, offset }) =>
      tf.tensor(all.subarray(offset, offset + shape.reduce((a, b) => a * b, 1)), shape, 'float32'),
    );
    model.getLayer(layer).setWeights(tensors); // throws on any shape mismatch
    tensors.forEach((t) => t.dispose());
    seen.add(layer);
  }
  const missing = model.layers.filter((l) => l.getWeights().length > 0 && !seen.has(l.name));
  if (missing.length) throw new Error(`layers without dumped weights: ${missing.map((l) => l.name)}`);
  return manifest;
}

function confusion(pred, label, k = NUM_CLASSES) {
  const cm = new Float64Array(k * k);
  for (let i = 0; i < label.length; i++) cm[label[i] * k + pred[i]]++;
  return cm;
}

function iou(cm, k = NUM_CLASSES) {
  const per = [];
  for (let c = 0; c < k; c++) {
    let row = 0;
    let col = 0;
    for (let j = 0; j < k; j++) {
      row += cm[c * k + j];
      col += cm[j * k + c];
    }
    const inter = cm[c * k + c];
    const union = row + col - inter;
    per.push(union > 0 ? inter / union : null);
  }
  const valid = per.filter((v) => v !== null);
  return { miou: valid.reduce((a, b) => a + b, 0) / valid.length, perClass: per };
}

// ---------------------------------------------------------------------------------------------------- main
await tf.setBackend('cpu');
await tf.ready();

const t0 = Date.now();
const dumpManifest = JSON.parse(readFileSync(join(dumpDir, 'weights.json'), 'utf8'));
const model = modelName === 'unet' ? buildUNet(dumpManifest.arch) : buildDeepLab(dumpManifest.arch);
loadDumpedWeights(model, dumpDir);

// Save as a LayersModel: model.json + a single weights shard.
mkdirSync(outDir, { recursive: true });
await model.save(
  tf.io.withSaveHandler(async (artifacts) => {
    const wd = artifacts.weightData;
    const bytes = Array.isArray(wd) ? tf.io.concatenateArrayBuffers(wd) : wd;
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
      convertedBy: 'scripts/train/export-tfjs.mjs (PyTorch -> tf.layers)',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
    };
    writeFileSync(join(outDir, 'model.json'), JSON.stringify(modelJson));
    writeFileSync(join(outDir, 'group1-shard1of1.bin'), Buffer.from(bytes));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }),
);
model.dispose();

// Reload exactly what was written (tf.loadLayersModel path, no custom layers) and check it.
const written = JSON.parse(readFileSync(join(outDir, 'model.json'), 'utf8'));
const shard = readFileSync(join(outDir, 'group1-shard1of1.bin'));
const loaded = await tf.loadLayersModel(
  tf.io.fromMemory({
    modelTopology: written.modelTopology,
    weightSpecs: written.weightsManifest[0].weights,
    weightData: shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength),
  }),
);

// Parity with the PyTorch logits.
const pj = JSON.parse(readFileSync(join(fixtures, `parity-${modelName}.json`), 'utf8'));
const pIn = readF32(join(fixtures, pj.file), pj.input.byteOffset, pj.input.shape.reduce((a, b) => a * b));
const pOut = readF32(join(fixtures, pj.file), pj.logits.byteOffset, pj.logits.shape.reduce((a, b) => a * b));
const got = tf.tidy(() => loaded.predict(tf.tensor(pIn, pj.input.shape))).dataSync();
let maxDiff = 0;
for (let i = 0; i < got.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - pOut[i]));
console.log(`${modelName}: parity max |tfjs - pytorch| over ${got.length} logits = ${maxDiff.toExponential(3)}`);

// mIoU on the 64-scene evaluation subset.
const ev = JSON.parse(readFileSync(join(fixtures, 'eval-scenes.json'), 'utf8'));
const evImages = readFileSync(join(fixtures, ev.images));
const evLabels = readFileSync(join(fixtures, ev.labels));
const px = ev.height * ev.width;
const preds = new Uint8Array(ev.count * px);
const tEval = Date.now();
for (let s = 0; s < ev.count; s += 8) {
  const n = Math.min(8, ev.count - s);
  const x = new Float32Array(n * px);
  for (let i = 0; i < n * px; i++) x[i] = evImages[s * px + i] / 255;
  const am = tf.tidy(() => loaded.predict(tf.tensor4d(x, [n, ev.height, ev.width, 1])).argMax(-1));
  preds.set(am.dataSync(), s * px);
  am.dispose();
}
const evalMs = Date.now() - tEval;
const sub = iou(confusion(preds, evLabels));
console.log(`${modelName}: subset (${ev.count} scenes) mIoU in tfjs = ${sub.miou.toFixed(4)} (${evalMs} ms)`);

// Layer report: bottleneck + every 4-D output.
const layers4d = loaded.layers
  .filter((l) => Array.isArray(l.outputShape) && l.outputShape.length === 4)
  .map((l) => ({ name: l.name, shape: [1, ...l.outputShape.slice(1)] }));
const bott = loaded.getLayer('bottleneck');
const params = loaded.countParams();

// Record metrics (merged per model).
const metricsPath = join(fixtures, 'metrics.json');
const metrics = existsSync(metricsPath) ? JSON.parse(readFileSync(metricsPath, 'utf8')) : {};
const pt = JSON.parse(readFileSync(join(dumpDir, 'test-metrics.json'), 'utf8'));
const round = (v) => (v === null ? null : Math.round(v * 1e6) / 1e6);
metrics[modelName] = {
  modelUrl: `models/${modelName}/model.json`,
  trainableParams: pt.params,
  paramsIncludingBnStats: params,
  weightBytes: shard.byteLength,
  arch: pt.arch,
  input: { shape: [1, SIZE, SIZE, 1], range: '0..1 (grayscale uint8 / 255)', channels: 1 },
  output: { shape: [1, SIZE, SIZE, NUM_CLASSES], kind: 'logits (no softmax)' },
  classNames: ev.classNames,
  bottleneck: { layer: 'bottleneck', shape: [1, ...bott.outputShape.slice(1)] },
  layers4d: layers4d.map((l) => `${l.name} [${l.shape}]`),
  parity: { scenes: pj.input.shape[0], maxAbsDiff: maxDiff, tolerance: pj.tolerance },
  subset: {
    scenes: ev.count,
    miouTfjs: round(sub.miou),
    perClassIoUTfjs: sub.perClass.map(round),
    miouPytorch: round(pt.subset_miou_pytorch),
  },
  test: {
    scenes: pt.test_scenes,
    miou: round(pt.test_miou),
    pixelAccuracy: round(pt.test_pixel_acc),
    perClassIoU: Object.fromEntries(Object.entries(pt.test_per_class_iou).map(([k, v]) => [k, round(v)])),
    source: 'PyTorch, full test set (t10k items only)',
  },
  training: {
    steps: pt.steps_done,
    plannedSteps: pt.steps,
    batch: pt.batch,
    minutes: Math.round(pt.train_minutes * 10) / 10,
    finished: pt.finished,
    threads: pt.threads,
  },
};
writeFileSync(metricsPath, JSON.stringify(metrics, null, 1) + '\n');

console.log(`${modelName}: ${params} params, ${shard.byteLength} weight bytes, export+checks ${Date.now() - t0} ms`);
console.log(`${modelName}: bottleneck output shape [${metrics[modelName].bottleneck.shape}]`);
console.log(`${modelName}: 4-D layers:\n` + layers4d.map((l) => `  ${l.name} [${l.shape}]`).join('\n'));
if (!(maxDiff <= 1e-4)) {
  console.error(`${modelName}: PARITY FAILED (max diff ${maxDiff} > 1e-4)`);
  process.exit(1);
}
