import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerGradientFixes } from '../explain/gradientFixes';
import { useCpuBackend } from '../../scripts/testing/cpuBackend';
import { artifactsFromFiles } from './artifacts';
import type { CustomModelOptions } from '../core/modelInfo';
import { bottleneckGuess, createCustomModel } from './custom';

const OPTS: CustomModelOptions = {
  inputRange: '0,1',
  outputKind: 'auto',
  outputIs: 'auto',
  classNames: ['sky', 'cat', 'dog'],
};
const pixels = { width: 10, height: 10, data: new Uint8ClampedArray(400).fill(128) };

async function saved(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let out: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      out = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return out as tf.io.ModelArtifacts;
}

/** A tiny encoder–decoder LayersModel with softmax over three classes. */
function tinyLayersModel(finalActivation: string): tfl.LayersModel {
  const input = tfl.input({ shape: [8, 8, 3] });
  const down = tfl.layers
    .conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'down' })
    .apply(input) as tfl.SymbolicTensor;
  const up = tfl.layers
    .upSampling2d({ size: [2, 2], interpolation: 'bilinear', name: 'up' })
    .apply(down) as tfl.SymbolicTensor;
  const out = tfl.layers
    .conv2d({ filters: 3, kernelSize: 1, activation: finalActivation as 'softmax', name: 'head' })
    .apply(up) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

/** A hand-written GraphModel: Placeholder → Conv2D (stride 2) → Relu "feat" → ResizeBilinear → Conv2D 1×1 (logits). */
function tinyGraph(extraOp?: string): tf.io.ModelArtifacts {
  const s = (v: string) => ({ s: btoa(v) });
  const f32 = { type: 'DT_FLOAT' };
  const conv = (name: string, inputs: string[], stride: number) => ({
    name,
    op: 'Conv2D',
    input: inputs,
    attr: {
      T: f32,
      strides: { list: { i: ['1', String(stride), String(stride), '1'] } },
      padding: s('SAME'),
      data_format: s('NHWC'),
      dilations: { list: { i: ['1', '1', '1', '1'] } },
    },
  });
  const konst = (name: string, dtype: string) => ({
    name,
    op: 'Const',
    attr: { dtype: { type: dtype }, value: { tensor: { dtype } } },
  });
  const node = [
    {
      name: 'image',
      op: 'Placeholder',
      attr: { dtype: f32, shape: { shape: { dim: [{ size: '1' }, { size: '8' }, { size: '8' }, { size: '3' }] } } },
    },
    konst('w1', 'DT_FLOAT'),
    konst('w2', 'DT_FLOAT'),
    konst('size', 'DT_INT32'),
    conv('conv1', ['image', 'w1'], 2),
    { name: 'feat', op: 'Relu', input: ['conv1'], attr: { T: f32 } },
    {
      name: 'upsampled',
      op: 'ResizeBilinear',
      input: ['feat', 'size'],
      attr: { T: f32, align_corners: { b: false }, half_pixel_centers: { b: true } },
    },
    conv('logits', ['upsampled', 'w2'], 1),
    ...(extraOp ? [{ name: 'loop', op: extraOp, input: ['logits'], attr: { T: f32 } }] : []),
  ];
  const w1 = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 1).dataSync() as Float32Array;
  const w2 = tf.randomNormal([1, 1, 4, 2], 0, 1, 'float32', 2).dataSync() as Float32Array;
  const data = new Uint8Array(w1.byteLength + w2.byteLength + 8);
  data.set(new Uint8Array(w1.buffer), 0);
  data.set(new Uint8Array(w2.buffer), w1.byteLength);
  data.set(new Uint8Array(Int32Array.from([8, 8]).buffer), w1.byteLength + w2.byteLength);
  return {
    format: 'graph-model',
    modelTopology: { node, versions: { producer: 1 } },
    weightSpecs: [
      { name: 'w1', shape: [3, 3, 3, 4], dtype: 'float32' },
      { name: 'w2', shape: [1, 1, 4, 2], dtype: 'float32' },
      { name: 'size', shape: [2], dtype: 'int32' },
    ],
    weightData: data.buffer,
  };
}

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

