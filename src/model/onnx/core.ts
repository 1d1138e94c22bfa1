import * as tf from '@tensorflow/tfjs-core';
import type { LayerInfo } from '../../core/modelInfo';
import type { Core } from '../customCore';
import { onnxFlow } from './flow';
import { parseOnnx, type OnnxGraph } from './graph';
import { OnnxProgram } from './program';
import { BatchedPrograms } from './batched';
import { onnxRandomization } from './randomization';
import { tokenLayout } from '../tokenGrid';
import { toNchw, toNhwc } from './ops/spatial';

/** Values worth offering as layers: block outputs, not weights, shape arithmetic or one op's inner pieces. */
const FEATURE_OPS = new Set([
  'Conv',
  'ConvTranspose',
  'Relu',
  'LeakyRelu',
  'Clip',
  'HardSwish',
  'Add',
  'Sum',
  'Mul',
  'Concat',
  'BatchNormalization',
  'MaxPool',
  'AveragePool',
  'Resize',
  'Upsample',
  'Reshape',
  'Transpose',
]);

/** Largest batch a forward pass takes (the batch tuner times 1, 2, 4, 8 and keeps the fastest). */
const MAX_BATCH = 8;

/** The image input's fixed [H, W, C] from the file's [N, C, H, W] dims. */
function inputShape(graph: OnnxGraph): [number, number, number] {
  const input = graph.inputs[0];
  if (!input) throw new Error('The ONNX graph has no image input (every input is a weight).');
  if (graph.inputs.length > 1)
    throw new Error(`The ONNX graph has ${graph.inputs.length} inputs; one image input [1, C, H, W] is needed.`);
  const [, c, h, w] = input.dims;
  if (input.dims.length !== 4 || !c || !h || !w)
    throw new Error(
      `The ONNX input ${input.name} has dims [${input.dims.map((d) => d ?? '?').join(', ')}]; a fixed ` +
        '[1, C, H, W] input is needed (export without dynamic_axes for height and width).',
    );
  return [h, w, c];
}

/** A user's .onnx file as the common adapter's core: NHWC at its edges, ONNX's NCHW inside. */
export function onnxCore(bytes: Uint8Array): Core {
  const graph = parseOnnx(bytes);
  const [h, w, c] = inputShape(graph);
  const probe = tf.zeros([1, c, h, w]);
  let program: OnnxProgram;
  try {
    program = OnnxProgram.prepare(graph, probe);
  } finally {
    probe.dispose();
  }
  const last = graph.nodes.find((n) => n.outputs.includes(program.output));
  const fromNhwc = (t: tf.Tensor) => (t.rank === 4 ? toNchw(t) : t);
  const toLayout = (t: tf.Tensor) => (t.rank === 4 ? toNhwc(t) : t);
  const shapes = new Map(graph.initializers.map((t) => [t.name, t.shape]));
  const batched = new BatchedPrograms(graph, program, [c, h, w]);
  return {
    inputShape: [h, w, c],
    activation: last?.op === 'Softmax' ? 'softmax' : last?.op === 'Sigmoid' ? 'sigmoid' : null,
    runWithTaps: (x, taps) =>
      toLayout(program.run(toNchw(x), { taps: new Map([...taps].map(([n, t]) => [n, fromNhwc(t)])) })),
    run: (x, opts = {}) =>
      x.shape[0] > 1 && !opts.until && !opts.replace
        ? toLayout(batched.run(toNchw(x)))
        : toLayout(
            program.run(toNchw(x), {
              until: opts.until,
              replace: opts.replace && { name: opts.replace.layer, value: fromNhwc(opts.replace.value) },
            }),
          ),
    layers: (probeNhwc) => {
      // Only values the output depends on: a tap on another output's branch would get no gradient.
      const reaching = program.valuesReachingOutput();
      const names = program.plan
        .filter((n) => FEATURE_OPS.has(n.op))
        .flatMap((n) => n.outputs.filter((o) => o && o !== program.output && reaching.has(o)));
      // Token layers: the residual stream (an Add of two computed values), not a Linear's bias Add.
      const computed = new Set(program.plan.flatMap((n) => n.outputs));
      const residual = new Set(
        program.plan
          .filter((n) => n.op === 'Add' && n.inputs.every((i) => computed.has(i) || i === program.input))
          .flatMap((n) => n.outputs),
      );
      const outs = tf.tidy(() => program.runMany(toNchw(probeNhwc), names).map((t) => tf.keep(t.clone())));
      // A feature map keeps the image's aspect (one stride for both axes); attention's [B, heads, T, d] does not.
      const onGrid = (lh: number, lw: number) => Math.abs(Math.log((lh / lw) * (w / h))) < Math.log(1.5);
      const layers: LayerInfo[] = [];
      names.forEach((name, i) => {
        const t = outs[i] as tf.Tensor;
        const [b, k, lh, lw] = t.shape;
        if (t.rank === 4 && b === 1 && k && lh && lw && lh >= 2 && lw >= 2 && lh < h && lw < w && onGrid(lh, lw))
          layers.push({ name, shape: [lh, lw, k] });
        if (t.rank === 3 && b === 1 && residual.has(name)) {
          const [, count, dim] = t.shape as [number, number, number];
          const tokens = tokenLayout(count, [h, w]);
          if (tokens) layers.push({ name, shape: [...tokens.grid, dim], tokens });
        }
        t.dispose();
      });
      return layers;
    },
    flow: onnxFlow(program.plan, program.output, (n) => shapes.get(n)),
    maxBatch: MAX_BATCH,
    randomization: onnxRandomization(program),
    dispose: () => {
      batched.dispose();
      program.dispose();
    },
  };
}
