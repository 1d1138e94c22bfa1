import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { registerGradientFixes } from '../../explain/gradientFixes';
import { parseOnnx, type OnnxGraph } from './graph';
import { missingOperators, OnnxProgram, UnsupportedOperatorsError } from './program';

const DIR = join(__dirname, 'fixtures');
interface Fixture {
  file: string;
  opset: number;
  input: [number, number, number, number];
  ops: Record<string, number>;
}
const FIXTURES = (JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as { models: Fixture[] }).models;
const bytes = (f: Fixture) => new Uint8Array(readFileSync(join(DIR, f.file)));

/** seeded uniform [0, 1) values (mulberry32) */
function randomInput(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  });
}

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes(); // as the engine does: tfjs's own dilated and depthwise gradients are wrong
  ort.env.wasm.numThreads = 1;
});

describe('every fixture runs as tfjs ops and matches ONNX Runtime (≤ 1e-4)', () => {
  it.each(FIXTURES.map((f) => [f.file, f] as const))('%s', async (_, f) => {
    const size = f.input.reduce((a, b) => a * b, 1);
    const values = randomInput(size, 7);
    const session = await ort.InferenceSession.create(bytes(f));
    const expected = (await session.run({ image: new ort.Tensor('float32', values, f.input) })).logits as ort.Tensor;
    const before = tf.memory().numTensors;
    const program = OnnxProgram.prepare(parseOnnx(bytes(f)), tf.zeros(f.input));
    const got = tf.tidy(() => program.run(tf.tensor(values, f.input)));
    expect(got.shape).toEqual(expected.dims);
    const g = got.dataSync();
    const e = expected.data as Float32Array;
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < e.length; i++) {
      worst = Math.max(worst, Math.abs((g[i] as number) - (e[i] as number)));
      scale = Math.max(scale, Math.abs(e[i] as number));
    }
    expect(scale).toBeGreaterThan(1e-3); // a model that outputs zeros would prove nothing
    expect(worst).toBeLessThanOrEqual(1e-4 * Math.max(1, scale));
    got.dispose();
    program.dispose();
    expect(tf.memory().numTensors).toBe(before + 1); // the probe
    await session.release();
  });

  it('the fixtures cover every operator the issue lists', () => {
    const covered = new Set(FIXTURES.flatMap((f) => Object.keys(f.ops)));
    const listed = [
      'Conv',
      'ConvTranspose',
      'BatchNormalization',
      'Relu',
      'Sigmoid',
      'HardSigmoid',
      'HardSwish',
      'Clip',
    ]
      .concat(['Add', 'Sub', 'Mul', 'Div', 'Concat', 'Resize', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'Gemm'])
      .concat(['MatMul', 'Reshape', 'Transpose', 'Flatten', 'Softmax', 'LayerNormalization', 'Erf', 'Pow', 'Sqrt'])
      .concat(['ReduceMean', 'Slice', 'Split', 'Pad', 'Squeeze', 'Unsqueeze']);
    expect(listed.filter((op) => !covered.has(op))).toEqual([]);
  });
});

describe('a model with operators the importer lacks', () => {
  const graph: OnnxGraph = {
    nodes: ['Relu', 'NonMaxSuppression', 'Loop', 'NonMaxSuppression', 'Relu'].map((op, i) => ({
      name: `n${i}`,
      op,
      inputs: [i === 0 ? 'x' : `v${i - 1}`],
      outputs: [`v${i}`],
      attrs: new Map(),
    })),
    initializers: [],
    inputs: [{ name: 'x', dims: [1, 3, 4, 4] }],
    outputs: [{ name: 'v4', dims: [1, 3, 4, 4] }],
    opset: 13,
    producer: 'test',
  };

  it('lists each missing operator with its count, most frequent first', () => {
    expect(missingOperators(graph)).toEqual([
      ['NonMaxSuppression', 2],
      ['Loop', 1],
    ]);
  });

  it('is refused before anything runs, with that list in the message, and nothing leaks', () => {
    const probe = tf.zeros([1, 3, 4, 4]);
    const before = tf.memory().numTensors;
    expect(() => OnnxProgram.prepare(graph, probe)).toThrow(UnsupportedOperatorsError);
    expect(() => OnnxProgram.prepare(graph, probe)).toThrow('NonMaxSuppression ×2, Loop ×1');
    expect(tf.memory().numTensors).toBe(before);
    probe.dispose();
  });

  it('a file that is not ONNX gives a clear message', () => {
    expect(() => parseOnnx(new TextEncoder().encode('{"modelTopology": {}}'))).toThrow(
      /not a valid ONNX file|no graph/,
    );
  });
});

describe('gradients through the imported graph match central finite differences', () => {
  // S = Σ over a region of one class's logits; ∂S/∂x at the input pixels where it is largest
  it.each(['unet.onnx', 'segformer.onnx', 'deeplabv3-mobilenetv3.onnx', 'vit-seg.onnx', 'ops-zoo-17.onnx'])(
    '%s',
    (file) => {
      const f = FIXTURES.find((x) => x.file === file) as Fixture;
      const program = OnnxProgram.prepare(parseOnnx(bytes(f)), tf.zeros(f.input));
      const x0 = tf.tensor(
        randomInput(
          f.input.reduce((a, b) => a * b, 1),
          3,
        ),
        f.input,
      );
      const [, , h, w] = f.input;
      const region = tf.tidy(() => {
        const m = tf.buffer([1, 1, h, w]);
        for (let i = h / 4; i < h / 2; i++) for (let j = w / 4; j < w / 2; j++) m.set(1, 0, 0, i, j);
        return m.toTensor();
      });
      const score = (x: tf.Tensor) =>
        tf.tidy(() => tf.sum(tf.mul(tf.slice(program.run(x), [0, 1, 0, 0], [1, 1, h, w]), region)));
      const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => score(x))(x0));
      const g = grad.dataSync();
      const order = [...g.keys()].sort((a, b) => Math.abs(g[b] as number) - Math.abs(g[a] as number)).slice(0, 6);
      const base = x0.dataSync();
      const eps = 1e-2;
      for (const i of order) {
        const at = (d: number) => {
          const v = Float32Array.from(base);
          v[i] = (v[i] as number) + d;
          const t = tf.tensor(v, f.input);
          const s = score(t).dataSync()[0] as number;
          t.dispose();
          return s;
        };
        const fd = (at(eps) - at(-eps)) / (2 * eps);
        expect(Math.abs(fd - (g[i] as number))).toBeLessThanOrEqual(0.03 * Math.abs(g[i] as number) + 1e-3);
      }
      [x0, region, grad].forEach((t) => t.dispose());
      program.dispose();
    },
  );
});
