import * as tf from '@tensorflow/tfjs-core';
import { normAxis, type OpContext, type OpFn } from './context';

/** per-channel parameters [C] broadcast over NCHW (or any rank with channels on axis 1) */
const perChannel = (t: tf.Tensor, rank: number) => tf.reshape(t, [1, -1, ...Array(Math.max(0, rank - 2)).fill(1)]);

function batchNorm(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map((i) => perChannel(c.input(i), x.rank));
  const eps = c.float('epsilon', 1e-5);
  // inference form: y = (x − mean) · scale / √(var + ε) + bias
  const k = tf.div(scale as tf.Tensor, tf.sqrt(tf.add(variance as tf.Tensor, eps)));
  return tf.add(tf.mul(tf.sub(x, mean as tf.Tensor), k), bias as tf.Tensor);
}

function layerNorm(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const axis = normAxis(c.int('axis', -1), x.rank);
  const axes = Array.from({ length: x.rank - axis }, (_, i) => axis + i);
  const eps = c.float('epsilon', 1e-5);
  const mean = tf.mean(x, axes, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axes, true);
  let y = tf.div(centred, tf.sqrt(tf.add(variance, eps)));
  y = tf.mul(y, c.input(1));
  const bias = c.maybe(2);
  return bias ? tf.add(y, bias) : y;
}

function instanceNorm(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const axes = Array.from({ length: x.rank - 2 }, (_, i) => i + 2);
  const mean = tf.mean(x, axes, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axes, true);
  const y = tf.div(centred, tf.sqrt(tf.add(variance, c.float('epsilon', 1e-5))));
  return tf.add(tf.mul(y, perChannel(c.input(1), x.rank)), perChannel(c.input(2), x.rank));
}

/** matrix product with numpy broadcasting; a 2-D right side (a Linear's weight) folds the batch axes into rows */
function matMul(c: OpContext): tf.Tensor {
  const a = c.input(0);
  const b = c.input(1);
  if (b.rank === 2 && a.rank > 2) {
    const lead = a.shape.slice(0, -1);
    const y = tf.matMul(tf.reshape(a, [-1, a.shape[a.rank - 1] as number]), b as tf.Tensor2D);
    return tf.reshape(y, [...lead, b.shape[1] as number]);
  }
  if (a.rank === 1 || b.rank === 1)
    throw new Error(`MatMul ${c.node.name}: vector operands are not supported (rank ${a.rank} × ${b.rank}).`);
  const rank = Math.max(a.rank, b.rank);
  const lift = (t: tf.Tensor) => (t.rank < rank ? tf.reshape(t, [...Array(rank - t.rank).fill(1), ...t.shape]) : t);
  return tf.matMul(lift(a), lift(b));
}

function gemm(c: OpContext): tf.Tensor {
  const a = c.input(0) as tf.Tensor2D;
  const b = c.input(1) as tf.Tensor2D;
  let y: tf.Tensor = tf.matMul(a, b, c.int('transA', 0) === 1, c.int('transB', 0) === 1);
  const alpha = c.float('alpha', 1);
  if (alpha !== 1) y = tf.mul(y, alpha);
  const bias = c.maybe(2);
  if (bias) {
    const beta = c.float('beta', 1);
    y = tf.add(y, beta === 1 ? bias : tf.mul(bias, beta));
  }
  return y;
}

/** Softmax: opset ≥ 13 on one axis; before, on the flattened axes from `axis` on (default 1) */
function softmax(log: boolean): OpFn {
  return (c) => {
    const x = c.input(0);
    const f = log ? tf.logSoftmax : tf.softmax;
    if (c.opset >= 13) {
      const axis = normAxis(c.int('axis', -1), x.rank);
      if (axis === x.rank - 1) return f(x);
      const perm = [...Array(x.rank).keys()];
      perm[axis] = x.rank - 1;
      perm[x.rank - 1] = axis;
      return tf.transpose(f(tf.transpose(x, perm)), perm);
    }
    const axis = normAxis(c.int('axis', 1), x.rank);
    const outer = x.shape.slice(0, axis).reduce((p, q) => p * q, 1);
    return tf.reshape(f(tf.reshape(x, [outer, -1])), x.shape);
  };
}

function reduce(kind: 'mean' | 'sum' | 'max' | 'min'): OpFn {
  return (c) => {
    const x = c.input(0);
    // axes moved from an attribute to an input: in opset 13 for ReduceSum, in 18 for the others
    const fromInput = c.opset >= (kind === 'sum' ? 13 : 18);
    const axes = fromInput ? (c.node.inputs[1] ? c.consts(1) : undefined) : c.ints('axes');
    const keep = c.int('keepdims', 1) === 1;
    if ((!axes || axes.length === 0) && fromInput && c.int('noop_with_empty_axes', 0) === 1) return tf.clone(x);
    const ax = axes && axes.length > 0 ? axes.map((a) => normAxis(a, x.rank)) : undefined;
    const f = { mean: tf.mean, sum: tf.sum, max: tf.max, min: tf.min }[kind];
    return f(x, ax, keep);
  };
}

export const LINEAR: Record<string, OpFn> = {
  BatchNormalization: batchNorm,
  LayerNormalization: layerNorm,
  InstanceNormalization: instanceNorm,
  MatMul: matMul,
  Gemm: gemm,
  Softmax: softmax(false),
  LogSoftmax: softmax(true),
  ReduceMean: reduce('mean'),
  ReduceSum: reduce('sum'),
  ReduceMax: reduce('max'),
  ReduceMin: reduce('min'),
  ArgMax: (c) => {
    const x = c.input(0);
    const axis = normAxis(c.int('axis', 0), x.rank);
    const y = tf.argMax(x, axis);
    return c.int('keepdims', 1) === 1 ? tf.expandDims(y, axis) : y;
  },
};