describe('custom LayersModel', () => {
  it('infers input size, classes and layers; softmax outputs are explained as log-probabilities', async () => {
    const keras = tinyLayersModel('softmax');
    const m = await createCustomModel(await saved(keras), OPTS, 'tiny');
    expect(m.inputSize).toEqual([8, 8]);
    expect(m.classes.map((c) => c.name)).toEqual(['sky', 'cat', 'dog']);
    expect(m.layers.map((l) => l.name)).toEqual(['down']);
    expect(m.defaultLayer).toBe('down');
    const x = m.preprocess(pixels);
    const scores = m.forward(x);
    const probs = keras.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(tf.exp(scores), probs))).dataSync()[0]).toBeLessThan(1e-4);
    const a = m.runToLayer(x, 'down');
    expect(tf.max(tf.abs(tf.sub(m.runFromLayer(x, 'down', a), scores))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('offers a residual Add of [T, D] tokens as its patch grid, and runs from it (token layers)', async () => {
    const input = tfl.input({ shape: [8, 8, 3] });
    const patches = tfl.layers.conv2d({ filters: 4, kernelSize: 2, strides: 2, name: 'embed' }).apply(input);
    const tokens = tfl.layers.reshape({ targetShape: [16, 4], name: 'flatten' }).apply(patches) as tfl.SymbolicTensor;
    const mlp = tfl.layers.dense({ units: 4, activation: 'tanh', name: 'mlp' }).apply(tokens) as tfl.SymbolicTensor;
    const block = tfl.layers.add({ name: 'block' }).apply([tokens, mlp]) as tfl.SymbolicTensor;
    const grid = tfl.layers.reshape({ targetShape: [4, 4, 4], name: 'grid' }).apply(block);
    const up = tfl.layers.upSampling2d({ size: [2, 2], name: 'up' }).apply(grid);
    const out = tfl.layers.conv2d({ filters: 3, kernelSize: 1, name: 'head' }).apply(up) as tfl.SymbolicTensor;
    const m = await createCustomModel(await saved(tfl.model({ inputs: input, outputs: out })), OPTS, 'vit');
    const layer = m.layers.find((l) => l.name === 'block');
    expect(layer).toMatchObject({ name: 'block', shape: [4, 4, 4], tokens: { tokens: 16, extra: 0, grid: [4, 4] } });
    expect(m.layers.some((l) => l.name === 'mlp')).toBe(false); // a Dense output is not the residual stream
    const x = tf.randomUniform([1, 8, 8, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const a = m.runToLayer(x, 'block');
    expect(a.shape).toEqual([1, 4, 4, 4]);
    // the grid is the tokens row by row: grid cell (1, 2) is token 6, and equals the 'grid' reshape's value
    expect(tf.max(tf.abs(tf.sub(a, m.runToLayer(x, 'grid')))).dataSync()[0]).toBe(0);
    expect(tf.max(tf.abs(tf.sub(m.runFromLayer(x, 'block', a), m.forward(x)))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('round-trips through files (model.json + shard) the way a user picks them', async () => {
    const a = await saved(tinyLayersModel('linear'));
    const json = JSON.stringify({
      modelTopology: a.modelTopology,
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }],
    });
    const files = [
      { name: 'model.json', bytes: new TextEncoder().encode(json).buffer as ArrayBuffer },
      { name: 'group1-shard1of1.bin', bytes: a.weightData as ArrayBuffer },
    ];
    const m = await createCustomModel(artifactsFromFiles(files), { ...OPTS, classNames: [] }, 'files');
    expect(m.classes.map((c) => c.name)).toEqual(['class 0', 'class 1', 'class 2']);
    // A truncated shard and a missing shard are refused with a reason.
    const truncated = [files[0]!, { name: 'group1-shard1of1.bin', bytes: (a.weightData as ArrayBuffer).slice(0, 10) }];
    expect(() => artifactsFromFiles(truncated)).toThrow(/truncated/);
    expect(() => artifactsFromFiles([files[0]!])).toThrow(/Missing weight file "group1-shard1of1.bin"/);
    // Too large for the browser: refused before anything is allocated on the backend (limit lowered for the test).
    expect(() => artifactsFromFiles(files, 100)).toThrow(/too large/);
  });

  it('refuses a model whose output is not [1, H, W, C]', async () => {
    const input = tfl.input({ shape: [8, 8, 3] });
    const flat = tfl.layers.flatten().apply(input) as tfl.SymbolicTensor;
    const dense = tfl.layers.dense({ units: 10 }).apply(flat) as tfl.SymbolicTensor;
    const classifier = tfl.model({ inputs: input, outputs: dense });
    await expect(createCustomModel(await saved(classifier), OPTS, 'clf')).rejects.toThrow(/output has shape \[1, 10\]/);
  });
});

describe('custom GraphModel', () => {
  it('runs a hand-written graph: layers by name, run-from-layer = forward, logits as scores', async () => {
    const m = await createCustomModel(tinyGraph(), { ...OPTS, classNames: ['a', 'b'] }, 'graph');
    expect(m.layers.map((l) => l.name)).toContain('feat');
    expect(m.layers.find((l) => l.name === 'feat')?.shape).toEqual([4, 4, 4]);
    const x = m.preprocess(pixels);
    const full = m.forward(x);
    expect(full.shape).toEqual([1, 8, 8, 2]);
    const a = m.runToLayer(x, 'feat');
    expect(tf.max(tf.abs(tf.sub(m.runFromLayer(x, 'feat', a), full))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('offers a residual AddV2 of [1, T, D] tokens as its patch grid (token layers in a GraphModel)', async () => {
    const g = tinyGraph();
    const f32 = { type: 'DT_FLOAT' };
    const nodes = (g.modelTopology as { node: { name: string; op: string; input?: string[] }[] }).node;
    const konst = (name: string) => ({
      name,
      op: 'Const',
      attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32' } } },
    });
    const reshape = (name: string, input: string, shape: string) => ({
      name,
      op: 'Reshape',
      input: [input, shape],
      attr: { T: f32, Tshape: { type: 'DT_INT32' } },
    });
    const upsampled = nodes.findIndex((n) => n.name === 'upsampled');
    nodes.splice(
      upsampled,
      0,
      konst('to_tokens'),
      konst('to_grid'),
      reshape('tokens', 'feat', 'to_tokens'),
      { name: 'mlp', op: 'Tanh', input: ['tokens'], attr: { T: f32 } } as never,
      { name: 'block', op: 'AddV2', input: ['tokens', 'mlp'], attr: { T: f32 } } as never,
      reshape('grid', 'block', 'to_grid'),
    );
    (nodes[upsampled + 6] as { input: string[] }).input[0] = 'grid';
    const extra = Int32Array.from([1, 16, 4, 1, 4, 4, 4]);
    const data = new Uint8Array((g.weightData as ArrayBuffer).byteLength + extra.byteLength);
    data.set(new Uint8Array(g.weightData as ArrayBuffer), 0);
    data.set(new Uint8Array(extra.buffer), (g.weightData as ArrayBuffer).byteLength);
    const artifacts = {
      ...g,
      weightSpecs: [
        ...(g.weightSpecs ?? []),
        { name: 'to_tokens', shape: [3], dtype: 'int32' as const },
        { name: 'to_grid', shape: [4], dtype: 'int32' as const },
      ],
      weightData: data.buffer,
    };
    const m = await createCustomModel(artifacts, { ...OPTS, classNames: ['a', 'b'] }, 'graph-vit');
    expect(m.layers.find((l) => l.name === 'block')).toMatchObject({
      shape: [4, 4, 4],
      tokens: { tokens: 16, extra: 0, grid: [4, 4] },
    });
    const x = m.preprocess(pixels);
    const a = m.runToLayer(x, 'block');
    expect(a.shape).toEqual([1, 4, 4, 4]);
    expect(tf.max(tf.abs(tf.sub(m.runFromLayer(x, 'block', a), m.forward(x)))).dataSync()[0]).toBeLessThan(1e-5);
    // the grid is the tokens row by row: feat + tanh(feat), cell by cell
    const feat = m.runToLayer(x, 'feat');
    expect(tf.max(tf.abs(tf.sub(a, tf.add(feat, tf.tanh(feat))))).dataSync()[0]).toBeLessThan(1e-6);
  });

  it('refuses control flow, which cannot be differentiated', async () => {
    await expect(createCustomModel(tinyGraph('Switch'), OPTS, 'loop')).rejects.toThrow(/control flow \(Switch\)/);
  });
});

describe('artifactsFromFiles', () => {
  it('explains corrupt JSON, a missing model.json and a non-model JSON', () => {
    const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
    expect(() => artifactsFromFiles([{ name: 'model.json', bytes: bytes('{"modelTopology": ') }])).toThrow(
      /not valid JSON/,
    );
    expect(() => artifactsFromFiles([{ name: 'weights.bin', bytes: bytes('x') }])).toThrow(/No model.json/);
    expect(() => artifactsFromFiles([{ name: 'package.json', bytes: bytes('{"name": "x"}') }])).toThrow(
      /not a TensorFlow.js model/,
    );
  });
});

describe('the default layer of a custom model', () => {
  const layer = (name: string, h: number) => ({ name, shape: [h, h, 8] as [number, number, number] });
  it('prefers a layer named bottleneck, even when a later layer has the same grid', () => {
    expect(bottleneckGuess([layer('enc1', 16), layer('bottleneck', 4), layer('dec0', 4), layer('dec1', 8)])).toBe(
      'bottleneck',
    );
    expect(bottleneckGuess([layer('enc1', 16), layer('model/bottleneck_conv', 4), layer('dec0', 4)])).toBe(
      'model/bottleneck_conv',
    );
  });
  it('otherwise takes the deepest layer with the smallest grid', () => {
    expect(bottleneckGuess([layer('enc1', 16), layer('mid', 4), layer('dec0', 4), layer('dec1', 8)])).toBe('dec0');
  });
});
