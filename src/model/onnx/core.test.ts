import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { DEFAULT_CUSTOM_OPTIONS } from '../../core/modelInfo';
import { registerGradientFixes } from '../../explain/gradientFixes';
import onnxProto from 'onnx-proto';
import { createOnnxModel } from '../custom';
import { parseOnnx } from './graph';
import { OnnxProgram } from './program';
import { BatchedPrograms } from './batched';

const { onnx } = onnxProto;

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, 'fixtures', name)));
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

describe('an ONNX file behind the common adapter', () => {
  it('torchvision DeepLabV3-MobileNetV3 (small): NHWC scores, layers, run-from-layer = forward, no leak', async () => {
    const before = tf.memory().numTensors;
    const model = await createOnnxModel(fixture('deeplabv3-mobilenetv3.onnx'), DEFAULT_CUSTOM_OPTIONS, 'dl.onnx');
    expect(model.inputSize).toEqual([64, 64]);
    expect(model.outputSize).toEqual([64, 64]);
    expect(model.classes).toHaveLength(4);
    expect(model.layers.length).toBeGreaterThan(20);
    for (const l of model.layers) expect(l.shape[0]).toBeLessThan(64);
    const x = tf.randomUniform([1, 64, 64, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const y = model.forward(x);
    expect(y.shape).toEqual([1, 64, 64, 4]);
    // the default layer and a layer in the ASPP head both give back the forward pass
    for (const layer of [model.defaultLayer, model.layers[model.layers.length - 2]?.name as string]) {
      const a = model.runToLayer(x, layer);
      const info = model.layers.find((l) => l.name === layer);
      expect(a.shape.slice(1)).toEqual(info?.shape);
      const z = model.runFromLayer(x, layer, a);
      expect(maxDiff(z, y)).toBeLessThan(1e-5);
      [a, z].forEach((t) => t.dispose());
    }
    // the gradient of a region's score w.r.t. the layer is non-zero and finite
    const a = model.runToLayer(x, model.defaultLayer);
    const g = tf.grad((act: tf.Tensor) =>
      tf.sum(tf.slice(model.runFromLayer(x, model.defaultLayer, act as tf.Tensor4D), [0, 20, 20, 1], [1, 8, 8, 1])),
    )(a);
    const gs = g.dataSync();
    expect(gs.every(Number.isFinite)).toBe(true);
    expect(gs.some((v) => v !== 0)).toBe(true);
    [x, y, a, g].forEach((t) => t.dispose());
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a ViT with a class token: blocks as 8×8 token grids, run from them, gradients = differences', async () => {
    const model = await createOnnxModel(fixture('vit-seg.onnx'), DEFAULT_CUSTOM_OPTIONS, 'vit.onnx');
    const tokenLayers = model.layers.filter((l) => l.tokens);
    expect(tokenLayers).toHaveLength(4); // two blocks, two residual Adds each (not the position-embedding Add)
    for (const l of tokenLayers) expect(l).toMatchObject({ shape: [8, 8, 32], tokens: { tokens: 65, extra: 1 } });
    const layer = (tokenLayers[3] as { name: string }).name;
    const x = tf.randomUniform([1, 64, 64, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const y = model.forward(x);
    const a = model.runToLayer(x, layer);
    expect(maxDiff(model.runFromLayer(x, layer, a), y)).toBeLessThan(1e-5);
    const S = (t: tf.Tensor4D) =>
      tf.sum(tf.slice(model.runFromLayer(x, layer, t), [0, 8, 40, 2], [1, 16, 16, 1])) as tf.Scalar;
    const g = tf.grad((t: tf.Tensor) => S(t as tf.Tensor4D))(a);
    const v = tf.randomNormal(a.shape, 0, 1, 'float32', 4);
    const eps = 1e-2;
    const at = (s: number) => S(tf.add(a, tf.mul(v, s)) as tf.Tensor4D).dataSync()[0] as number;
    const fd = (at(eps) - at(-eps)) / (2 * eps);
    const analytic = tf.sum(tf.mul(g, v)).dataSync()[0] as number;
    expect(Math.abs(fd)).toBeGreaterThan(1e-3);
    expect(Math.abs(analytic - fd) / Math.abs(fd)).toBeLessThan(0.005);
    // Taps on token layers (the class token put back as zeros) give the same ∂S/∂A as running from each layer.
    const names = [tokenLayers[1]?.name as string, layer];
    const taps = names.map(() => tf.zeros([1, 8, 8, 32]));
    const tapped = tf.grads((...t: tf.Tensor[]) =>
      tf.sum(
        tf.slice(
          model.runWithTaps!(x, new Map(names.map((n, i) => [n, t[i] as tf.Tensor4D]))),
          [0, 8, 40, 2],
          [1, 16, 16, 1],
        ),
      ),
    )(taps);
    names.forEach((n, i) => {
      const an = model.runToLayer(x, n);
      const one = tf.grad((t: tf.Tensor) =>
        tf.sum(tf.slice(model.runFromLayer(x, n, t as tf.Tensor4D), [0, 8, 40, 2], [1, 16, 16, 1])),
      )(an);
      const scale = tf.max(tf.abs(one)).dataSync()[0] as number;
      expect(scale).toBeGreaterThan(0);
      expect(maxDiff(tapped[i] as tf.Tensor, one) / scale).toBeLessThan(1e-5);
    });
    model.dispose();
  });

  it('lists only layers the logits depend on (a second output’s branch would get no gradient)', async () => {
    const plain = await createOnnxModel(fixture('unet.onnx'), DEFAULT_CUSTOM_OPTIONS, 'unet.onnx');
    const reluOut = plain.layers.find((l) => l.name.endsWith('Relu_output_0'))?.name as string;
    plain.dispose();
    const m = onnx.ModelProto.decode(fixture('unet.onnx'));
    const g = m.graph as NonNullable<typeof m.graph>;
    g.node?.push(onnx.NodeProto.create({ opType: 'Relu', input: [reluOut], output: ['aux_head'] }));
    g.output?.push(onnx.ValueInfoProto.create({ name: 'aux_head' }));
    const model = await createOnnxModel(onnx.ModelProto.encode(m).finish(), DEFAULT_CUSTOM_OPTIONS, 'aux.onnx');
    const names = model.layers.map((l) => l.name);
    expect(names).toContain(reluOut);
    expect(names).not.toContain('aux_head');
    model.dispose();
  });

  it('the sanity check re-draws weights from the output down and puts them back exactly', async () => {
    const model = await createOnnxModel(fixture('unet.onnx'), DEFAULT_CUSTOM_OPTIONS, 'unet.onnx');
    const x = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const y = model.forward(x);
    const r = model.randomizeWeights?.(1);
    expect(r).toBeDefined();
    if (!r) return;
    expect(r.steps.length).toBeGreaterThan(2);
    expect(r.steps[0]?.layers).toHaveLength(1); // the output layer alone
    const changed = r.run(0, () => {
      const z = model.forward(x);
      const d = maxDiff(z, y);
      z.dispose();
      return d;
    });
    expect(changed).toBeGreaterThan(1e-3);
    const back = model.forward(x);
    expect(maxDiff(back, y)).toBe(0);
    [x, y, back].forEach((t) => t.dispose());
    r.dispose();
    model.dispose();
  });

  it('batches: a program per batch size, checked against single images (literal batch 1 falls back)', async () => {
    const singlesOf = (m: { forward(x: tf.Tensor4D): tf.Tensor4D }, x: tf.Tensor4D) =>
      tf.concat([0, 1, 2].map((i) => m.forward(tf.slice(x, [i, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D)));
    const x = tf.randomUniform([3, 32, 32, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
    const plain = await createOnnxModel(fixture('unet.onnx'), DEFAULT_CUSTOM_OPTIONS, 'unet.onnx');
    expect(plain.maxBatch).toBeGreaterThan(1);
    expect(maxDiff(plain.forward(x), singlesOf(plain, x))).toBeLessThan(1e-5);
    // The same UNet with its logits passed through Reshape [1, −1] → Softmax → Reshape [−1, K, 32, 32]: a literal
    // batch of 1, so a batch program would mix the images' logits in one softmax.
    const m = onnx.ModelProto.decode(fixture('unet.onnx'));
    const g = m.graph as NonNullable<typeof m.graph>;
    const out = g.output?.[0]?.name as string;
    const k = Number(g.output?.[0]?.type?.tensorType?.shape?.dim?.[1]?.dimValue);
    for (const n of g.node ?? []) n.output = (n.output ?? []).map((o) => (o === out ? 'pre' : o));
    const shape = (name: string, dims: number[]) =>
      onnx.TensorProto.create({
        name,
        dataType: onnx.TensorProto.DataType.INT64,
        dims: [dims.length],
        int64Data: dims,
      });
    g.initializer?.push(shape('flat_shape', [1, -1]), shape('back_shape', [-1, k, 32, 32]));
    g.node?.push(
      onnx.NodeProto.create({ opType: 'Reshape', input: ['pre', 'flat_shape'], output: ['flat'] }),
      onnx.NodeProto.create({
        opType: 'Softmax',
        input: ['flat'],
        output: ['soft'],
        attribute: [onnx.AttributeProto.create({ name: 'axis', i: 1, type: onnx.AttributeProto.AttributeType.INT })],
      }),
      onnx.NodeProto.create({ opType: 'Reshape', input: ['soft', 'back_shape'], output: [out] }),
    );
    const bytes = onnx.ModelProto.encode(m).finish();
    const literal = await createOnnxModel(bytes, { ...DEFAULT_CUSTOM_OPTIONS, outputIs: 'logits' }, 'literal.onnx');
    const graph = parseOnnx(bytes);
    const single = OnnxProgram.prepare(graph, tf.zeros([1, 3, 32, 32]));
    const batch = OnnxProgram.prepare(graph, tf.zeros([3, 3, 32, 32]), single.weights());
    const nchw = tf.transpose(x, [0, 3, 1, 2]);
    const mixed = batch.run(nchw);
    const checked = new BatchedPrograms(graph, single, [3, 32, 32]);
    expect(
      maxDiff(
        checked.run(nchw),
        tf.concat([0, 1, 2].map((i) => single.run(tf.slice(nchw, [i, 0, 0, 0], [1, -1, -1, -1])))),
      ),
    ).toBe(0);
    expect(checked.working()).toEqual([]);
    checked.dispose();
    const plainGraph = parseOnnx(fixture('unet.onnx'));
    const plainSingle = OnnxProgram.prepare(plainGraph, tf.zeros([1, 3, 32, 32]));
    const works = new BatchedPrograms(plainGraph, plainSingle, [3, 32, 32]);
    works.run(nchw);
    works.run(tf.slice(nchw, [0, 0, 0, 0], [2, -1, -1, -1]));
    expect(works.working()).toEqual([3, 2]);
    works.dispose();
    plainSingle.dispose();
    const apart = tf.concat([0, 1, 2].map((i) => single.run(tf.slice(nchw, [i, 0, 0, 0], [1, -1, -1, -1]))));
    expect(maxDiff(mixed, apart)).toBeGreaterThan(1e-7); // the check has something to catch
    expect(maxDiff(literal.forward(x), singlesOf(literal, x))).toBeLessThan(1e-7);
    batch.dispose();
    expect(single.weights().size).toBeGreaterThan(0); // the batch program's dispose left the shared weights alone
    expect(
      maxDiff(
        single.run(tf.slice(nchw, [0, 0, 0, 0], [1, -1, -1, -1])),
        tf.slice(apart, [0, 0, 0, 0], [1, -1, -1, -1]),
      ),
    ).toBe(0);
    [plain, literal].forEach((mm) => mm.dispose());
    single.dispose();
  });

  it('refuses clearly: not ONNX, a dynamic input size, operators it lacks', async () => {
    await expect(createOnnxModel(new Uint8Array([1, 2, 3, 4, 5]), DEFAULT_CUSTOM_OPTIONS, 'x.onnx')).rejects.toThrow(
      /not a valid ONNX file|no graph/,
    );
    const edited = (edit: (m: InstanceType<typeof onnx.ModelProto>) => void) => {
      const m = onnx.ModelProto.decode(fixture('unet.onnx'));
      edit(m);
      return onnx.ModelProto.encode(m).finish();
    };
    const dynamic = edited((m) => {
      const dim = m.graph?.input?.[0]?.type?.tensorType?.shape?.dim?.[2];
      if (dim) Object.assign(dim, { dimValue: null, dimParam: 'height' });
    });
    await expect(createOnnxModel(dynamic, DEFAULT_CUSTOM_OPTIONS, 'x.onnx')).rejects.toThrow(
      'dims [1, 3, ?, 32]; a fixed [1, C, H, W] input is needed',
    );
    const exotic = edited((m) => {
      for (const n of m.graph?.node ?? []) if (n.opType === 'Relu') n.opType = 'Celu';
    });
    await expect(createOnnxModel(exotic, DEFAULT_CUSTOM_OPTIONS, 'x.onnx')).rejects.toThrow(
      'operators the app cannot run yet: Celu ×5',
    );
  });
});
