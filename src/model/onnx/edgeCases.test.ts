import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { parseOnnx } from './graph';
import { OnnxProgram } from './program';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A one-operator ONNX file: image [1, 1, h, w] → op(image, ...constant inputs) → logits. */
function oneOp(
  op: string,
  size: [number, number],
  attrs: Record<string, number | number[] | string>,
  consts: { name: string; dims: number[]; int64: number[] }[] = [],
): Uint8Array {
  const info = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: FLOAT, shape: { dim: [1, 1, ...size].map((d) => ({ dimValue: d })) } } },
    });
  const attribute = Object.entries(attrs).map(([name, v]) =>
    typeof v === 'string'
      ? onnx.AttributeProto.create({
          name,
          s: new TextEncoder().encode(v),
          type: onnx.AttributeProto.AttributeType.STRING,
        })
      : Array.isArray(v)
        ? onnx.AttributeProto.create({ name, ints: v, type: onnx.AttributeProto.AttributeType.INTS })
        : onnx.AttributeProto.create({ name, i: v, type: onnx.AttributeProto.AttributeType.INT }),
  );
  const graph = onnx.GraphProto.create({
    name: op,
    node: [
      onnx.NodeProto.create({
        opType: op,
        input: ['image', ...consts.map((c) => c.name)],
        output: ['logits'],
        attribute,
      }),
    ],
    input: [info('image')],
    output: [onnx.ValueInfoProto.create({ name: 'logits', type: { tensorType: { elemType: FLOAT } } })],
    initializer: consts.map((c) =>
      onnx.TensorProto.create({
        name: c.name,
        dims: c.dims,
        dataType: onnx.TensorProto.DataType.INT64,
        int64Data: c.int64,
      }),
    ),
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

/** Our output and ONNX Runtime's for the same ramp input. */
async function both(bytes: Uint8Array, size: [number, number]): Promise<[number[], number[], number[]]> {
  const values = Float32Array.from({ length: size[0] * size[1] }, (_, i) => 1 + i);
  const session = await ort.InferenceSession.create(bytes);
  const want = (await session.run({ image: new ort.Tensor('float32', values, [1, 1, ...size]) })).logits as ort.Tensor;
  const program = OnnxProgram.prepare(parseOnnx(bytes), tf.zeros([1, 1, ...size]));
  const got = tf.tidy(() => program.run(tf.tensor(values, [1, 1, ...size])));
  const out: [number[], number[], number[]] = [
    Array.from(got.dataSync()),
    Array.from(want.data as Float32Array),
    got.shape,
  ];
  got.dispose();
  program.dispose();
  await session.release();
  return out;
}

beforeAll(async () => {
  await useCpuBackend();
  ort.env.wasm.numThreads = 1;
});

describe('operator edge cases, each against ONNX Runtime', () => {
  it.each([
    ['AveragePool ceil_mode + count_include_pad (PyTorch’s AvgPool2d default)', { count_include_pad: 1 }],
    ['AveragePool ceil_mode, padding excluded', { count_include_pad: 0 }],
  ])('%s', async (_, extra) => {
    const bytes = oneOp('AveragePool', [6, 6], {
      kernel_shape: [3, 3],
      strides: [2, 2],
      pads: [1, 1, 1, 1],
      ceil_mode: 1,
      ...extra,
    });
    const [got, want, shape] = await both(bytes, [6, 6]);
    expect(shape).toEqual([1, 1, 4, 4]);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] as number, 4));
  });

  it('Slice with a negative step and a start far below zero keeps element 0', async () => {
    const consts = [
      { name: 'starts', dims: [1], int64: [-100] },
      { name: 'ends', dims: [1], int64: [-100] },
      { name: 'axes', dims: [1], int64: [3] },
      { name: 'steps', dims: [1], int64: [-1] },
    ];
    // starts −100 → clamped to 0 for a negative step; ends −100 → −1: one column, column 0
    const [got, want, shape] = await both(oneOp('Slice', [2, 5], {}, consts), [2, 5]);
    expect(shape).toEqual([1, 1, 2, 1]);
    expect(got).toEqual(want);
  });

  it('refuses what it would get wrong, by name: Pad wrap, Resize antialias', () => {
    const pads = [{ name: 'pads', dims: [8], int64: [0, 0, 1, 1, 0, 0, 1, 1] }];
    expect(() =>
      OnnxProgram.prepare(parseOnnx(oneOp('Pad', [4, 4], { mode: 'wrap' }, pads)), tf.zeros([1, 1, 4, 4])),
    ).toThrow('mode "wrap" is not supported');
    const scales = [
      { name: 'roi', dims: [0], int64: [] },
      { name: 'scales', dims: [0], int64: [] },
      { name: 'sizes', dims: [4], int64: [1, 1, 2, 2] },
    ];
    expect(() =>
      OnnxProgram.prepare(
        parseOnnx(oneOp('Resize', [4, 4], { mode: 'linear', antialias: 1 }, scales)),
        tf.zeros([1, 1, 4, 4]),
      ),
    ).toThrow('antialias is not supported');
  });
});
